import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestCore } from '#test/core.js';
import { importKnownSet, importRows, p2pRow } from '#test/subject-world.js';

describe('subjects.rescore after a hash set change', () => {
  let core: Awaited<ReturnType<typeof createTestCore>>;
  beforeAll(async () => {
    core = await createTestCore();
  });
  afterAll(() => core.close());

  const runJobs = async () => {
    const names: string[] = [];
    const worker = core.createWorker(1000);
    while (await worker.runOnce());
    const done = await core.handle.db
      .selectFrom('job')
      .select('name')
      .where('status', '=', 'done')
      .orderBy('createdAt')
      .execute();
    for (const j of done) names.push(j.name);
    return names;
  };
  const scores = () =>
    core.handle.db.selectFrom('subject').select(['key', 'score', 'ruleSetVersion']).execute();

  it('rescores once re-matching has found the newly known files', async () => {
    await importRows(core, [p2pRow('2015-03-01T10:00:00Z', '24.114.10.1', 'a', '1')]);
    await runJobs();
    // No hash set yet: nothing known, so nothing scores.
    expect((await scores()).map((s) => s.score)).toEqual([0]);

    await importKnownSet(core, ['1']);
    const names = await runJobs();
    // The set's activation -> index refresh and re-match -> rescore of the subjects.
    expect(names.slice(-3)).toEqual(['hashsets.changed', 'intake.rematch', 'subjects.rescore']);
    const [after] = await scores();
    expect(after!.score).toBeGreaterThan(0);
  });
});
