import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '#core/access/roles.js';
import type { UnitReport } from '#core/investigations/report.schema.js';
import { loadConfig } from '#platform/config.js';
import { createCore, type Core } from '#src/app.js';
import { runCli } from '#cli/main.js';
import { createCliDatabase } from '#test/cli-database.js';
import { fixedClock } from '#test/clock.js';
import {
  FAST_ARGON2,
  jsonHeaders,
  newOrganisation,
  newUser,
  sessionCookie,
} from '#test/security.js';
import { createHttpApp } from '../app.js';

// Generous timeouts: ~390 audited API calls take ~20 s on an idle 2-core machine, several times
// that when the machine is shared.
/**
 * THE figures test (issue 8): a synthetic unit driven through a spring like Sudbury's, every
 * workflow step through the HTTP API, then `vigil report --json` (in process, on the same
 * database) and GET /api/reports/unit must give exactly: 30 warrants executed, 14 arrests, 67
 * charges, 28 cases referred to other jurisdictions, 4 victims identified, 32 still open.
 */
const DAY = 86_400_000;
const PERIOD = { from: '2026-03-01', to: '2026-05-31' };
const JUSTIFICATION = {
  caseReference: 'SUD-2026',
  purpose: 'investigation',
  text: 'Production order served; recording the ISP return',
};
const FIVE = ['cc163.1(4)', 'cc163.1(4)', 'cc163.1(3)', 'cc163.1(4.1)', 'cc172.1'];
const FOUR = ['cc163.1(4)', 'cc163.1(2)', 'cc151', 'cc163.1(4.1)'];

const subjectKey = (i: number) => `sub_${i.toString(16).padStart(20, '0')}`;
const at = (base: Date, days: number, hours = 0) =>
  new Date(base.getTime() + days * DAY + hours * 3_600_000).toISOString();

