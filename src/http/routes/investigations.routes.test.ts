import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '#core/access/roles.js';
import { createAesGcmCipher } from '#platform/crypto/aes-gcm-cipher.js';
import type { Core } from '#src/app.js';
import { fixedClock } from '#test/clock.js';
import {
  createSecurityCore,
  jsonHeaders,
  newOrganisation,
  newUser,
  sessionCookie,
} from '#test/security.js';
import { createHttpApp } from '../app.js';

const JUSTIFICATION = {
  caseReference: 'C-2026-0001',
  purpose: 'investigation',
  text: 'Production order PO-17 served on the ISP',
};
const SUBJECT = 'sub_00000000000000000abc';
const IP = '142.51.17.9';
const OBSERVED = '2026-03-14T18:30:05Z';
/** The text a PDF shows (pdfkit writes hex strings in TJ arrays, split at kerning pairs). */
const pdfText = (pdf: Buffer) =>
  [...pdf.toString('latin1').matchAll(/\[(.*?)\] TJ/g)]
    .map((m) =>
      [...m[1]!.matchAll(/<([0-9a-f]+)>/g)]
        .map((h) => Buffer.from(h[1]!, 'hex').toString('latin1'))
        .join(''),
    )
    .join(' ')
    .replace(/\s+/g, ' ');
const sha = (s: string) => createHash('sha256').update(s).digest('hex');

