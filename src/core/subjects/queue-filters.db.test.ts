import { readFileSync } from 'node:fs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemContext } from '#core/access/actor.js';
import type { QueueQuery } from '#core/subjects/queue.schema.js';
import { createTestCore } from '#test/core.js';
import { importRows, p2pRow } from '#test/subject-world.js';

const CTX = systemContext('cli', 'queue-filters-test');

describe('queue filters: attribution flag and municipality', () => {
  let core: Awaited<ReturnType<typeof createTestCore>>;
  let toronto = '';
  let sudbury = '';
  beforeAll(async () => {
    core = await createTestCore();
    // One installation seen in Toronto (24.114.x.x), another in Sudbury (142.51.x.x).
    await importRows(core, [
      p2pRow('2015-03-01T10:00:00Z', '24.114.10.1', 'a', '1'),
      p2pRow('2015-03-02T10:00:00Z', '24.114.10.2', 'a', '2'),
      p2pRow('2015-03-01T11:00:00Z', '142.51.1.1', 'b', '3'),
    ]);
    await core.subjects.relinkAndScore(CTX);
    const all = await core.subjects.queue(CTX, { limit: 10 });
    toronto =
      all.items.find((i) => i.municipalities.includes('Toronto (Old Toronto)'))?.subjectKey ?? '';
    sudbury =
      all.items.find((i) => i.municipalities.includes('Greater Sudbury (Sudbury)'))?.subjectKey ??
      '';
    // Flags come from attribution at scoring; the filter reads the stored column, set here.
    await sql`update subject set attribution_flags = array['anonymous_vpn', 'hosting'] where key = ${sudbury}`.execute(
      core.handle.db,
    );
  });
  afterAll(() => core.close());

  it('finds the two subjects unfiltered', () => {
    expect(toronto).toMatch(/^sub_/);
    expect(sudbury).toMatch(/^sub_/);
  });

  it('keeps only subjects observed in a municipality, by its name or the part before brackets', async () => {
    for (const municipality of ['toronto', 'Toronto (Old Toronto)']) {
      const page = await core.subjects.queue(CTX, { municipality });
      expect(page.items.map((i) => i.subjectKey)).toEqual([toronto]);
      expect(page.total).toBe(1);
    }
    const sudburyPage = await core.subjects.queue(CTX, { municipality: 'Greater Sudbury' });
    expect(sudburyPage.items.map((i) => i.subjectKey)).toEqual([sudbury]);
    const none = await core.subjects.queue(CTX, { municipality: 'Atlantis' });
    expect([none.total, none.items.length]).toEqual([0, 0]);
  });

  it('keeps only subjects whose attribution carries a flag', async () => {
    const vpn = await core.subjects.queue(CTX, { flag: 'anonymous_vpn' });
    expect(vpn.items.map((i) => i.subjectKey)).toEqual([sudbury]);
    const tor = await core.subjects.queue(CTX, { flag: 'tor' });
    expect(tor.total).toBe(0);
    // Filters combine.
    const both = await core.subjects.queue(CTX, { flag: 'anonymous_vpn', municipality: 'Toronto' });
    expect(both.total).toBe(0);
  });

  it('rejects a malformed or unknown flag', async () => {
    for (const flag of ['VPN; drop', 'vpn']) {
      await expect(core.subjects.queue(CTX, { flag } as QueueQuery)).rejects.toThrow(
        /invalid queue/,
      );
    }
  });

  it('stores the names at relink, and migration 0012 backfills the same for stored subjects', async () => {
    const db = core.handle.db;
    const read = () =>
      db.selectFrom('subject').select(['key', 'municipalities']).orderBy('key').execute();
    const written = await read();
    expect(written.find((r) => r.key === toronto)?.municipalities).toEqual([
      'toronto',
      'toronto (old toronto)',
    ]);
    await sql`update subject set municipalities = '{}'`.execute(db);
    const migration = readFileSync(
      new URL('../../../migrations/0012_subject_places.sql', import.meta.url),
      'utf8',
    );
    const from = migration.indexOf('update subject s');
    await sql.raw(migration.slice(from, migration.indexOf(';', from))).execute(db);
    expect(await read()).toEqual(written);
  });

  it('leaves out subjects scoring 0, or lists them alone', async () => {
    await sql`update subject set score = 0 where key = ${toronto}`.execute(core.handle.db);
    await sql`update subject set score = 12.5 where key = ${sudbury}`.execute(core.handle.db);
    const hidden = await core.subjects.queue(CTX, { zeroScores: 'hide' });
    expect(hidden.items.map((i) => i.subjectKey)).toEqual([sudbury]);
    const zero = await core.subjects.queue(CTX, { zeroScores: 'only', limit: 1 });
    expect([zero.total, zero.items.map((i) => i.subjectKey)]).toEqual([1, [toronto]]);
    expect((await core.subjects.queue(CTX, {})).total).toBe(2);
  });
});
