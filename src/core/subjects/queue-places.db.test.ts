import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemContext } from '#core/access/actor.js';
import { createTestCore } from '#test/core.js';
import { importRows, p2pRow } from '#test/subject-world.js';

const CTX = systemContext('cli', 'queue-places-test');

describe('queue places and observations awaiting scoring', () => {
  let core: Awaited<ReturnType<typeof createTestCore>>;
  beforeAll(async () => {
    core = await createTestCore();
    // One installation: twice in Toronto (24.114.x.x), once in Sudbury (142.51.x.x).
    await importRows(core, [
      p2pRow('2015-03-01T10:00:00Z', '24.114.10.1', 'c', '1'),
      p2pRow('2015-03-02T10:00:00Z', '24.114.10.2', 'c', '2'),
      p2pRow('2015-03-03T11:00:00Z', '142.51.1.1', 'c', '3'),
    ]);
  });
  afterAll(() => core.close());

  it('counts the observations awaiting scoring, and none once scored', async () => {
    expect(await core.subjects.countAwaitingScoring()).toBe(3);
    await core.subjects.relinkAndScore(CTX);
    expect(await core.subjects.countAwaitingScoring()).toBe(0);
  });

  it('orders a subject places by observations, most first', async () => {
    const page = await core.subjects.queue(CTX, { limit: 10 });
    expect(page.items).toHaveLength(1);
    expect(page.items[0]!.municipalities).toEqual([
      'Toronto (Old Toronto)',
      'Greater Sudbury (Sudbury)',
    ]);
  });
});
