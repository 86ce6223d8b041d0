import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemContext } from '#core/access/actor.js';
import { createTestCore } from '#test/core.js';
import { importKnownSet, importRows, p2pRow, subjectWithIp } from '#test/subject-world.js';

const CTX = systemContext('cli', 'test');

/** A small deterministic generator (mulberry32), so the simulated data is the same every run. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * One simulated batch of P2P sightings in Toronto: few IPs and client ids, so sightings link by
 * client id and by IP within the lease window, and a later batch may join or cut earlier subjects.
 */
function batch(next: () => number, size: number, firstDay: number, lastDay: number): string[] {
  const pick = (n: number) => Math.floor(next() * n);
  return Array.from({ length: size }, () => {
    const day = firstDay + pick(lastDay - firstDay + 1);
    const at = `2015-03-${String(day).padStart(2, '0')}T${String(pick(24)).padStart(2, '0')}:00:00Z`;
    const ip = `24.114.1.${1 + pick(14)}`;
    const client = pick(3) === 0 ? '' : (1 + pick(9)).toString(16).repeat(32);
    const kind = pick(3) === 0 ? 'download_verified' : 'query_hit';
    const hash = String(1 + pick(6)).repeat(40);
    return `${at},gnutella,${ip},6346,${client},Shareaza,sha1,${hash},f.jpg,100,${kind},probe-1`;
  });
}

