import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemContext } from '#core/access/actor.js';
import { createTestCore } from '#test/core.js';
import { QUEUE_COUNT_CAP } from './subjects.queries.js';

const CTX = systemContext('cli', 'queue-count-test');

describe('queue total', () => {
  let core: Awaited<ReturnType<typeof createTestCore>>;
  beforeAll(async () => {
    core = await createTestCore();
    // Scored subjects written directly: the count cap does not depend on how they were linked.
    await sql`insert into subject (key, agency_code, updated_at, rule_set_version, score, max_score,
        attribution_level, attribution_confidence, scored_at)
      select 'sub_' || substr(md5(i::text), 1, 20), case when i <= 30 then 'ON-TPS' else 'ON-OPP' end,
        now(), 1, i % 100, 100, 'high', 0.9, now()
      from generate_series(1, ${QUEUE_COUNT_CAP + 50}) i`.execute(core.handle.db);
  });
  afterAll(() => core.close());

  it('counts exactly up to the cap, then says the total is a lower bound', async () => {
    const all = await core.subjects.queue(CTX, { limit: 5 });
    expect([all.total, all.isTotalExact]).toEqual([QUEUE_COUNT_CAP, false]);
    expect(all.items.map((i) => i.score)).toEqual([99, 99, 99, 99, 99]);
    const one = await core.subjects.queue(CTX, { agency: 'ON-TPS', limit: 5 });
    expect([one.total, one.isTotalExact]).toEqual([30, true]);
    const filtered = await core.subjects.queue(CTX, { minScore: 98, limit: 500 });
    expect(filtered.isTotalExact).toBe(true);
    expect(filtered.total).toBe(filtered.items.length);
  });
});
