import { sql } from 'kysely';
import type { Db } from '#platform/db/client.js';

/** The queue page's rows: subjects with their score of one rule-set version, best first. */
export async function queuePage(
  db: Db,
  query: { agency?: string | undefined; limit: number; offset: number; ruleSetVersion: number },
) {
  let q = db
    .selectFrom('subject as s')
    .innerJoin('subjectScore as sc', (j) =>
      j.onRef('sc.subjectKey', '=', 's.key').on('sc.ruleSetVersion', '=', query.ruleSetVersion),
    )
    .selectAll('s')
    .select([
      'sc.score',
      'sc.maxScore',
      'sc.ruleSetVersion',
      'sc.explanation',
      'sc.attributionLevel',
      'sc.attributionConfidence',
      'sc.attributionFlags',
      'sc.scoredAt',
    ]);
  if (query.agency !== undefined) q = q.where('s.agencyCode', '=', query.agency);
  const total = await db
    .selectFrom(q.as('page'))
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  // The order of compareScores: threat, then attribution, then subject key.
  const rows = await q
    .orderBy('sc.score', 'desc')
    .orderBy('sc.attributionConfidence', 'desc')
    .orderBy('s.key', 'asc')
    .limit(query.limit)
    .offset(query.offset)
    .execute();
  return { total: total.n, rows };
}

const clean = (xs: Array<string | null>) => xs.filter((x): x is string => x !== null).sort();

/** Distinct IPs, ISPs and municipalities of the observations of each given subject. */
export async function placesOf(db: Db, keys: string[]) {
  if (keys.length === 0) {
    return new Map<string, { ips: string[]; isps: string[]; municipalities: string[] }>();
  }
  const rows = await db
    .selectFrom('subjectMember as m')
    .innerJoin('observation as o', 'o.id', 'm.observationId')
    .select([
      'm.subjectKey',
      sql<string[]>`array_agg(distinct o.ip order by o.ip)`.as('ips'),
      sql<Array<string | null>>`array_agg(distinct o.as_org)`.as('isps'),
      sql<Array<string | null>>`array_agg(distinct o.city)`.as('municipalities'),
    ])
    .where('m.subjectKey', 'in', keys)
    .groupBy('m.subjectKey')
    .execute();
  return new Map(
    rows.map((r) => [
      r.subjectKey,
      { ips: r.ips, isps: clean(r.isps), municipalities: clean(r.municipalities) },
    ]),
  );
}

/** One subject with its links, score versions and observation timeline (null when unknown). */
export async function subjectDetail(db: Db, key: string) {
  const subject = await db
    .selectFrom('subject')
    .selectAll()
    .where('key', '=', key)
    .executeTakeFirst();
  if (!subject) return null;
  // Sequential on purpose: inside a PGlite transaction the queries share one connection.
  const links = await db
    .selectFrom('subjectLink')
    .selectAll()
    .where('subjectKey', '=', key)
    .orderBy('ordinal')
    .execute();
  const scores = await db
    .selectFrom('subjectScore')
    .selectAll()
    .where('subjectKey', '=', key)
    .orderBy('ruleSetVersion', 'desc')
    .execute();
  const timeline = await db
    .selectFrom('subjectMember as m')
    .innerJoin('observation as o', 'o.id', 'm.observationId')
    .select([
      'o.id',
      'o.observedAt',
      'o.network',
      'o.ip',
      'o.port',
      'o.clientId',
      'o.evidenceKind',
      'o.hashType',
      'o.hash',
      'o.fileName',
      'o.city',
      'o.asOrg',
      'o.ipFlags',
      'o.agencyCode',
    ])
    .where('m.subjectKey', '=', key)
    .orderBy('o.observedAt')
    .orderBy('o.id')
    .execute();
  const tipRefs = await db
    .selectFrom('subjectMember')
    .select('nodeRef')
    .where('subjectKey', '=', key)
    .where('observationId', 'is', null)
    .orderBy('nodeRef')
    .execute();
  return { subject, links, scores, timeline, tipRefs: tipRefs.map((t) => t.nodeRef) };
}