describe('incremental relinking (subjects.rescore)', () => {
  let core: Awaited<ReturnType<typeof createTestCore>>;
  beforeAll(async () => {
    core = await createTestCore();
    await importKnownSet(core, ['1', '2', '3']);
  });
  afterAll(() => core.close());

  /** Everything a relink stores, less the times it was written. */
  const snapshot = async () => {
    const db = core.handle.db;
    const [subjects, members, links, scores] = await Promise.all([
      db.selectFrom('subject').selectAll().orderBy('key').execute(),
      db.selectFrom('subjectMember').selectAll().orderBy('nodeRef').execute(),
      db.selectFrom('subjectLink').selectAll().orderBy('subjectKey').orderBy('ordinal').execute(),
      db
        .selectFrom('subjectScore')
        .select(['subjectKey', 'ruleSetVersion', 'score', 'explanation'])
        .orderBy('subjectKey')
        .orderBy('ruleSetVersion')
        .execute(),
    ]);
    return {
      subjects: subjects.map(({ updatedAt: _u, scoredAt: _s, ...rest }) => rest),
      members,
      links,
      scores,
    };
  };

  it('ends each batch with the subjects and scores a full relink gives, decisions included', async () => {
    const next = random(6);
    const first = await core.subjects.relinkAndScore(CTX);
    expect(first).toMatchObject({ mode: 'full', fullReason: 'first run' });
    const batches = [
      batch(next, 60, 1, 10),
      batch(next, 12, 3, 6), // earlier than the latest time: recency unchanged
      batch(next, 12, 8, 14),
      batch(next, 1, 9, 9),
      batch(next, 20, 1, 20),
    ];
    const modes: string[] = [];
    let smallest = Infinity;
    for (const [index, rows] of batches.entries()) {
      await importRows(core, rows, `batch-${index}.csv`);
      if (index === 2) {
        // An analyst merges the two largest subjects and splits one IP out of the third.
        const top = await core.handle.db
          .selectFrom('subject')
          .select('key')
          .orderBy('observationCount', 'desc')
          .orderBy('key')
          .limit(3)
          .execute();
        await core.subjectDecisions.mergeSubjects(CTX, {
          subjects: [top[0]!.key, top[1]!.key],
          reason: 'same household (test)',
        });
        const ips = await core.handle.db
          .selectFrom('subjectMember as m')
          .innerJoin('observation as o', 'o.id', 'm.observationId')
          .select('o.ip')
          .distinct()
          .where('m.subjectKey', '=', top[2]!.key)
          .orderBy('o.ip')
          .execute();
        if (ips.length > 1) {
          await core.subjectDecisions.splitSubject(CTX, top[2]!.key, {
            members: [],
            clientIds: [],
            ips: [ips[0]!.ip],
            reason: 'another subscriber (test)',
          });
        }
      }
      const incremental = await core.subjects.relinkAndScore(CTX);
      modes.push(incremental.mode);
      smallest = Math.min(smallest, incremental.relinkedNodes / incremental.observations);
      const after = await snapshot();
      const full = await core.subjects.relinkAndScore(CTX, { full: true });
      expect(full).toMatchObject({ mode: 'full', added: 0, changed: 0, removed: 0, scored: 0 });
      expect(await snapshot()).toEqual(after);
    }
    expect(modes).toEqual(batches.map(() => 'incremental'));
    // The one-row batch re-links part of the world, not all of it.
    expect(smallest).toBeLessThan(0.5);
  }, 300_000);

  it('records where a vanished key went', async () => {
    const changes = await core.handle.db.selectFrom('subjectKeyChange').selectAll().execute();
    expect(changes.length).toBeGreaterThan(0);
    const keys = new Set(
      (await core.handle.db.selectFrom('subject').select('key').execute()).map((s) => s.key),
    );
    const latest = changes.filter((c) => c.toKeys.every((k) => keys.has(k)));
    expect(latest.length).toBeGreaterThan(0);
  });

  it('changes nothing when run again with nothing new', async () => {
    const before = await snapshot();
    const again = await core.subjects.relinkAndScore(CTX);
    expect(again).toMatchObject({ mode: 'incremental', relinkedNodes: 0, rescored: 0, scored: 0 });
    expect(await snapshot()).toEqual(before);
  });

  it.each([
    ['rule set changed', { ruleSetVersion: 1 }],
    ['linking parameters changed', { linkOptions: '{"ipWindowHours":72}' }],
  ])('relinks fully when the %s', async (reason, change) => {
    await core.handle.db.updateTable('subjectRelinkState').set(change).execute();
    const run = await core.subjects.relinkAndScore(CTX);
    expect(run).toMatchObject({ mode: 'full', fullReason: reason, changed: 0, removed: 0 });
    expect((await core.subjects.relinkAndScore(CTX)).mode).toBe('incremental');
  });

  it('scores again a subject whose file another, unlinked subject now shares', async () => {
    // X: one known file and three files in no hash set that nobody else has (possible new
    // material); Z fixes the latest time, so the next batch moves no recency.
    await importRows(
      core,
      [
        p2pRow('2015-04-10T10:00:00Z', '24.114.2.1', 'a', '1'),
        ...['d', 'e', 'f'].map((h) => p2pRow('2015-04-10T11:00:00Z', '24.114.2.1', 'a', h)),
        p2pRow('2015-04-20T10:00:00Z', '24.114.2.9', 'b', '2'),
      ],
      'x.csv',
    );
    await core.subjects.relinkAndScore(CTX);
    const x = await subjectWithIp(core, '24.114.2.1');
    const scoreOf = async () =>
      (
        await core.handle.db
          .selectFrom('subject')
          .select('score')
          .where('key', '=', x)
          .executeTakeFirstOrThrow()
      ).score;
    const before = await scoreOf();
    // Y, linked to nobody, is seen with one of X's files: X no longer has three files alone.
    await importRows(core, [p2pRow('2015-04-12T10:00:00Z', '24.114.2.5', 'c', 'd')], 'y.csv');
    const run = await core.subjects.relinkAndScore(CTX);
    expect(run).toMatchObject({ mode: 'incremental', relinkedNodes: 1 });
    expect(await scoreOf()).toBeLessThan(before!);
    const after = await snapshot();
    const full = await core.subjects.relinkAndScore(CTX, { full: true });
    expect(full).toMatchObject({ added: 0, changed: 0, removed: 0, scored: 0 });
    expect(await snapshot()).toEqual(after);
  }, 60_000);
});
