import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { UnitReport } from '#core/investigations/report.schema.js';
import { createAesGcmCipher } from '#platform/crypto/aes-gcm-cipher.js';
import type { Core } from '#src/app.js';
import { fixedClock } from '#test/clock.js';
import { CLI, createSecurityCore, jsonHeaders, newUser, sessionCookie } from '#test/security.js';
import { importRows, p2pRow, subjectWithIp } from '#test/subject-world.js';
import { createHttpApp } from '../app.js';

type Reply = {
  status: number;
  body: { id?: string; error?: { details?: Array<{ path: string; reason: string }> } };
};

/** The fields a 400 names. */
const refused = (reply: Reply) => {
  expect(reply.status).toBe(400);
  return (reply.body.error?.details ?? []).map((d) => d.path);
};

/**
 * Dates are checked against each other and the clock (#15): a warrant executed before its case was
 * opened or before it was sought, an arrest before the offence period, charges laid before their
 * arrest, any date in the future are refused with the field named; the unit statistics then never
 * show a negative median.
 */
describe('the dates of a case are checked against each other', () => {
  const clock = fixedClock('2026-05-31T12:00:00Z');
  let core: Core;
  let app: ReturnType<typeof createHttpApp>;
  const cookies = new Map<string, string>();
  let caseId = '';

  beforeAll(async () => {
    core = await createSecurityCore({
      clock,
      security: { cipher: createAesGcmCipher(randomBytes(32)) },
    });
    app = createHttpApp(core);
    const org = await core.organisations.createOrganisation(CLI, {
      kind: 'agency',
      code: 'ON-TPS',
      name: 'Toronto',
      jurisdiction: '',
    });
    for (const role of ['investigator', 'supervisor'] as const) {
      cookies.set(role, await sessionCookie(core, (await newUser(core, org.id, [role])).id));
    }
    // The offence period starts with the subject's first observation: 5 March 2026.
    await importRows(core, [
      p2pRow('2026-03-05T10:00:00Z', '24.114.10.1', 'a', '1'),
      p2pRow('2026-03-07T10:00:00Z', '24.114.10.1', 'a', '2'),
    ]);
    const worker = core.createWorker(1000);
    while (await worker.runOnce());
  }, 120_000);
  afterAll(async () => core.close());

  async function call(who: string, method: string, path: string, body?: unknown): Promise<Reply> {
    const res = await app.request(`http://localhost/api${path}`, {
      method,
      headers: jsonHeaders({ cookie: cookies.get(who)! }),
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: res.status, body: (await res.json()) as Reply['body'] };
  }

  it('refuses a case received in the future, and opens one received on 10 March', async () => {
    const subjectKey = await subjectWithIp(core, '24.114.10.1');
    const future = await call('investigator', 'POST', '/cases', {
      title: 'Future lead',
      subjectKeys: [subjectKey],
      receivedAt: '2026-06-01T09:00:00Z',
    });
    expect(refused(future)).toEqual(['receivedAt']);
    const opened = await call('investigator', 'POST', '/cases', {
      title: 'Dated lead',
      subjectKeys: [subjectKey],
      receivedAt: '2026-03-10T09:00:00Z',
    });
    expect(opened.status).toBe(201);
    caseId = opened.body.id!;
    // A production order and the identity it disclosed (the case moves to subscriber_identified).
    const authority = await call('investigator', 'POST', `/cases/${caseId}/authorities`, {
      typeCode: 'production_order',
      court: 'Ontario Court of Justice, Toronto',
      number: 'PO-2026-DATES',
      issuedAt: '2026-03-11T09:00:00Z',
      documentSha256: 'ab'.repeat(32),
      scope: [
        {
          ipRange: '24.114.10.1',
          startsAt: '2026-03-05T00:00:00Z',
          endsAt: '2026-03-08T00:00:00Z',
        },
      ],
    });
    for (const to of ['assessed', 'legal_process_requested']) {
      expect(
        (await call('investigator', 'POST', `/cases/${caseId}/transitions`, { to })).status,
      ).toBe(200);
    }
    const identity = await call('investigator', 'POST', `/cases/${caseId}/identities`, {
      subjectKey,
      authorityId: authority.body.id,
      ip: '24.114.10.1',
      observedAt: '2026-03-05T10:00:00Z',
      name: 'Synthetic Subscriber',
      installationAddress: '1 Synthetic Way, Toronto',
      justification: {
        caseReference: 'DATES',
        purpose: 'investigation',
        text: 'Production order served; recording the ISP return',
      },
    });
    expect(identity.status).toBe(201);
  });

  it('refuses a warrant sought before the case was opened or in the future', async () => {
    // oxlint-disable-next-line unicorn/consistent-function-scoping
    const seek = (soughtAt: string) =>
      call('supervisor', 'POST', `/cases/${caseId}/warrants`, {
        typeCode: 'search_warrant',
        soughtAt,
        override: { reason: 'Synthetic exercise: checklist not under test' },
      });
    expect(refused(await seek('2026-03-09T09:00:00Z'))).toEqual(['soughtAt']);
    expect(refused(await seek('2026-06-01T09:00:00Z'))).toEqual(['soughtAt']);
    const ok = await seek('2026-03-12T09:00:00Z');
    expect(ok.status).toBe(201);
  });

  it('refuses an execution before the warrant was sought, before the case was opened, or in the future', async () => {
    const detail = await call('investigator', 'GET', `/cases/${caseId}`);
    const warrantId = (detail.body as unknown as { warrants: Array<{ id: string }> }).warrants[0]!
      .id;
    const execute = (executedAt: string) =>
      call('investigator', 'POST', `/warrants/${warrantId}/execution`, {
        issuedAt: '2026-03-08T09:00:00Z',
        executedAt,
        result: 'evidence_seized',
      });
    const before = await execute('2026-03-11T09:00:00Z');
    expect(refused(before)).toEqual(['executedAt']);
    expect(refused(await execute('2026-03-08T10:00:00Z'))).toEqual(['executedAt', 'executedAt']);
    expect(refused(await execute('2026-06-01T09:00:00Z'))).toEqual(['executedAt']);
    expect((await execute('2026-03-15T09:00:00Z')).status).toBe(200);
  });

  it('refuses an arrest before the offence period or in the future, and charges before the arrest', async () => {
    // oxlint-disable-next-line unicorn/consistent-function-scoping
    const arrest = (arrestedAt: string) =>
      call('investigator', 'POST', `/cases/${caseId}/arrests`, { accusedRef: 'RMS-1', arrestedAt });
    const early = await arrest('2026-03-04T09:00:00Z');
    expect(refused(early)).toEqual(['arrestedAt']);
    expect(early.body.error!.details![0]!.reason).toMatch(/offence period/);
    expect(refused(await arrest('2026-06-01T09:00:00Z'))).toEqual(['arrestedAt']);
    const made = await arrest('2026-03-20T09:00:00Z');
    expect(made.status).toBe(201);
    const charge = (laidOn: string) =>
      call('investigator', 'POST', `/cases/${caseId}/charges`, {
        arrestId: made.body.id,
        laidOn,
        offences: ['cc163.1(4)'],
      });
    expect(refused(await charge('2026-03-19'))).toEqual(['laidOn']);
    expect(refused(await charge('2026-06-01'))).toEqual(['laidOn']);
    expect((await charge('2026-03-20')).status).toBe(201);
  });

  it('so the unit statistics show no negative median', async () => {
    const report = await call('supervisor', 'GET', '/reports/unit?from=2026-03-01&to=2026-05-31');
    expect(report.status).toBe(200);
    expect((report.body as unknown as UnitReport).medianDaysLeadToWarrant).toBe(5);
  });
});
