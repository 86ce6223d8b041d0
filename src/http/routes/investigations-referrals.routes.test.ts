import { createHash, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CANARY_NAME,
  CANARY_NOTE,
  createCaseWorld,
  JUSTIFICATION,
  pdfText,
  type CaseWorld,
  type Person,
} from '#test/case-world.js';

const NOT_FOUND = '{"error":{"code":"not_found","message":"Not found"}}';
const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

describe('referrals end, and their lead package is the one sent (issue 14, item 2)', () => {
  let w: CaseWorld;
  beforeAll(async () => {
    w = await createCaseWorld();
  });
  afterAll(async () => w.core.close());

  const refer = async (caseId: string, extra: Record<string, unknown> = {}) => {
    const res = await w.call('aInvestigator', 'POST', `/cases/${caseId}/referrals`, {
      toOrganisationCode: w.orgs.b.code,
      reason: 'The subscriber lives in your area',
      ...extra,
    });
    expect(res.status).toBe(201);
    return res.body as { id: string; packageSha256: string; fieldScope: string[] };
  };
  const auditRows = (action: string, outcome = 'success') =>
    w.db
      .selectFrom('auditLog')
      .select('entry')
      .where('action', '=', action)
      .where('outcome', '=', outcome)
      .execute();
  const stored = (id: string) =>
    w.db.selectFrom('referral').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

  it('freezes the package at referral time: the receiver reads it as sent, and its SHA-256 checks out', async () => {
    const c = await w.openFullCase('Frozen package');
    const referral = await refer(c.caseId);
    expect(referral.packageSha256).toMatch(/^[0-9a-f]{64}$/);
    // Default scope: never identities or notes.
    expect(referral.fieldScope).toEqual([
      'summary',
      'subjects',
      'workflow',
      'authorities',
      'evidence',
      'warrants',
      'outcomes',
      'tasks',
    ]);
    // The live case changes after the referral (a later correction straight in the database).
    await w.db
      .updateTable('evidenceRef')
      .set({ description: 'Changed after the referral' })
      .where('caseId', '=', c.caseId)
      .execute();
    await w.db
      .updateTable('investigationCase')
      .set({ title: 'Renamed after the referral' })
      .where('id', '=', c.caseId)
      .execute();
    const res = await w.call('bInvestigator', 'GET', `/referrals/${referral.id}/package`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      referralId: referral.id,
      status: 'pending',
      sha256: referral.packageSha256,
      fieldScope: referral.fieldScope,
      package: {
        format: 'vigil.lead-package/1',
        fieldScope: referral.fieldScope,
        case: { reference: c.reference, title: 'Frozen package', state: 'subscriber_identified' },
        evidence: [
          expect.objectContaining({ description: 'Seized laptop image (Frozen package)' }),
        ],
      },
    });
    expect(res.body.package).not.toHaveProperty('identities');
    expect(res.body.package).not.toHaveProperty('notes');
    expect(res.text).not.toContain('Canary');
    // The SHA-256 is over the package's JSON text exactly as served (and as stored).
    const text = JSON.stringify(res.body.package);
    expect(res.text).toContain(`"package":${text}`);
    expect(sha256(text)).toBe(referral.packageSha256);
    const row = await stored(referral.id);
    expect(row.packageSha256).toBe(referral.packageSha256);
    expect(row.packageSealed).toMatch(/^v1\./); // sealed under the field key
    // Both sides see the same SHA-256 in their lists; the sender reads the package as sent too.
    for (const who of ['aInvestigator', 'bSupervisor'] as const) {
      const list = await w.call(who, 'GET', '/referrals');
      expect(list.body.find((r: { id: string }) => r.id === referral.id).packageSha256).toBe(
        referral.packageSha256,
      );
    }
    const senders = await w.call('aInvestigator', 'GET', `/referrals/${referral.id}/package`);
    expect(senders.body.sha256).toBe(referral.packageSha256);
    // The sender still reads its live case.
    const live = await w.call('aInvestigator', 'GET', `/cases/${c.caseId}`);
    expect(live.body.title).toBe('Renamed after the referral');
    // Accepting opens the receiver's case from the package as sent.
    const accepted = await w.call('bSupervisor', 'POST', `/referrals/${referral.id}/accept`);
    expect(accepted.status).toBe(201);
    expect(accepted.body).toMatchObject({ title: 'Frozen package', state: 'lead' });
    const after = await w.call('bInvestigator', 'GET', `/referrals/${referral.id}/package`);
    expect(after.body).toMatchObject({ status: 'accepted', sha256: referral.packageSha256 });
    const [entry] = (await auditRows('referral.package')).slice(-1);
    expect(JSON.parse(entry!.entry).details.packageSha256).toBe(referral.packageSha256);
  });

  it('renders the PDF from the package as sent, with its SHA-256, nothing outside the scope', async () => {
    const c = await w.openFullCase('PDF as sent');
    const referral = await refer(c.caseId);
    await w.db
      .updateTable('investigationCase')
      .set({ title: 'Renamed before the PDF' })
      .where('id', '=', c.caseId)
      .execute();
    const res = await w.pdf('bInvestigator', 'GET', `/referrals/${referral.id}/package/pdf`);
    expect(res.status).toBe(200);
    expect(res.type).toBe('application/pdf');
    const text = pdfText(res.bytes);
    expect(text).toContain(`SHA-256 of the package JSON: ${referral.packageSha256}`);
    expect(text).toContain('PDF as sent');
    expect(text).not.toContain('Renamed before the PDF');
    expect(text).toContain('(not disclosed: outside the field scope)');
    expect(text).not.toContain('Canary');
    expect(
      (await w.pdf('cSupervisor', 'GET', `/referrals/${referral.id}/package/pdf`)).status,
    ).toBe(404);
  });

  it('answers 404 to the receiver once declined or withdrawn, exactly as for a missing referral', async () => {
    const declinedCase = await w.openFullCase('Declined');
    const declined = await refer(declinedCase.caseId);
    const withdrawnCase = await w.openFullCase('Withdrawn');
    const withdrawn = await refer(withdrawnCase.caseId);
    expect(
      (
        await w.call('bSupervisor', 'POST', `/referrals/${declined.id}/decline`, {
          reason: 'Not our area after all',
        })
      ).status,
    ).toBe(200);
    // Only the sending agency withdraws, and only its casework roles.
    for (const who of ['bSupervisor', 'cSupervisor'] as const) {
      const res = await w.call(who, 'POST', `/referrals/${withdrawn.id}/withdraw`, { reason: 'x' });
      expect(res.status).toBe(404);
    }
    const res = await w.call('aInvestigator', 'POST', `/referrals/${withdrawn.id}/withdraw`, {
      reason: 'Sent to the wrong agency',
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      status: 'withdrawn',
      direction: 'outgoing',
      decisionReason: 'Sent to the wrong agency',
    });
    const missing = await w.call('bInvestigator', 'GET', `/referrals/${randomUUID()}/package`);
    expect(missing.text).toBe(NOT_FOUND);
    for (const id of [declined.id, withdrawn.id]) {
      for (const path of [`/referrals/${id}/package`, `/referrals/${id}/package/pdf`]) {
        const ended = await w.call('bInvestigator', 'GET', path);
        expect([ended.status, ended.text]).toEqual([404, NOT_FOUND]);
      }
      // The sender keeps its record of what it sent.
      expect((await w.call('aInvestigator', 'GET', `/referrals/${id}/package`)).status).toBe(200);
      // The receiver still sees that the referral ended, in its list.
      const listed = (await w.call('bSupervisor', 'GET', '/referrals')).body.find(
        (r: { id: string }) => r.id === id,
      );
      expect(listed.status).toBe(id === declined.id ? 'declined' : 'withdrawn');
    }
    // The withdrawn case is the sender's again, in the state it was referred from.
    const back = await w.call('aInvestigator', 'GET', `/cases/${withdrawnCase.caseId}`);
    expect(back.body).toMatchObject({ state: 'subscriber_identified', isReadOnly: false });
    expect(back.body.events.at(-1)).toMatchObject({
      fromState: 'referred_out',
      toState: 'subscriber_identified',
    });
    // Ended referrals are final: no second withdrawal, no acceptance, no decline.
    expect(
      (
        await w.call('aInvestigator', 'POST', `/referrals/${withdrawn.id}/withdraw`, {
          reason: 'again',
        })
      ).status,
    ).toBe(409);
    expect((await w.call('bSupervisor', 'POST', `/referrals/${withdrawn.id}/accept`)).status).toBe(
      409,
    );
    expect(
      (await w.call('aInvestigator', 'POST', `/referrals/${declined.id}/withdraw`, { reason: 'x' }))
        .status,
    ).toBe(409);
    const [entry] = (await auditRows('referral.withdraw')).slice(-1);
    expect(JSON.parse(entry!.entry)).toMatchObject({
      category: 'alteration',
      objectIds: [withdrawn.id],
    });
    // The case can be referred again, with a new package.
    const again = await refer(withdrawnCase.caseId);
    expect(again.id).not.toBe(withdrawn.id);
    expect((await w.call('bInvestigator', 'GET', `/referrals/${again.id}/package`)).status).toBe(
      200,
    );
  });

  it('cannot withdraw an accepted referral (409); the receiver keeps reading its package', async () => {
    const c = await w.openFullCase('Accepted, then withdrawn');
    const referral = await refer(c.caseId);
    expect((await w.call('bSupervisor', 'POST', `/referrals/${referral.id}/accept`)).status).toBe(
      201,
    );
    const res = await w.call('aInvestigator', 'POST', `/referrals/${referral.id}/withdraw`, {
      reason: 'too late',
    });
    expect([res.status, res.body.error.code]).toEqual([409, 'conflict']);
    expect((await w.call('bInvestigator', 'GET', `/referrals/${referral.id}/package`)).status).toBe(
      200,
    );
  });

  it('accepts once: a second acceptance, sequential or concurrent, answers 409, never 500', async () => {
    const c = await w.openFullCase('Accepted twice');
    const referral = await refer(c.caseId);
    const before = (await auditRows('referral.accept')).length;
    const casesBefore = await w.db
      .selectFrom('investigationCase')
      .select('id')
      .where('organisationId', '=', w.orgs.b.id)
      .execute();
    // Six at once (more than the PostgreSQL pool's connections), from two supervisors.
    const deciders: Person[] = ['bSupervisor', 'bSupervisor2'];
    const replies = await Promise.all(
      [0, 1, 2, 3, 4, 5].map((i) =>
        w.call(deciders[i % 2]!, 'POST', `/referrals/${referral.id}/accept`),
      ),
    );
    expect(replies.map((r) => r.status).sort((x, y) => x - y)).toEqual([
      201, 409, 409, 409, 409, 409,
    ]);
    for (const r of replies.filter((x) => x.status === 409)) {
      expect(r.body.error.code).toBe('conflict');
    }
    const casesAfter = await w.db
      .selectFrom('investigationCase')
      .select('id')
      .where('organisationId', '=', w.orgs.b.id)
      .execute();
    expect(casesAfter.length - casesBefore.length).toBe(1);
    expect((await auditRows('referral.accept')).length - before).toBe(1);
    const row = await stored(referral.id);
    expect(row.status).toBe('accepted');
    expect(casesAfter.map((x) => x.id)).toContain(row.receivedCaseId);
    // Sequentially too.
    const third = await w.call('bSupervisor', 'POST', `/referrals/${referral.id}/accept`);
    expect([third.status, third.body.error.code]).toEqual([409, 'conflict']);
  });

  it('decides a referral once when acceptance, decline and withdrawal race', async () => {
    const c = await w.openFullCase('Raced');
    const referral = await refer(c.caseId);
    const decide = [
      () => w.call('bSupervisor', 'POST', `/referrals/${referral.id}/accept`),
      () => w.call('bSupervisor2', 'POST', `/referrals/${referral.id}/decline`, { reason: 'no' }),
      () => w.call('aInvestigator', 'POST', `/referrals/${referral.id}/withdraw`, { reason: 'no' }),
    ];
    const replies = await Promise.all([...decide, ...decide].map((f) => f()));
    const statuses = replies.map((r) => r.status);
    expect(statuses.filter((s) => s === 409)).toHaveLength(5);
    expect(statuses.filter((s) => s < 300)).toHaveLength(1);
    const row = await stored(referral.id);
    const winner = ['accepted', 'declined', 'withdrawn'][statuses.findIndex((s) => s < 300) % 3];
    expect(row.status).toBe(winner);
    const events = await w.db
      .selectFrom('caseEvent')
      .select('toState')
      .where('caseId', '=', c.caseId)
      .orderBy('seq')
      .execute();
    // The referring case moved back at most once.
    expect(events.filter((e) => e.toState === 'subscriber_identified')).toHaveLength(
      winner === 'accepted' ? 1 : 2,
    );
  });

  it('discloses identities (masked, revealed with step-up and justification) and notes only when the referral names them', async () => {
    const c = await w.openFullCase('Identities named');
    const referral = await refer(c.caseId, { fieldScope: ['subjects', 'identities', 'notes'] });
    expect(referral.fieldScope).toEqual(['summary', 'subjects', 'identities', 'notes']);
    const res = await w.call('bInvestigator', 'GET', `/referrals/${referral.id}/package`);
    expect(res.body.package.identities).toEqual([
      expect.objectContaining({ id: c.identityId, name: '••••••' }),
    ]);
    expect(res.body.package.notes).toEqual([expect.objectContaining({ text: CANARY_NOTE })]);
    expect(res.body.package).not.toHaveProperty('legalAuthorities');
    expect(res.body.package).not.toHaveProperty('evidence');
    expect(res.text).not.toContain(CANARY_NAME);
    const reveal = () =>
      w.call('bInvestigator', 'POST', `/identities/${c.identityId}/reveal`, {
        justification: JUSTIFICATION,
      });
    const revealed = await reveal();
    expect(revealed.status).toBe(200);
    expect(revealed.body.name).toBe(CANARY_NAME);
    const [entry] = (await auditRows('identity.reveal')).slice(-1);
    expect(JSON.parse(entry!.entry).details.referralId).toBe(referral.id);
    // Once the referral is declined, the identity is as unknown to the receiver as a missing one.
    await w.call('bSupervisor', 'POST', `/referrals/${referral.id}/decline`, { reason: 'no' });
    expect((await reveal()).text).toBe(NOT_FOUND);

    // A referral without `identities` never lets the receiver reveal one.
    const other = await w.openFullCase('Identities not named');
    const plain = await refer(other.caseId);
    expect(plain.fieldScope).not.toContain('identities');
    const refused = await w.call(
      'bInvestigator',
      'POST',
      `/identities/${other.identityId}/reveal`,
      {
        justification: JUSTIFICATION,
      },
    );
    expect([refused.status, refused.text]).toEqual([404, NOT_FOUND]);
  });

  it('refuses an unknown field in a referral’s scope (400) and never widens the sender’s own scope', async () => {
    const c = await w.openFullCase('Bad scope');
    const res = await w.call('aInvestigator', 'POST', `/cases/${c.caseId}/referrals`, {
      toOrganisationCode: w.orgs.b.code,
      reason: 'r',
      fieldScope: ['subjects', 'ssn'],
    });
    expect([res.status, res.body.error.code]).toEqual([400, 'validation_failed']);
    expect((await w.call('aInvestigator', 'GET', `/cases/${c.caseId}`)).body.state).toBe(
      'subscriber_identified',
    );
  });

  it('freezes a referral made before packages were kept on its first read', async () => {
    const c = await w.openFullCase('Legacy referral');
    const referral = await refer(c.caseId);
    // What migration 0014 leaves for a referral made before it: no package yet.
    await w.db
      .updateTable('referral')
      .set({ packageSealed: null, packageSha256: null, packageFrozenAt: null })
      .where('id', '=', referral.id)
      .execute();
    w.clock.advance(60_000);
    const first = await w.call('bInvestigator', 'GET', `/referrals/${referral.id}/package`);
    expect(first.status).toBe(200);
    expect(first.body.frozenAt).toBe(w.clock.now().toISOString());
    expect(first.body.sentAt).not.toBe(first.body.frozenAt);
    expect(sha256(JSON.stringify(first.body.package))).toBe(first.body.sha256);
    const row = await stored(referral.id);
    expect(row.packageSha256).toBe(first.body.sha256);
    w.clock.advance(60_000);
    const second = await w.call('bInvestigator', 'GET', `/referrals/${referral.id}/package`);
    expect(second.text).toBe(first.text);
  });

  it('refuses to serve a stored package that no longer matches its SHA-256', async () => {
    const c = await w.openFullCase('Tampered');
    const referral = await refer(c.caseId);
    await w.db
      .updateTable('referral')
      .set({ packageSha256: 'f'.repeat(64) })
      .where('id', '=', referral.id)
      .execute();
    const res = await w.call('bInvestigator', 'GET', `/referrals/${referral.id}/package`);
    expect(res.status).toBe(500);
    expect(res.text).not.toContain('Tampered');
  });
});
