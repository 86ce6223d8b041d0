import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_RULE_SET, RULE_SET_V1, type RuleSetDefinition } from '#core/scoring/index.js';
import type { Core } from '#src/app.js';
import { createSecurityCore, signedInApp } from '#test/security.js';
import { importKnownSet, importRows, p2pRow } from '#test/subject-world.js';

type Page = { ruleSetVersion: number; items: Array<{ subjectKey: string; score: number }> };
type Detail = {
  score: { ruleSetVersion: number; score: number };
  olderScores: Array<{ ruleSetVersion: number; score: number }>;
};

/** The default rule set with every weight doubled except the ones named. */
function doubled(): Omit<RuleSetDefinition, 'version'> {
  const { version: _v, ...rest } = structuredClone(DEFAULT_RULE_SET);
  return {
    ...rest,
    name: 'doubled',
    rules: rest.rules.map((r) => ({ ...r, weight: r.weight * 2 })),
  };
}

describe('rule sets', () => {
  let core: Core;
  let admin: Awaited<ReturnType<typeof signedInApp>>;
  const post = (as: typeof admin, body: unknown) =>
    as.request('/api/rule-sets', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  const runJobs = async () => {
    const worker = core.createWorker(1000);
    while (await worker.runOnce());
  };

  beforeAll(async () => {
    core = await createSecurityCore();
    admin = await signedInApp(core, ['system_admin']);
    await importKnownSet(core, ['1', '2']);
    await runJobs();
    await importRows(core, [
      p2pRow('2015-03-01T10:00:00Z', '24.114.10.1', 'a', '1'),
      p2pRow('2015-03-02T10:00:00Z', '24.114.10.2', 'a', '2'),
    ]);
    await runJobs();
  });
  afterAll(() => core.close());

  it('seeds the built-in rule sets under their own versions, the default current', async () => {
    const list = (await (await admin.request('/api/rule-sets')).json()) as Array<{
      version: number;
      isCurrent: boolean;
    }>;
    expect(list).toEqual([
      expect.objectContaining({ version: 2, isCurrent: true }),
      expect.objectContaining({ version: 1, isCurrent: false }),
    ]);
    expect(DEFAULT_RULE_SET.version).toBe(2);
    const definitionOf = async (v: number) =>
      (
        (await (await admin.request(`/api/rule-sets/${v}`)).json()) as {
          definition: RuleSetDefinition;
        }
      ).definition;
    expect(await definitionOf(2)).toEqual(DEFAULT_RULE_SET);
    expect(await definitionOf(1)).toEqual(RULE_SET_V1);
    expect((await admin.request('/api/rule-sets/9')).status).toBe(404);
    expect((await admin.request('/api/rule-sets/abc')).status).toBe(400);
  });

  it('is for administrators: others get 404, only a system administrator creates', async () => {
    const analyst = await signedInApp(core, ['analyst']);
    expect((await analyst.request('/api/rule-sets')).status).toBe(404);
    const agencyAdmin = await signedInApp(core, ['agency_admin']);
    expect((await agencyAdmin.request('/api/rule-sets')).status).toBe(200);
    const res = await post(agencyAdmin, { definition: doubled(), note: 'try it' });
    expect(res.status).toBe(404);
  });

  it('refuses an invalid definition with the path of the problem', async () => {
    const dup = doubled();
    dup.rules = [...dup.rules, dup.rules[0]!];
    const res = await post(admin, { definition: dup, note: 'duplicate ids' });
    expect(res.status).toBe(400);
    expect(JSON.stringify(await res.json())).toMatch(/duplicate rule id/);
    const heavy = doubled();
    heavy.rules[0]!.weight = 1000;
    expect((await post(admin, { definition: heavy, note: 'too heavy' })).status).toBe(400);
    expect((await post(admin, { definition: doubled() })).status).toBe(400);
  });

  it('a new version changes scores only when the rescore job runs; old scores keep theirs', async () => {
    const before = (await (await admin.request('/api/queue')).json()) as Page;
    expect(before.ruleSetVersion).toBe(2);
    const key = before.items[0]!.subjectKey;
    const oldScore = before.items[0]!.score;
    expect(oldScore).toBeGreaterThan(0);

    const res = await post(admin, {
      definition: { ...doubled(), version: 77 },
      note: 'double all',
    });
    expect(res.status).toBe(201);
    const created = (await res.json()) as {
      version: number;
      isCurrent: boolean;
      rescoreJobId: string;
    };
    expect(created).toMatchObject({ version: 3, isCurrent: true });

    // Stored, but the queue and the subject still show version 2 until the job runs.
    const waiting = (await (await admin.request('/api/queue')).json()) as Page;
    expect(waiting.ruleSetVersion).toBe(2);
    expect(waiting.items[0]!.score).toBe(oldScore);

    await runJobs();
    const after = (await (await admin.request('/api/queue')).json()) as Page;
    expect(after.ruleSetVersion).toBe(3);
    expect(after.items[0]!.score).toBeCloseTo(oldScore * 2, 1);
    const detail = (await (await admin.request(`/api/subjects/${key}`)).json()) as Detail;
    expect(detail.score.ruleSetVersion).toBe(3);
    expect(detail.olderScores).toEqual([
      expect.objectContaining({ ruleSetVersion: 2, score: oldScore }),
    ]);
    const list = (await (await admin.request('/api/rule-sets')).json()) as Array<{
      version: number;
      isCurrent: boolean;
      note: string;
    }>;
    expect(list.map((r) => [r.version, r.isCurrent])).toEqual([
      [3, true],
      [2, false],
      [1, false],
    ]);
    expect(list[0]!.note).toBe('double all');
  });

  it('never edits a stored version in place (the table refuses updates)', async () => {
    await expect(
      core.handle.db
        .updateTable('ruleSet')
        .set({ note: 'changed' })
        .where('version', '=', 1)
        .execute(),
    ).rejects.toThrow(/never edited/);
    const audit = await core.handle.db
      .selectFrom('auditLog')
      .select('action')
      .where('action', '=', 'rule_set.create')
      .execute();
    expect(audit.length).toBeGreaterThanOrEqual(1);
  });
});
