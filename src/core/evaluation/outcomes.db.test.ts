import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemContext } from '#core/access/actor.js';
import { createTestCore } from '#test/core.js';
import { importRows, p2pRow, subjectWithIp } from '#test/subject-world.js';

const CTX = systemContext('cli', 'outcomes-test');

describe('evaluation against recorded case outcomes', () => {
  let core: Awaited<ReturnType<typeof createTestCore>>;
  const keys: Record<'a' | 'b' | 'c', string> = { a: '', b: '', c: '' };
  let org = '';

  const openCase = async (ref: string, subjectKeys: string[], closed?: string) => {
    const db = core.handle.db;
    const id = (
      await sql<{ id: string }>`insert into investigation_case (organisation_id, reference, title,
          state, disposition, source_kind, received_at, created_at, updated_at)
        values (${org}, ${ref}, ${ref}, ${closed ? 'closed' : 'lead'}, ${closed ?? null},
          'subjects', now(), now(), now()) returning id`.execute(db)
    ).rows[0]!.id;
    for (const key of subjectKeys) {
      await sql`insert into case_subject (case_id, subject_key) values (${id}, ${key})`.execute(db);
    }
    return id;
  };

  beforeAll(async () => {
    core = await createTestCore();
    // Three installations in Toronto: a (three files), b (two), c (one).
    await importRows(core, [
      p2pRow('2015-03-01T10:00:00Z', '24.114.10.1', 'a', '1'),
      p2pRow('2015-03-01T10:05:00Z', '24.114.10.1', 'a', '2'),
      p2pRow('2015-03-01T10:10:00Z', '24.114.10.1', 'a', '3'),
      p2pRow('2015-03-02T10:00:00Z', '24.114.20.1', 'b', '4'),
      p2pRow('2015-03-02T10:05:00Z', '24.114.20.1', 'b', '5'),
      p2pRow('2015-03-03T10:00:00Z', '24.114.30.1', 'c', '6'),
    ]);
    await core.subjects.relinkAndScore(CTX);
    keys.a = await subjectWithIp(core, '24.114.10.1');
    keys.b = await subjectWithIp(core, '24.114.20.1');
    keys.c = await subjectWithIp(core, '24.114.30.1');
    org = (
      await sql<{ id: string }>`insert into organisation (kind, code, name)
        values ('agency', 'OUTCOME-T', 'Outcome test unit') returning id`.execute(core.handle.db)
    ).rows[0]!.id;
  });
  afterAll(() => core.close());

  it('has nothing to compare while no case has an outcome', async () => {
    await openCase('C-OPEN', [keys.a]);
    const result = await core.evaluation.evaluateOutcomes(CTX, { warrants: 2 });
    expect(result.outcomes).toBeNull();
  });

  it('ranks the subjects with outcomes by the queue and by each baseline, and counts what each reaches', async () => {
    const db = core.handle.db;
    // b: charged, two victims identified. c: warrant executed, nothing found (a known negative).
    // a's open case has no outcome, so a is not among the subjects compared.
    const charged = await openCase('C-B', [keys.b]);
    const offence = (
      await sql<{ code: string; from: string }>`select code, in_force_from::text as from
        from offence where in_force_to is null order by code limit 1`.execute(db)
    ).rows[0]!;
    await sql`insert into charge (case_id, offence_code, offence_from, laid_on, created_at)
      values (${charged}, ${offence.code}, ${offence.from}::date, current_date, now())`.execute(db);
    await sql`insert into case_victim (case_id, victims_identified, children_safeguarded,
        victim_services_ref, recorded_on, created_at)
      values (${charged}, 2, 1, 'VS-1', current_date, now())`.execute(db);
    const searched = await openCase('C-C', [keys.c], 'no_offence');
    const type = (
      await sql<{
        code: string;
      }>`select code from legal_authority_type order by code limit 1`.execute(db)
    ).rows[0]!.code;
    await sql`insert into warrant (case_id, type_code, sought_at, executed_at, result, created_at)
      values (${searched}, ${type}, now(), now(), 'nothing_found', now())`.execute(db);

    const result = await core.evaluation.evaluateOutcomes(CTX, { warrants: 1 });
    const o = result.outcomes!;
    expect(o).toMatchObject({ cases: 2, subjects: 2, positive: 1, victimsIdentified: 2, k: 1 });
    expect(o.unplacedKeys).toBe(0);
    // Which of b and c comes first in each ranking, from the stored data itself.
    const scores = await db
      .selectFrom('subject')
      .select(['key', 'score', 'attributionConfidence'])
      .where('key', 'in', [keys.b, keys.c])
      .execute();
    const score = (k: string) => scores.find((s) => s.key === k)!;
    const queueFirst =
      score(keys.b).score! > score(keys.c).score! ||
      (score(keys.b).score === score(keys.c).score &&
        (score(keys.b).attributionConfidence! > score(keys.c).attributionConfidence! ||
          (score(keys.b).attributionConfidence === score(keys.c).attributionConfidence &&
            keys.b < keys.c)))
        ? keys.b
        : keys.c;
    const reached = (name: string) => o.reports.find((r) => r.name === name)!;
    expect(reached('vigil')).toMatchObject({
      k: 1,
      consideredKeys: 1,
      highRiskReached: queueFirst === keys.b ? 1 : 0,
      childrenAtRiskReached: queueFirst === keys.b ? 2 : 0,
      highRiskTotal: 1,
      childrenAtRiskTotal: 2,
      unknownKeys: 0,
    });
    // Recency: c was seen last, and c is the known negative.
    expect(reached('recency')).toMatchObject({ highRiskReached: 0, childrenAtRiskReached: 0 });
  });

  it('follows a case subject key renamed by a later relink, and counts keys that lead nowhere', async () => {
    const db = core.handle.db;
    // The charged case was opened under an older key of b's subject, since renamed.
    await sql`update case_subject set subject_key = 'sub_old_b' where subject_key = ${keys.b}`.execute(
      db,
    );
    await sql`insert into subject_key_change (from_key, to_keys, changed_at)
      values ('sub_old_b', array[${keys.b}], now())`.execute(db);
    await openCase('C-GONE', ['sub_vanished'], 'insufficient_evidence');
    const result = await core.evaluation.evaluateOutcomes(CTX, { warrants: 5 });
    expect(result.outcomes).toMatchObject({
      cases: 3,
      subjects: 2,
      positive: 1,
      victimsIdentified: 2,
      unplacedKeys: 1,
      k: 2,
    });
    for (const report of result.outcomes!.reports) {
      expect([report.consideredKeys, report.highRiskReached]).toEqual([2, 1]);
    }
  });
});