describe('a spring like Sudbury’s, through the API, reported by vigil report', () => {
  const clock = fixedClock('2026-05-31T12:00:00Z');
  const key = randomBytes(32).toString('hex');
  let database: Awaited<ReturnType<typeof createCliDatabase>>;
  let env: Record<string, string>;
  let core: Core;
  let app: ReturnType<typeof createHttpApp>;
  let unitCode: string;
  let receiverCode: string;
  const cookies = new Map<string, string>();
  const charges: string[] = [];

  beforeAll(async () => {
    database = await createCliDatabase();
    env = { ...database.env, VIGIL_ENCRYPTION_KEY: key, VIGIL_LOG_LEVEL: 'silent' };
    core = await createCore(loadConfig(env), { clock, security: { argon2: FAST_ARGON2 } });
    await core.migrate();
    await core.verifyEncryptionKey();
    app = createHttpApp(core);
    const unit = await newOrganisation(core);
    const receiver = await newOrganisation(core);
    unitCode = unit.code;
    receiverCode = receiver.code;
    const people: Array<[string, string, Role]> = [
      ['investigator', unit.id, 'investigator'],
      ['supervisor', unit.id, 'supervisor'],
      ['receiver', receiver.id, 'supervisor'],
    ];
    for (const [name, org, role] of people) {
      cookies.set(name, await sessionCookie(core, (await newUser(core, org, [role])).id));
    }
    // Subjects as the triage domain would have produced them (80 leads, one subject each).
    await core.handle.db
      .insertInto('subject')
      .values(
        Array.from({ length: 80 }, (_, i) => ({
          key: subjectKey(i),
          agencyCode: unit.code,
          observationCount: 1,
          tipPersonCount: 0,
          linkCount: 0,
          updatedAt: clock.now(),
        })),
      )
      .execute();
  }, 180_000);

  afterAll(async () => {
    await core?.close().catch(() => undefined);
    await database?.close();
  });

  async function call(who: string, method: string, path: string, body?: unknown) {
    const res = await app.request(`http://localhost/api${path}`, {
      method,
      headers: jsonHeaders({ cookie: cookies.get(who)! }),
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const json = (await res.json()) as Record<string, unknown>;
    if (res.status >= 300) {
      throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
    }
    return json;
  }

  async function openCase(i: number, receivedAt: Date): Promise<string> {
    const created = await call('investigator', 'POST', '/cases', {
      title: `Lead ${i}`,
      subjectKeys: [subjectKey(i)],
      receivedAt: receivedAt.toISOString(),
    });
    return created.id as string;
  }
  const move = (id: string, to: string, disposition?: string) =>
    call('investigator', 'POST', `/cases/${id}/transitions`, {
      to,
      ...(disposition ? { disposition } : {}),
    });

  /** Lead -> assessed -> legal process -> identity under an order -> warrant sought -> executed. */
  async function toWarrantExecuted(i: number, received: Date, daysToWarrant: number) {
    const id = await openCase(i, received);
    await move(id, 'assessed');
    await move(id, 'legal_process_requested');
    const ip = `142.51.${Math.floor(i / 200)}.${(i % 200) + 1}`;
    const observedAt = at(received, -1);
    const authority = await call('investigator', 'POST', `/cases/${id}/authorities`, {
      typeCode: 'production_order',
      court: 'Ontario Court of Justice, Sudbury',
      number: `PO-2026-${i}`,
      issuedAt: at(received, 2),
      documentSha256: randomBytes(32).toString('hex'),
      scope: [{ ipRange: ip, startsAt: at(received, -1, -1), endsAt: at(received, -1, 1) }],
    });
    await call('investigator', 'POST', `/cases/${id}/identities`, {
      subjectKey: subjectKey(i),
      authorityId: authority.id,
      ip,
      observedAt,
      name: `Subscriber ${i}`,
      installationAddress: `${i} Elm St, Sudbury`,
      justification: JUSTIFICATION,
    });
    // Synthetic subjects have no stored observations, so the checklist is incomplete: override.
    const warrant = await call('supervisor', 'POST', `/cases/${id}/warrants`, {
      typeCode: 'search_warrant',
      soughtAt: at(received, 5),
      override: { reason: 'Synthetic exercise: observations held outside Vigil' },
    });
    await call('investigator', 'POST', `/warrants/${warrant.id as string}/execution`, {
      issuedAt: at(received, 6),
      executedAt: at(received, daysToWarrant),
      result: 'evidence_seized',
    });
    return id;
  }

  it('drives 80 leads through the workflow over the API', async () => {
    const march1 = new Date('2026-03-01T09:00:00Z');
    // 30 cases to an executed warrant, 10 + i days after the lead.
    const warranted: string[] = [];
    for (let i = 0; i < 30; i++) {
      warranted.push(await toWarrantExecuted(i, new Date(march1.getTime() + i * DAY), 10 + i));
    }
    // 14 arrests leading to 67 charges (11 x 5 + 3 x 4), each case then closed as charged.
    for (let i = 0; i < 14; i++) {
      const id = warranted[i]!;
      const arrest = await call('investigator', 'POST', `/cases/${id}/arrests`, {
        accusedRef: `RMS-2026-${i}`,
        arrestedAt: '2026-05-12T15:00:00Z',
      });
      const offences = i < 11 ? FIVE : FOUR;
      charges.push(...offences);
      await call('investigator', 'POST', `/cases/${id}/charges`, {
        arrestId: arrest.id,
        laidOn: '2026-05-13',
        offences,
      });
      // 4 victims identified on the first two cases (counts and a victim-services reference only).
      if (i < 2) {
        await call('investigator', 'POST', `/cases/${id}/victims`, {
          victimsIdentified: [3, 1][i],
          childrenSafeguarded: [3, 1][i],
          victimServicesRef: `VS-2026-${i}`,
          recordedOn: '2026-04-15',
        });
      }
      await move(id, 'closed', 'charged');
    }
    const dispositions = [
      'no_offence',
      'no_offence',
      'insufficient_evidence',
      'insufficient_evidence',
    ];
    dispositions.push('diverted_to_counselling', 'diverted_to_counselling');
    for (const [k, disposition] of dispositions.entries()) {
      await move(warranted[14 + k]!, 'closed', disposition);
    }
    // 29 referrals to another jurisdiction: 28 accepted, 1 declined (the case comes back, open).
    for (let i = 30; i < 59; i++) {
      const id = await openCase(i, new Date(march1.getTime() + (i - 30) * DAY));
      const referral = await call('investigator', 'POST', `/cases/${id}/referrals`, {
        toOrganisationCode: receiverCode,
        reason: 'Subscriber resides outside our jurisdiction',
      });
      if (i < 58) await call('receiver', 'POST', `/referrals/${referral.id as string}/accept`);
      else {
        await call('receiver', 'POST', `/referrals/${referral.id as string}/decline`, {
          reason: 'Address is in your area',
        });
      }
    }
    // 21 more investigations under way at various steps.
    for (let i = 59; i < 80; i++) {
      const id = await openCase(i, new Date(march1.getTime() + (i - 59) * 3 * DAY));
      if (i >= 66) await move(id, 'assessed');
      if (i >= 73) await move(id, 'legal_process_requested');
    }
    const cases = await call('supervisor', 'GET', '/cases?limit=1');
    expect(cases.total).toBe(80);
  }, 300_000);

  const expected = () => {
    const byOffence = new Map<string, number>();
    for (const code of charges) byOffence.set(code, (byOffence.get(code) ?? 0) + 1);
    return {
      leadsReceived: 80,
      subjectsPrioritised: 30 + 14,
      legalProcessRequests: 30 + 7,
      warrantsExecuted: 30,
      arrests: 14,
      charges: { total: 67, byOffence },
      casesReferredOut: 28,
      victimsIdentified: 4,
      childrenSafeguarded: 4,
      referralsToCounselling: 2,
      investigationsOpen: 32,
      // Lead to warrant in 10..39 days: the median of 30 values is (24 + 25) / 2.
      medianDaysLeadToWarrant: 24.5,
    };
  };

  function expectFigures(report: UnitReport) {
    const want = expected();
    expect(report).toMatchObject({ ...want, charges: { total: 67 }, agency: { code: unitCode } });
    expect(report.charges.byOffence.reduce((sum, o) => sum + o.count, 0)).toBe(67);
    expect(new Map(report.charges.byOffence.map((o) => [o.code, o.count]))).toEqual(
      want.charges.byOffence,
    );
    // The label in force at the period's end (Bill C-291, in force 10 October 2025).
    expect(report.charges.byOffence.find((o) => o.code === 'cc163.1(4)')?.label).toBe(
      'Possession of child sexual abuse and exploitation material',
    );
    expect(report.closedByDisposition).toEqual({
      charged: 14,
      no_offence: 2,
      insufficient_evidence: 2,
      diverted_to_counselling: 2,
    });
  }

  it('gives exactly the figures from GET /api/reports/unit', async () => {
    const report = (await call(
      'supervisor',
      'GET',
      `/reports/unit?from=${PERIOD.from}&to=${PERIOD.to}`,
    )) as unknown as UnitReport;
    expectFigures(report);
    // The receiving agency counts the 28 it accepted; its own report has them as open leads.
    const received = (await call(
      'receiver',
      'GET',
      `/reports/unit?from=${PERIOD.from}&to=${PERIOD.to}`,
    )) as unknown as UnitReport;
    expect(received).toMatchObject({
      casesReferredIn: 28,
      leadsReceived: 0,
      investigationsOpen: 28,
    });
    // Before the spring nothing had happened yet.
    const winter = (await call(
      'supervisor',
      'GET',
      '/reports/unit?from=2026-01-01&to=2026-02-28',
    )) as unknown as UnitReport;
    expect(winter).toMatchObject({
      warrantsExecuted: 0,
      arrests: 0,
      investigationsOpen: 0,
      leadsReceived: 0,
    });
  });

  it('gives exactly the same figures from vigil report --json, in process, on the same database', async () => {
    // An embedded data directory is one process's at a time: release it before the CLI opens it.
    await core.close();
    const out: string[] = [];
    const err: string[] = [];
    const cli = (args: string[]) =>
      runCli(['node', 'vigil', 'report', ...args], {
        env,
        stdout: (s) => void out.push(s),
        stderr: (s) => void err.push(s),
      });
    const code = await cli([
      '--from',
      PERIOD.from,
      '--to',
      PERIOD.to,
      '--agency',
      unitCode,
      '--json',
    ]);
    expect(err.join('')).toBe('');
    expect(code).toBe(0);
    expectFigures(JSON.parse(out.join('')) as UnitReport);

    out.length = 0;
    expect(await cli(['--from', PERIOD.from, '--to', PERIOD.to, '--agency', unitCode])).toBe(0);
    expect(out.join('')).toMatch(/Warrants executed\s+30\n/);
    expect(out.join('')).toMatch(/Investigations still open\s+32\n/);
    expect(await cli(['--from', '2026-06-01', '--to', '2026-05-01', '--agency', unitCode])).toBe(2);
  }, 180_000);
});
