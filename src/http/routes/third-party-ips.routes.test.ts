import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

const SUBJECT = 'sub_00000000000000000def';
const sha = (s: string) => createHash('sha256').update(s).digest('hex');

/** R19: addresses from a third party keep their provenance and the authority they came under. */
describe('third-party IP records (R19)', () => {
  const clock = fixedClock('2026-04-01T12:00:00Z');
  let core: Core;
  let app: ReturnType<typeof createHttpApp>;
  const cookies = new Map<string, string>();
  let caseId: string;
  let orderId: string;
  let demandId: string;

  beforeAll(async () => {
    core = await createSecurityCore({ clock });
    app = createHttpApp(core);
    const unit = await newOrganisation(core);
    const other = await newOrganisation(core);
    cookies.set(
      'investigator',
      await sessionCookie(core, (await newUser(core, unit.id, ['investigator'])).id),
    );
    cookies.set(
      'analyst',
      await sessionCookie(core, (await newUser(core, unit.id, ['analyst'])).id),
    );
    cookies.set(
      'outsider',
      await sessionCookie(core, (await newUser(core, other.id, ['investigator'])).id),
    );
    await core.handle.db
      .insertInto('subject')
      .values({
        key: SUBJECT,
        agencyCode: unit.code,
        observationCount: 0,
        tipPersonCount: 1,
        linkCount: 0,
        updatedAt: clock.now(),
      })
      .execute();
    caseId = (
      await call('investigator', 'POST', '/cases', {
        title: 'Enticement tip',
        subjectKeys: [SUBJECT],
      })
    ).body.id;
    const authority = (typeCode: string, number: string) =>
      call('investigator', 'POST', `/cases/${caseId}/authorities`, {
        typeCode,
        court: 'Ontario Court of Justice, Toronto',
        number,
        issuedAt: '2026-03-25T10:00:00Z',
        documentSha256: sha(number),
        // A production order to a platform for one account's logins in March, from any address.
        scope: [
          {
            ipRange: '0.0.0.0/0',
            startsAt: '2026-03-01T00:00:00Z',
            endsAt: '2026-04-01T00:00:00Z',
          },
          { ipRange: '::/0', startsAt: '2026-03-01T00:00:00Z', endsAt: '2026-04-01T00:00:00Z' },
        ],
      });
    orderId = (await authority('production_order', 'PO-88')).body.id;
    demandId = (await authority('preservation_demand', 'PD-88')).body.id;
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
  const stored = () =>
    core.handle.db.selectFrom('thirdPartyIp').selectAll().orderBy('observedAt').execute();
  const response = (over: Record<string, unknown> = {}) => ({
    provider: 'Example Social Platform Inc.',
    providerReference: 'LE-2026-4471',
    basis: 'legal_authority',
    authorityId: orderId,
    documentSha256: sha('platform response'),
    records: [
      {
        ip: '203.0.113.7',
        observedAt: '2026-03-10T21:04:11-04:00',
        event: 'login',
        accountRef: 'acct-77',
      },
      { ip: '2001:DB8::1', port: 443, observedAt: '2026-03-12T02:00:00Z', event: 'upload' },
    ],
    ...over,
  });

  it('records addresses under a production order with their provenance, shown on the case', async () => {
    const res = await call('investigator', 'POST', `/cases/${caseId}/third-party-ips`, response());
    expect(res.status).toBe(201);
    expect(res.body.ids).toHaveLength(2);
    const rows = await stored();
    expect(rows.map((r) => [r.ip, r.observedAt.toISOString(), r.authorityId, r.provider])).toEqual([
      ['203.0.113.7', '2026-03-11T01:04:11.000Z', orderId, 'Example Social Platform Inc.'],
      ['2001:db8::1', '2026-03-12T02:00:00.000Z', orderId, 'Example Social Platform Inc.'],
    ]);
    const detail = await call('investigator', 'GET', `/cases/${caseId}`);
    expect(detail.body.thirdPartyIps).toEqual([
      expect.objectContaining({
        ip: '203.0.113.7',
        basis: 'legal_authority',
        authorityId: orderId,
        providerReference: 'LE-2026-4471',
        accountRef: 'acct-77',
        documentSha256: sha('platform response'),
        supersededById: null,
      }),
      expect.objectContaining({ ip: '2001:db8::1', port: 443, event: 'upload' }),
    ]);
    const [audit] = await core.handle.db
      .selectFrom('auditLog')
      .select(['entry', 'outcome'])
      .where('action', '=', 'third_party_ip.record')
      .execute();
    expect(audit!.outcome).toBe('success');
    expect(JSON.stringify(audit!.entry)).toContain(orderId);
  });

  it('refuses the whole response with 422 when one address is outside the scope, storing nothing', async () => {
    const before = (await stored()).length;
    const res = await call(
      'investigator',
      'POST',
      `/cases/${caseId}/third-party-ips`,
      response({
        records: [
          { ip: '203.0.113.8', observedAt: '2026-03-20T00:00:00Z', event: 'login' },
          { ip: '203.0.113.9', observedAt: '2026-04-02T00:00:00Z', event: 'login' },
        ],
      }),
    );
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('outside_legal_authority');
    expect(res.body.error.details[0].path).toBe('records.1.ip');
    expect(await stored()).toHaveLength(before);
  });

  it('refuses an authority that compels nothing, or none where the basis needs one', async () => {
    const demand = await call(
      'investigator',
      'POST',
      `/cases/${caseId}/third-party-ips`,
      response({ authorityId: demandId }),
    );
    expect(demand.status).toBe(422);
    expect(demand.body.error.message).toMatch(/does not compel production/);
    const missing = await call(
      'investigator',
      'POST',
      `/cases/${caseId}/third-party-ips`,
      response({ authorityId: undefined }),
    );
    expect(missing.status).toBe(400);
    const exigent = await call(
      'investigator',
      'POST',
      `/cases/${caseId}/third-party-ips`,
      response({ basis: 'exigent_circumstances', authorityId: undefined }),
    );
    expect(exigent.status).toBe(400);
  });

  it('takes a mandatory report without an authority, and a correction supersedes, never edits', async () => {
    const tip = await call(
      'investigator',
      'POST',
      `/cases/${caseId}/third-party-ips`,
      response({
        provider: 'NCMEC CyberTipline (via NCECC)',
        providerReference: 'CT-000123',
        basis: 'mandatory_report',
        authorityId: undefined,
        records: [{ ip: '198.51.100.4', observedAt: '2026-02-01T10:00:00Z', event: 'upload' }],
      }),
    );
    expect(tip.status).toBe(201);
    const [wrongId] = tip.body.ids;
    const fixed = await call(
      'investigator',
      'POST',
      `/cases/${caseId}/third-party-ips`,
      response({
        provider: 'NCMEC CyberTipline (via NCECC)',
        basis: 'mandatory_report',
        authorityId: undefined,
        records: [
          {
            ip: '198.51.100.40',
            observedAt: '2026-02-01T10:00:00Z',
            event: 'upload',
            supersedesId: wrongId,
          },
        ],
      }),
    );
    expect(fixed.status).toBe(201);
    const detail = await call('investigator', 'GET', `/cases/${caseId}`);
    const old = detail.body.thirdPartyIps.find((r: { id: string }) => r.id === wrongId);
    expect(old).toMatchObject({ ip: '198.51.100.4', supersededById: fixed.body.ids[0] });
    await expect(
      core.handle.db
        .updateTable('thirdPartyIp')
        .set({ ip: '1.1.1.1' })
        .where('id', '=', wrongId)
        .execute(),
    ).rejects.toThrow(/append-only/);
  });

  it('lets only casework roles of the case’s agency record them (others: not found)', async () => {
    expect(
      (await call('analyst', 'POST', `/cases/${caseId}/third-party-ips`, response())).status,
    ).toBe(404);
    expect(
      (await call('outsider', 'POST', `/cases/${caseId}/third-party-ips`, response())).status,
    ).toBe(404);
  });
});
