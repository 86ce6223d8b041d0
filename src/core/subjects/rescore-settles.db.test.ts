import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemContext } from '#core/access/actor.js';
import { createTestCore } from '#test/core.js';
import { importRows, p2pRow } from '#test/subject-world.js';

const CTX = systemContext('cli', 'rescore-settles-test');

describe('a rescore that settles the queued rescore jobs (the demo scores once)', () => {
  let core: Awaited<ReturnType<typeof createTestCore>>;
  beforeAll(async () => {
    core = await createTestCore();
  });
  afterAll(() => core.close());

  const queuedRescores = async () =>
    (
      await core.handle.db
        .selectFrom('job')
        .select('id')
        .where('name', '=', 'subjects.rescore')
        .where('status', '=', 'queued')
        .execute()
    ).length;

  it('leaves the import queued job to the worker by default', async () => {
    await importRows(core, [p2pRow('2015-03-01T10:00:00Z', '24.114.10.1', 'd', '1')], 'a.csv');
    expect(await queuedRescores()).toBe(1);
    await core.subjects.relinkAndScore(CTX);
    expect(await queuedRescores()).toBe(1);
  }, 120_000);

  it('settles it when asked, so the worker does not score the same rows again', async () => {
    await core.subjects.relinkAndScore(CTX, { settlesQueuedRuns: true });
    expect(await queuedRescores()).toBe(0);
    // A later import queues a new run as before.
    await importRows(core, [p2pRow('2015-03-02T10:00:00Z', '24.114.10.2', 'e', '2')], 'b.csv');
    expect(await queuedRescores()).toBe(1);
  }, 120_000);
});
