import { sql } from 'kysely';
import type { Db } from '#platform/db/client.js';
import type { Disposition } from '#core/investigations/workflow.js';
import type { CaseOutcomeRow } from './outcomes.js';

/** Every case that names a subject, with its outcome counts (small: one row per case). */
export async function readCaseOutcomes(db: Db): Promise<CaseOutcomeRow[]> {
  const rows = await db
    .selectFrom('investigationCase as c')
    .innerJoin('caseSubject as cs', 'cs.caseId', 'c.id')
    .select([
      'c.id as caseId',
      'c.disposition',
      sql<string[]>`array_agg(distinct cs.subject_key order by cs.subject_key)`.as('subjectKeys'),
      sql<number>`(select count(*) from charge x where x.case_id = c.id)::int`.as('charges'),
      sql<number>`(select count(*) from arrest x where x.case_id = c.id)::int`.as('arrests'),
      sql<number>`(select coalesce(sum(x.victims_identified), 0) from case_victim x where x.case_id = c.id)::int`.as(
        'victimsIdentified',
      ),
      sql<number>`(select count(*) from warrant x where x.case_id = c.id and x.executed_at is not null and x.result is distinct from 'not_executed')::int`.as(
        'warrantsExecuted',
      ),
    ])
    .groupBy(['c.id', 'c.disposition'])
    .orderBy('c.id')
    .execute();
  return rows.map((r) => ({ ...r, disposition: (r.disposition as Disposition | null) ?? null }));
}

/** Each vanished subject key's latest recorded destination (subject_key_change). */
export async function readKeyChanges(db: Db): Promise<Map<string, string[]>> {
  const rows = await db
    .selectFrom('subjectKeyChange')
    .select(['fromKey', 'toKeys'])
    .orderBy('changedAt')
    .execute();
  // Later rows overwrite earlier ones: the latest change of a key is where its nodes are now.
  return new Map(rows.map((r) => [r.fromKey, r.toKeys]));
}

/** The stored subjects among `keys` (of one agency, or all), in the queue's order. */
export async function rankInQueueOrder(
  db: Db,
  keys: readonly string[],
  agency: string | undefined,
): Promise<string[]> {
  if (keys.length === 0) return [];
  let q = db
    .selectFrom('subject as s')
    .select('s.key')
    .where('s.key', 'in', [...keys]);
  if (agency !== undefined) q = q.where('s.agencyCode', '=', agency);
  const rows = await q
    .orderBy('s.score', (ob) => ob.desc().nullsLast())
    .orderBy('s.attributionConfidence', (ob) => ob.desc().nullsLast())
    .orderBy('s.key', 'asc')
    .execute();
  return rows.map((r) => r.key);
}

/** The keys of the stored subjects (of one agency, or all). */
export async function storedSubjectKeys(db: Db, agency: string | undefined): Promise<Set<string>> {
  let q = db.selectFrom('subject').select('key');
  if (agency !== undefined) q = q.where('agencyCode', '=', agency);
  return new Set((await q.execute()).map((r) => r.key));
}