describe('investigations API: cases, legal authority, identities, readiness, referrals', () => {
  const clock = fixedClock('2026-04-01T12:00:00Z');
  let core: Core;
  let app: ReturnType<typeof createHttpApp>;
  const cookies = new Map<string, string>();
  const userIds = new Map<string, string>();
  let otherAgencyCode: string;
  let caseId: string;
  let authorityId: string;

  beforeAll(async () => {
    core = await createSecurityCore({
      clock,
      security: { cipher: createAesGcmCipher(randomBytes(32)) },
    });
    app = createHttpApp(core);
    const unit = await newOrganisation(core);
    const other = await newOrganisation(core);
    otherAgencyCode = other.code;
    const people: Array<[string, string, Role]> = [
      ['investigator', unit.id, 'investigator'],
      ['colleague', unit.id, 'investigator'],
      ['supervisor', unit.id, 'supervisor'],
      ['analyst', unit.id, 'analyst'],
      ['outsider', other.id, 'investigator'],
      ['outsideSupervisor', other.id, 'supervisor'],
    ];
    for (const [name, org, role] of people) {
      const user = await newUser(core, org, [role]);
      userIds.set(name, user.id);
      cookies.set(name, await sessionCookie(core, user.id));
    }
    // A subject seen on two days at the same address, as intake and linking would store it.
    const db = core.handle.db;
    const journal = await db
      .insertInto('importJournal')
      .values({ fileSha256: sha('f'), fileName: 'p2p.csv', format: 'p2p-csv' })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db
      .insertInto('subject')
      .values({
        key: SUBJECT,
        agencyCode: unit.code,
        observationCount: 2,
        tipPersonCount: 0,
        linkCount: 1,
        updatedAt: clock.now(),
      })
      .execute();
    for (const [n, observedAt] of [OBSERVED, '2026-03-16T02:10:00Z'].entries()) {
      const id = sha(`obs${n}`);
      await db
        .insertInto('observation')
        .values({
          id,
          observedAt: new Date(observedAt),
          observedOffset: '+00:00',
          network: 'bittorrent',
          ip: IP,
          port: 51413,
          hashType: 'sha1',
          hash: 'a9993e364706816aba3e25717850c26c9cd0d89d',
          evidenceKind: 'query_hit',
          observer: 'station-1',
          importId: journal.id,
          sourceFile: 'p2p.csv',
          sourceLine: n + 2,
        })
        .execute();
      await db
        .insertInto('subjectMember')
        .values({ nodeRef: `obs:${id}`, subjectKey: SUBJECT, observationId: id })
        .execute();
    }
  });
  afterAll(async () => core.close());

  async function call(who: string, method: string, path: string, body?: unknown) {
    const res = await app.request(`http://localhost/api${path}`, {
      method,
      headers: jsonHeaders({ cookie: cookies.get(who)! }),
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    // oxlint-disable-next-line typescript/no-explicit-any -- the tests read JSON bodies loosely
    return { status: res.status, body: (await res.json()) as Record<string, any> };
  }
  const identityBody = (over: Record<string, unknown> = {}) => ({
    subjectKey: SUBJECT,
    authorityId,
    ip: IP,
    port: 51413,
    observedAt: OBSERVED,
    ispTimeZone: 'America/Toronto',
    ispLocalTime: '2026-03-14T14:30:05',
    name: 'Canary Subscriber Zqxj',
    installationAddress: '12 Elm St, Sudbury',
    billingAddress: 'PO Box 9, Sudbury',
    contact: '705-555-0199',
    justification: JUSTIFICATION,
    ...over,
  });
  const pdf = async (body: unknown) => {
    const res = await app.request(`http://localhost/api/cases/${caseId}/package/pdf`, {
      method: 'POST',
      headers: jsonHeaders({ cookie: cookies.get('investigator')! }),
      body: JSON.stringify(body),
    });
    return {
      status: res.status,
      type: res.headers.get('content-type'),
      bytes: Buffer.from(await res.arrayBuffer()),
    };
  };
  const identities = () => core.handle.db.selectFrom('subscriberIdentity').selectAll().execute();
  const auditRows = (action: string) =>
    core.handle.db
      .selectFrom('auditLog')
      .select(['entry', 'outcome'])
      .where('action', '=', action)
      .orderBy('seq')
      .execute();

  it('opens a case from a subject for the caller’s agency, and hides it from another agency (404)', async () => {
    const opened = await call('investigator', 'POST', '/cases', {
      title: 'BitTorrent distribution, Sudbury',
      subjectKeys: [SUBJECT],
    });
    expect(opened.status).toBe(201);
    expect(opened.body).toMatchObject({
      state: 'lead',
      reference: 'C-2026-0001',
      subjectKeys: [SUBJECT],
    });
    caseId = opened.body.id;
    // The opener takes the case unless another investigator is named.
    expect(opened.body.investigatorId).toBe(userIds.get('investigator'));
    expect((await call('investigator', 'GET', `/cases/${caseId}`)).body.handMoves).toEqual([
      'assessed',
      'closed',
    ]);
    const named = await call('investigator', 'POST', '/cases', {
      title: 'For a colleague',
      subjectKeys: [SUBJECT],
      investigatorId: userIds.get('colleague'),
    });
    expect(named.body.investigatorId).toBe(userIds.get('colleague'));
    const foreign = await call('outsider', 'GET', `/cases/${caseId}`);
    expect(foreign.status).toBe(404);
    expect(foreign.body).toEqual({ error: { code: 'not_found', message: 'Not found' } });
    expect((await call('outsider', 'GET', '/cases')).body.total).toBe(0);
    expect(
      (await call('outsider', 'POST', `/cases/${caseId}/transitions`, { to: 'assessed' })).status,
    ).toBe(404);
    // Analysts triage; they do not work cases.
    expect((await call('analyst', 'GET', '/cases')).status).toBe(404);
    expect(
      (
        await call('investigator', 'POST', '/cases', {
          title: 'x',
          subjectKeys: ['sub_0000000000000000ffff'],
        })
      ).body.error.code,
    ).toBe('validation_failed');
    // Another agency's subject is as unknown to the outsider as a missing one: no case on it.
    const outsiderCase = await call('outsider', 'POST', '/cases', {
      title: 'not ours',
      subjectKeys: [SUBJECT],
    });
    expect(outsiderCase.status).toBe(400);
    expect(outsiderCase.body.error.code).toBe('validation_failed');
  });

  it('enforces the workflow: no skipping, closing needs a disposition', async () => {
    expect(
      (
        await call('investigator', 'POST', `/cases/${caseId}/transitions`, {
          to: 'legal_process_requested',
        })
      ).status,
    ).toBe(409);
    expect(
      (await call('investigator', 'POST', `/cases/${caseId}/transitions`, { to: 'assessed' })).body
        .state,
    ).toBe('assessed');
    expect(
      (await call('investigator', 'POST', `/cases/${caseId}/transitions`, { to: 'closed' })).status,
    ).toBe(400);
    expect(
      (
        await call('investigator', 'POST', `/cases/${caseId}/transitions`, {
          to: 'legal_process_requested',
        })
      ).body.state,
    ).toBe('legal_process_requested');
    // A record, not a hand, moves it on: only closing is offered.
    expect((await call('investigator', 'GET', `/cases/${caseId}`)).body.handMoves).toEqual([
      'closed',
    ]);
  });

  it('records legal authority as data: types from the table, default expiry for a preservation demand', async () => {
    const types = await call('investigator', 'GET', '/legal-authority-types');
    expect(types.body).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          code: 'production_order',
          statute: 'Criminal Code s. 487.014',
          authorizesIdentity: true,
        }),
        expect.objectContaining({
          code: 'preservation_demand',
          defaultValidityDays: 21,
          authorizesIdentity: false,
        }),
      ]),
    );
    const demand = await call('investigator', 'POST', `/cases/${caseId}/authorities`, {
      typeCode: 'preservation_demand',
      court: 'n/a (peace officer demand)',
      number: 'PD-3',
      issuedAt: '2026-03-20T10:00:00Z',
      documentSha256: sha('pd'),
      scope: [
        {
          ipRange: '142.51.17.0/24',
          startsAt: '2026-03-01T00:00:00Z',
          endsAt: '2026-03-31T00:00:00Z',
        },
      ],
    });
    expect(demand.status).toBe(201);
    expect(demand.body).toMatchObject({ expiresAt: '2026-04-10T10:00:00.000Z', expiresInDays: 8 });
    const timers = await call('investigator', 'GET', '/legal-authorities/expiring?withinDays=10');
    expect(timers.body).toEqual([
      expect.objectContaining({
        id: demand.body.id,
        caseId,
        typeCode: 'preservation_demand',
        expiresInDays: 8,
      }),
    ]);
    expect(
      (await call('investigator', 'GET', '/legal-authorities/expiring?withinDays=7')).body,
    ).toEqual([]);
    expect(
      (await call('outsider', 'GET', '/legal-authorities/expiring?withinDays=10')).body,
    ).toEqual([]);
    // A preservation demand keeps data; it does not disclose an identity.
    const under = await call(
      'investigator',
      'POST',
      `/cases/${caseId}/identities`,
      identityBody({ authorityId: demand.body.id }),
    );
    expect(under.status).toBe(422);
    expect(under.body.error.code).toBe('outside_legal_authority');
    expect(
      (
        await call('investigator', 'POST', `/cases/${caseId}/authorities`, {
          typeCode: 'lawful_access_bill_c2',
          court: 'x',
          number: '1',
          issuedAt: '2026-03-20T10:00:00Z',
          documentSha256: sha('x'),
          scope: [
            { ipRange: IP, startsAt: '2026-03-01T00:00:00Z', endsAt: '2026-03-02T00:00:00Z' },
          ],
        })
      ).status,
    ).toBe(400);
    const order = await call('investigator', 'POST', `/cases/${caseId}/authorities`, {
      typeCode: 'production_order',
      court: 'Ontario Court of Justice, Sudbury',
      number: 'PO-17',
      issuedAt: '2026-03-22T15:00:00Z',
      documentSha256: sha('signed order'),
      scope: [{ ipRange: IP, startsAt: '2026-03-14T18:00:00Z', endsAt: '2026-03-14T19:00:00Z' }],
    });
    expect(order.status).toBe(201);
    authorityId = order.body.id;
  });

  it('refuses an identity outside the authority’s scope with 422 and stores nothing', async () => {
    const before = await auditRows('identity.attach');
    for (const over of [
      { ip: '142.51.17.10' },
      { observedAt: '2026-03-14T19:00:00Z' },
      { authorityId: '00000000-0000-4000-8000-000000000000' },
    ]) {
      const res = await call(
        'investigator',
        'POST',
        `/cases/${caseId}/identities`,
        identityBody(over),
      );
      expect(res.status).toBe(422);
      expect(res.body.error.code).toBe('outside_legal_authority');
      expect(JSON.stringify(res.body)).not.toContain('Canary');
    }
    expect(await identities()).toEqual([]);
    const rows = (await auditRows('identity.attach')).slice(before.length);
    expect(rows.map((r) => r.outcome)).toEqual(['failure', 'failure', 'failure']);
    // Without a justification nothing is looked at.
    const unjustified = identityBody();
    delete (unjustified as Record<string, unknown>).justification;
    expect(
      (await call('investigator', 'POST', `/cases/${caseId}/identities`, unjustified)).status,
    ).toBe(400);
  });

  it('attaches an identity inside the scope: stored sealed, shown masked, audited with the authority and the justification', async () => {
    const res = await call('investigator', 'POST', `/cases/${caseId}/identities`, identityBody());
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      name: '••••••',
      ip: IP,
      authorityId,
      hasInstallationAddress: true,
    });
    expect(JSON.stringify(res.body)).not.toContain('Canary');
    const [stored] = await identities();
    expect(stored!.sealed).not.toContain('Canary');
    expect(stored!.sealed).toMatch(/^v1\./);
    const row = (await auditRows('identity.attach')).at(-1)!;
    expect(row.outcome).toBe('success');
    const entry = JSON.parse(row.entry);
    expect(entry.details.authorityId).toBe(authorityId);
    expect(JSON.parse(entry.justification)).toMatchObject(JUSTIFICATION);
    expect(row.entry).not.toContain('Canary');
    const detail = await call('investigator', 'GET', `/cases/${caseId}`);
    expect(detail.body.state).toBe('subscriber_identified');
    expect(detail.body.identities[0].name).toBe('••••••');
    expect(JSON.stringify(detail.body)).not.toContain('Canary');
  });

  it('reveals an identity only with a step-up and a justification, audited', async () => {
    const [identity] = await identities();
    const path = `/identities/${identity!.id}/reveal`;
    expect((await call('investigator', 'POST', path, {})).status).toBe(400);
    expect((await call('outsider', 'POST', path, { justification: JUSTIFICATION })).status).toBe(
      404,
    );
    const shown = await call('investigator', 'POST', path, { justification: JUSTIFICATION });
    expect(shown.status).toBe(200);
    expect(shown.body).toMatchObject({
      name: 'Canary Subscriber Zqxj',
      installationAddress: '12 Elm St, Sudbury',
    });
    const row = (await auditRows('identity.reveal')).at(-1)!;
    expect(JSON.parse(row.entry)).toMatchObject({ outcome: 'success', details: { authorityId } });
    expect(row.entry).not.toContain('Canary');
    // Past the step-up window the same request needs a fresh step-up.
    clock.advance(6 * 60_000);
    const stale = await call('investigator', 'POST', path, { justification: JUSTIFICATION });
    expect(stale.status).toBe(401);
    expect(stale.body.error.code).toBe('step_up_required');
  });

  it('holds the warrant until the checklist is complete or overridden with a reason', async () => {
    const refused = await call('investigator', 'POST', `/cases/${caseId}/warrants`, {
      typeCode: 'search_warrant',
    });
    expect(refused.status).toBe(422);
    expect(refused.body.error).toMatchObject({
      code: 'warrant_not_ready',
      details: [{ path: 'second_person_confirmation', reason: expect.any(String) }],
    });
    // The one who recorded the identity cannot be the second person: refused, and said so.
    const self = await call('investigator', 'POST', `/cases/${caseId}/confirmations`, {
      note: 'I checked it myself',
    });
    expect(self.status).toBe(403);
    expect(self.body.error.message).toMatch(/second person/);
    expect((await call('investigator', 'GET', `/cases/${caseId}`)).body.confirmation).toEqual({
      isAllowed: false,
      reason: expect.stringMatching(/second person/),
    });
    expect((await call('colleague', 'GET', `/cases/${caseId}`)).body.confirmation).toEqual({
      isAllowed: true,
      reason: null,
    });
    expect((await call('investigator', 'GET', `/cases/${caseId}/readiness`)).body.isComplete).toBe(
      false,
    );
    const confirmed = await call('colleague', 'POST', `/cases/${caseId}/confirmations`, {
      note: 'Checked the ISP return against both observations in UTC',
    });
    expect(confirmed.body.isComplete).toBe(true);
    const warrant = await call('investigator', 'POST', `/cases/${caseId}/warrants`, {
      typeCode: 'search_warrant',
    });
    expect(warrant.status).toBe(201);
    // Issued and executed after it was sought (now): earlier dates are refused (#15).
    const now = clock.now().toISOString();
    const executed = await call('investigator', 'POST', `/warrants/${warrant.body.id}/execution`, {
      issuedAt: now,
      executedAt: now,
      result: 'evidence_seized',
    });
    expect(executed.status).toBe(200);
    expect(
      (
        await call('outsider', 'POST', `/warrants/${warrant.body.id}/execution`, {
          issuedAt: '2026-03-25T09:00:00Z',
          executedAt: '2026-03-27T06:00:00Z',
          result: 'evidence_seized',
        })
      ).status,
    ).toBe(404);
    expect((await call('investigator', 'GET', `/cases/${caseId}`)).body.state).toBe(
      'warrant_executed',
    );
  });

  it('records an override with its reason in the audit row', async () => {
    const other = await call('investigator', 'POST', '/cases', {
      title: 'Tip 55',
      cybertipReportId: '55',
    });
    const id = other.body.id;
    await call('investigator', 'POST', `/cases/${id}/transitions`, { to: 'assessed' });
    // A warrant needs the workflow's earlier steps even with an override.
    expect(
      (
        await call('investigator', 'POST', `/cases/${id}/warrants`, {
          typeCode: 'search_warrant',
          override: { reason: 'Exigent: child at risk' },
        })
      ).status,
    ).toBe(409);
    const row = (await auditRows('warrant.seek')).at(-1)!;
    expect(row.outcome).toBe('failure');
  });

  it('records charges against the wording in force on the day they are laid', async () => {
    const arrest = await call('investigator', 'POST', `/cases/${caseId}/arrests`, {
      accusedRef: 'RMS-2026-17',
      arrestedAt: '2026-03-27T07:00:00Z',
    });
    const charged = await call('investigator', 'POST', `/cases/${caseId}/charges`, {
      arrestId: arrest.body.id,
      laidOn: '2026-03-28',
      offences: ['cc163.1(4)', 'cc163.1(3)'],
    });
    expect(charged.status).toBe(201);
    expect(
      (
        await call('investigator', 'POST', `/cases/${caseId}/charges`, {
          laidOn: '2026-03-28',
          offences: ['cc999'],
        })
      ).status,
    ).toBe(400);
    await call('investigator', 'POST', `/cases/${caseId}/evidence`, {
      description: 'Forensic image of laptop (hash only)',
      sha256: sha('image'),
      custodyRef: 'EXH-1',
    });
    await call('investigator', 'POST', `/cases/${caseId}/notes`, {
      text: 'Canary note about the accused',
    });
    const task = await call('investigator', 'POST', `/cases/${caseId}/tasks`, {
      title: 'Disclosure package',
      dueOn: '2026-03-30',
    });
    const detail = (await call('investigator', 'GET', `/cases/${caseId}`)).body;
    expect(detail.state).toBe('charged');
    expect(detail.charges.map((c: { label: string }) => c.label).sort()).toEqual([
      'Distribution of child sexual abuse and exploitation material',
      'Possession of child sexual abuse and exploitation material',
    ]);
    expect(detail.notes[0].text).toBe('Canary note about the accused');
    expect(detail.tasks[0]).toMatchObject({ isOverdue: true, doneAt: null });
    const stored = await core.handle.db.selectFrom('caseNote').select('body').execute();
    expect(stored[0]!.body).not.toContain('Canary');
    expect((await call('investigator', 'POST', `/tasks/${task.body.id}/done`)).status).toBe(200);
  });

  it('refers a case to another agency, which accepts it; the referring agency keeps it read-only', async () => {
    const lead = await call('investigator', 'POST', '/cases', {
      title: 'Out of area',
      subjectKeys: [SUBJECT],
    });
    const referral = await call('investigator', 'POST', `/cases/${lead.body.id}/referrals`, {
      toOrganisationCode: otherAgencyCode,
      reason: 'Subscriber lives in your area',
    });
    expect(referral.status).toBe(201);
    const incoming = await call('outsideSupervisor', 'GET', '/referrals');
    expect(incoming.body).toEqual([
      expect.objectContaining({ id: referral.body.id, direction: 'incoming', status: 'pending' }),
    ]);
    const pkg = await call('outsider', 'GET', `/referrals/${referral.body.id}/package`);
    expect(pkg.body).toMatchObject({
      sha256: referral.body.packageSha256,
      package: { format: 'vigil.lead-package/1', subjects: [{ subjectKey: SUBJECT }] },
    });
    // Investigators do not decide for the receiving agency; supervisors do.
    expect((await call('outsider', 'POST', `/referrals/${referral.body.id}/accept`)).status).toBe(
      404,
    );
    const accepted = await call(
      'outsideSupervisor',
      'POST',
      `/referrals/${referral.body.id}/accept`,
    );
    expect(accepted.status).toBe(201);
    expect(accepted.body).toMatchObject({ state: 'lead', sourceKind: 'referral' });
    expect((await call('outsider', 'GET', `/cases/${accepted.body.id}`)).status).toBe(200);
    expect((await call('investigator', 'GET', `/cases/${accepted.body.id}`)).status).toBe(404);
    const original = await call('investigator', 'GET', `/cases/${lead.body.id}`);
    expect(original.body).toMatchObject({ state: 'referred_out', isReadOnly: true });
    expect(
      (await call('investigator', 'POST', `/cases/${lead.body.id}/notes`, { text: 'more' })).status,
    ).toBe(409);
  });

  it('exports the lead package with identities only under a step-up and a justification', async () => {
    const masked = await call('investigator', 'POST', `/cases/${caseId}/package`, {
      includeIdentities: false,
    });
    expect(masked.status).toBe(200);
    expect(masked.body.identities[0].name).toBe('••••••');
    expect(masked.body.legalAuthorities).toHaveLength(2);
    const noReason = await call('investigator', 'POST', `/cases/${caseId}/package`, {
      includeIdentities: true,
    });
    expect(noReason.status).toBe(401); // the step-up of this session is stale (the clock moved)
    // A fresh step-up (a new session opened with one), but still no justification: 428.
    cookies.set('investigator', await sessionCookie(core, userIds.get('investigator')!));
    const stepped = await call('investigator', 'POST', `/cases/${caseId}/package`, {
      includeIdentities: true,
    });
    expect(stepped.status).toBe(428);
    const full = await call('investigator', 'POST', `/cases/${caseId}/package`, {
      includeIdentities: true,
      justification: { ...JUSTIFICATION, purpose: 'court_preparation' },
    });
    expect(full.status).toBe(200);
    expect(full.body.identities[0].name).toBe('Canary Subscriber Zqxj');
    const row = (await auditRows('case.export')).at(-1)!;
    expect(JSON.parse(row.entry)).toMatchObject({
      category: 'disclosure',
      details: { includeIdentities: true },
    });
    expect(row.entry).not.toContain('Canary');
  });

  it('exports the lead package as a PDF, identities masked unless stepped up and justified', async () => {
    // The reader's agency is in Ontario: its times read in Toronto's zone.
    await core.handle.db
      .updateTable('organisation')
      .set({ jurisdiction: 'CA-ON' })
      .where('id', '=', (eb) =>
        eb
          .selectFrom('appUser')
          .select('organisationId')
          .where('id', '=', userIds.get('investigator')!),
      )
      .execute();
    const masked = await pdf({ includeIdentities: false });
    expect(masked.status).toBe(200);
    expect(masked.type).toBe('application/pdf');
    expect(masked.bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const text = pdfText(masked.bytes);
    expect(text).toContain('Lead package C-2026-0001');
    // Labels instead of codes, readable dates in the agency's zone, no raw ISO timestamp.
    expect(text).toContain('General production order PO-17');
    expect(text).not.toContain('production_order');
    expect(text).toContain('in America/Toronto, unless marked UTC');
    expect(text).toContain(
      'Arrest of RMS-2026-17 (records-management reference), 27 Mar 2026, 03:00 EDT',
    );
    expect(text).toContain(
      '1 count of s. 163.1(4) Possession of child sexual abuse and exploitation material, laid 28 Mar 2026 (arrest of RMS-2026-17)',
    );
    expect(text).toContain('from legal process requested to subscriber identified');
    expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}T\d{2}/);
    expect(text).not.toContain('Canary');
    const full = await pdf({ includeIdentities: true, justification: JUSTIFICATION });
    expect(full.status).toBe(200);
    expect(pdfText(full.bytes)).toContain('Canary Subscriber Zqxj');
    expect((await pdf({ includeIdentities: true })).status).toBe(428);
    expect(JSON.parse((await auditRows('case.export_pdf')).at(-1)!.entry)).toMatchObject({
      outcome: 'denied',
      category: 'disclosure',
    });
  });

  it('keeps an amended authority as a new record: the superseded one no longer covers anything', async () => {
    const amended = await call('investigator', 'POST', `/cases/${caseId}/authorities`, {
      typeCode: 'production_order',
      court: 'Ontario Court of Justice, Sudbury',
      number: 'PO-17A',
      issuedAt: '2026-03-29T15:00:00Z',
      documentSha256: sha('amended order'),
      scope: [
        {
          ipRange: '142.51.17.0/24',
          startsAt: '2026-03-14T00:00:00Z',
          endsAt: '2026-03-17T00:00:00Z',
        },
      ],
      supersedesId: authorityId,
    });
    expect(amended.status).toBe(201);
    const second = { observedAt: '2026-03-16T02:10:00Z', ispLocalTime: '2026-03-15T22:10:00' };
    const old = await call(
      'investigator',
      'POST',
      `/cases/${caseId}/identities`,
      identityBody(second),
    );
    expect(old.status).toBe(422);
    expect(old.body.error.details[0].reason).toMatch(/superseded/);
    const under = await call(
      'investigator',
      'POST',
      `/cases/${caseId}/identities`,
      identityBody({ ...second, authorityId: amended.body.id }),
    );
    expect(under.status).toBe(201);
    const authorities = await core.handle.db
      .selectFrom('legalAuthority')
      .select(['number', 'supersedesId'])
      .where('caseId', '=', caseId)
      .orderBy('number')
      .execute();
    expect(authorities).toEqual([
      { number: 'PD-3', supersedesId: null },
      { number: 'PO-17', supersedesId: null },
      { number: 'PO-17A', supersedesId: authorityId },
    ]);
  });
});
