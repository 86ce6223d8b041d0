import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '#src/app.js';
import { createHttpApp } from '#http/app.js';
import { CSRF_HEADER } from '#http/security/csrf.js';
import { CLI, createSecurityCore, newUser, sessionCookie, signedInApp } from '#test/security.js';
import { importRows, p2pRow, partition, subjectWithIp } from '#test/subject-world.js';

type Request = (path: string, init?: RequestInit) => Response | Promise<Response>;
type Page = { total: number; items: Array<{ subjectKey: string; agencyCode: string | null }> };

// Toronto (ON-TPS): installation a seen twice, installation b once; Sudbury (ON-GSPS): c once.
const ROWS = [
  p2pRow('2015-03-01T10:00:00Z', '24.114.10.1', 'a', '1'),
  p2pRow('2015-03-02T10:00:00Z', '24.114.10.2', 'a', '2'),
  p2pRow('2015-03-05T10:00:00Z', '24.114.20.5', 'b', '3'),
  p2pRow('2015-03-01T10:00:00Z', '142.51.1.1', 'c', '4'),
];

describe('subject decisions and agency scope', () => {
  let core: Core;
  let toronto: Request;
  let sudbury: Request;
  let admin: Awaited<ReturnType<typeof signedInApp>>;
  let torontoUsername: string;

  const runJobs = async () => {
    const worker = core.createWorker(1000);
    while (await worker.runOnce());
  };
  const post = async (as: Request, path: string, body: unknown) =>
    as(path, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

  beforeAll(async () => {
    core = await createSecurityCore();
    const app = createHttpApp(core);
    const agencyUser = async (code: string) => {
      const org = await core.organisations.createOrganisation(CLI, {
        kind: 'agency',
        code,
        name: code,
        jurisdiction: '',
      });
      const user = await newUser(core, org.id, ['analyst']);
      const cookie = await sessionCookie(core, user.id);
      const request = (path: string, init: RequestInit = {}) =>
        app.request(path, {
          ...init,
          headers: { ...(init.headers as Record<string, string>), cookie, [CSRF_HEADER]: '1' },
        });
      return { user, request };
    };
    const t = await agencyUser('ON-TPS');
    toronto = t.request;
    torontoUsername = t.user.username;
    sudbury = (await agencyUser('ON-GSPS')).request;
    admin = await signedInApp(core, ['system_admin']);
    await importRows(core, ROWS);
    await runJobs();
  });
  afterAll(() => core.close());

  it('shows each agency only the subjects in its jurisdiction', async () => {
    const mine = (await (await toronto('/api/queue')).json()) as Page;
    expect(mine.total).toBe(2);
    expect(new Set(mine.items.map((i) => i.agencyCode))).toEqual(new Set(['ON-TPS']));
    const theirs = (await (await sudbury('/api/queue')).json()) as Page;
    expect(theirs.items.map((i) => i.agencyCode)).toEqual(['ON-GSPS']);
    // Asking for another agency's queue gives nothing, not its subjects.
    expect(((await (await sudbury('/api/queue?agency=ON-TPS')).json()) as Page).total).toBe(0);
    expect(((await (await admin.request('/api/queue')).json()) as Page).total).toBe(3);
  });

  it("answers 404 for another agency's subject, as for a missing one", async () => {
    const key = await subjectWithIp(core, '24.114.10.1');
    expect((await toronto(`/api/subjects/${key}`)).status).toBe(200);
    const foreign = await sudbury(`/api/subjects/${key}`);
    const missing = await sudbury('/api/subjects/sub_00000000000000000000');
    expect([foreign.status, missing.status]).toEqual([404, 404]);
    expect(((await foreign.json()) as { error: { code: string } }).error.code).toBe('not_found');
  });

  it('lets an agency share its subjects with another (a type-wide share)', async () => {
    const org = (code: string) =>
      core.handle.db
        .selectFrom('organisation')
        .select('id')
        .where('code', '=', code)
        .executeTakeFirstOrThrow();
    const shareAdmin = await newUser(core, (await org('ON-GSPS')).id, ['agency_admin']);
    await core.organisations.createShare(
      {
        actor: {
          kind: 'user',
          userId: shareAdmin.id,
          organisationId: (await org('ON-GSPS')).id,
          organisationKind: 'agency',
          roles: ['agency_admin'],
          via: 'session',
        },
        source: 'http',
      },
      {
        objectType: 'subject',
        objectId: null,
        recipientOrganisationId: (await org('ON-TPS')).id,
        access: 'view',
        fieldScope: [],
        legalBasis: 'joint investigation',
        expiresAt: null,
      },
    );
    const shared = (await (await toronto('/api/queue')).json()) as Page;
    expect(shared.total).toBe(3);
    expect(((await (await sudbury('/api/queue')).json()) as Page).total).toBe(1);
  });

  it('merges two subjects: stored, audited, applied by the rescore job', async () => {
    const a = await subjectWithIp(core, '24.114.10.1');
    const b = await subjectWithIp(core, '24.114.20.5');
    expect((await post(toronto, '/api/subjects/merge', { subjects: [a, b] })).status).toBe(400);
    const res = await post(toronto, '/api/subjects/merge', {
      subjects: [a, b],
      reason: 'same household: subscriber records match',
    });
    expect(res.status).toBe(202);
    const body = (await res.json()) as {
      decision: { id: string; decidedBy: string; refs: string[] };
      rescoreJobId: string;
    };
    expect(body.decision.decidedBy).toBe(torontoUsername);
    expect(body.decision.refs).toHaveLength(3);
    // Not applied until the rescore job runs.
    expect((await partition(core)).filter((g) => g[0]!.startsWith('24.'))).toHaveLength(2);
    await runJobs();
    expect(await partition(core)).toEqual([
      ['142.51.1.1 c'],
      ['24.114.10.1 a', '24.114.10.2 a', '24.114.20.5 b'],
    ]);
    const merged = await subjectWithIp(core, '24.114.20.5');
    const detail = (await (await toronto(`/api/subjects/${merged}`)).json()) as {
      links: Array<{ rule: string }>;
      decisions: Array<{ id: string; kind: string; reason: string }>;
    };
    expect(detail.links.map((l) => l.rule)).toContain('analyst_merge');
    expect(detail.decisions).toEqual([
      expect.objectContaining({
        id: body.decision.id,
        kind: 'merge',
        reason: expect.stringMatching(/household/),
      }),
    ]);
    const audit = await core.handle.db
      .selectFrom('auditLog')
      .select('entry')
      .where('action', '=', 'subject.merge')
      .execute();
    expect(audit.some((r) => r.entry.includes(body.decision.id))).toBe(true);
  });

  it('keeps a merge after a rescore and after new data arrives', async () => {
    await importRows(core, [p2pRow('2015-03-09T10:00:00Z', '24.114.30.9', 'a', '5')], 'more.csv');
    await runJobs();
    expect(await partition(core)).toEqual([
      ['142.51.1.1 c'],
      ['24.114.10.1 a', '24.114.10.2 a', '24.114.20.5 b', '24.114.30.9 a'],
    ]);
  });

  it('refuses to merge with a subject outside the caller agency (404)', async () => {
    const mine = await subjectWithIp(core, '24.114.10.1');
    const theirs = await subjectWithIp(core, '142.51.1.1');
    const res = await post(sudbury, '/api/subjects/merge', {
      subjects: [theirs, mine],
      reason: 'looks the same',
    });
    expect(res.status).toBe(404);
  });

  it('splits an installation out; the split holds after a rescore and new data', async () => {
    const key = await subjectWithIp(core, '24.114.20.5');
    const bad = await post(toronto, `/api/subjects/${key}/split`, {
      clientIds: ['f'.repeat(32)],
      reason: 'not the same',
    });
    expect(bad.status).toBe(400);
    const all = await post(toronto, `/api/subjects/${key}/split`, {
      ips: ['24.114.10.1', '24.114.10.2', '24.114.20.5', '24.114.30.9'],
      reason: 'everything out',
    });
    expect(all.status).toBe(400);
    const res = await post(toronto, `/api/subjects/${key}/split`, {
      clientIds: ['b'.repeat(32)],
      reason: 'b is the neighbour: different subscriber',
    });
    expect(res.status).toBe(202);
    const body = (await res.json()) as { decision: { sideA: string[]; sideB: string[] } };
    expect([body.decision.sideA.length, body.decision.sideB.length]).toEqual([3, 1]);
    await runJobs();
    const expected = [
      ['142.51.1.1 c'],
      ['24.114.10.1 a', '24.114.10.2 a', '24.114.30.9 a'],
      ['24.114.20.5 b'],
    ];
    expect(await partition(core)).toEqual(expected);
    // Installation b shows up on a's address an hour after a: by IP it would link a and b.
    await importRows(core, [p2pRow('2015-03-01T11:00:00Z', '24.114.10.1', 'b', '6')], 'late.csv');
    await runJobs();
    const after = await partition(core);
    expect(after.some((g) => g.includes('24.114.10.2 a') && g.includes('24.114.20.5 b'))).toBe(
      false,
    );
    expect(after.find((g) => g.includes('24.114.20.5 b'))).toContain('24.114.10.1 b');
    expect((await core.subjects.relinkAndScore(CLI)).changed).toBe(0);
  });

  it('is refused (404) to a role outside intake, 400 for a malformed body', async () => {
    const auditor = await signedInApp(core, ['auditor']);
    const key = await subjectWithIp(core, '24.114.10.1');
    expect(
      (
        await post(auditor.request, '/api/subjects/merge', {
          subjects: [key, key],
          reason: 'x y z',
        })
      ).status,
    ).toBe(404);
    expect(
      (await post(toronto, `/api/subjects/${key}/split`, { reason: 'nothing named' })).status,
    ).toBe(400);
    expect(
      (await post(toronto, '/api/subjects/merge', { subjects: [key, key], reason: 'same one' }))
        .status,
    ).toBe(400);
  });
});
