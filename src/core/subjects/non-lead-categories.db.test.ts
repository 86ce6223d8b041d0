import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemContext } from '#core/access/actor.js';
import { createTestCore } from '#test/core.js';
import { bytesOf, media, vics2 } from '#test/hashsets.js';
import { importRows, p2pRow, subjectWithIp } from '#test/subject-world.js';

const CTX = systemContext('cli', 'non-lead-test');

/** A VICS US set: SHA-1 `1…1` in category 1, `2…2` in 0 (Non-Pertinent), `3…3` in 4 (Comparison). */
async function importGradedSet(core: Awaited<ReturnType<typeof createTestCore>>) {
  const items = [
    ['1', 1],
    ['2', 0],
    ['3', 4],
  ].map(([d, category], i) =>
    media(`graded-${d}`, { MediaID: i + 1, SHA1: String(d).repeat(40), Category: category }),
  );
  await core.hashsets.importHashSet(
    CTX,
    { fileName: 'graded.json', stream: bytesOf(vics2(items), 4096) },
    { kind: 'known', isStrict: false },
  );
}

describe('not-lead categories through intake, rescore and the queue', () => {
  let core: Awaited<ReturnType<typeof createTestCore>>;
  const score = async (ip: string) => {
    const key = await subjectWithIp(core, ip);
    const page = await core.subjects.queue(CTX, { limit: 50 });
    return page.items.find((i) => i.subjectKey === key)!;
  };
  beforeAll(async () => {
    core = await createTestCore();
    await importGradedSet(core);
    await importRows(core, [
      // Only Non-Pertinent and Comparison files.
      p2pRow('2015-03-01T10:00:00Z', '24.114.10.1', 'a', '2'),
      p2pRow('2015-03-02T10:00:00Z', '24.114.10.1', 'a', '3'),
      // Category 1 beside them, and category 1 alone.
      p2pRow('2015-03-01T10:00:00Z', '142.51.1.1', 'b', '1'),
      p2pRow('2015-03-05T10:00:00Z', '142.51.1.1', 'b', '2'),
      p2pRow('2015-03-06T10:00:00Z', '142.51.1.1', 'b', '3'),
      p2pRow('2015-03-01T10:00:00Z', '142.51.1.2', 'c', '1'),
      // A file in no hash set.
      p2pRow('2015-03-01T10:00:00Z', '24.114.10.9', 'd', '9'),
    ]);
    await core.subjects.relinkAndScore(CTX);
  });
  afterAll(() => core.close());

  it('stores the matches, but a subject with only VICS US 0 and 4 files scores 0', async () => {
    const matches = await core.handle.db
      .selectFrom('observationMatch')
      .select('categoryCode')
      .where('categoryScheme', '=', 'vics_us')
      .orderBy('categoryCode')
      .execute();
    expect(matches.map((m) => m.categoryCode)).toEqual(['0', '0', '1', '1', '4', '4']);
    const item = await score('24.114.10.1');
    expect(item).toMatchObject({
      score: 0,
      topReasons: [],
      zeroScoreCause: 'only_non_lead_categories',
    });
    const hidden = await core.subjects.queue(CTX, { zeroScores: 'hide', limit: 50 });
    expect(hidden.items.map((i) => i.subjectKey)).not.toContain(item.subjectKey);
  });

  it('lets VICS US 0 and 4 files add nothing beside a category 1 file', async () => {
    const mixed = await score('142.51.1.1');
    const alone = await score('142.51.1.2');
    expect(alone.score).toBeGreaterThan(0);
    expect(mixed.score).toBe(alone.score);
    expect(mixed.zeroScoreCause).toBeNull();
  });

  it('says per zero-score subject why it scores 0', async () => {
    expect((await score('24.114.10.9')).zeroScoreCause).toBe('only_unmatched_files');
  });
});
