import { sql } from 'kysely';
import type { Db } from '#platform/db/client.js';

/** The queue counts matching subjects up to this many; beyond, `total` is a lower bound. */
export const QUEUE_COUNT_CAP = 10_000;

/** What the queue page is filtered by; `agencies` null means every subject (no agency scope). */
export type QueueFilter = {
  agencies: string[] | null;
  minScore?: number | undefined;
  /** Subjects scoring 0: with the others, left out, or alone. */
  zeroScores?: 'include' | 'hide' | 'only' | undefined;
  attribution?: 'high' | 'medium' | 'low' | undefined;
  flag?: string | undefined;
  municipality?: string | undefined;
  limit: number;
  offset: number;
};

/**
 * The queue page's rows: subjects by their current score (the rule set the last rescore used),
 * best first, read from `subject` alone (indexes subject_queue_idx, subject_agency_queue_idx).
 */
export async function queuePage(db: Db, filter: QueueFilter) {
  // A subject enters the queue once scored (every relink scores every subject it writes).
  let q = db.selectFrom('subject as s').where('s.score', 'is not', null);
  if (filter.agencies !== null) {
    // Guard against an empty IN list: a caller whose scope holds no agency sees nothing.
    if (filter.agencies.length === 0) return { total: 0, isTotalExact: true, rows: [] };
    q = q.where('s.agencyCode', 'in', filter.agencies);
  }
  if (filter.minScore !== undefined) q = q.where('s.score', '>=', filter.minScore);
  if (filter.zeroScores === 'hide') q = q.where('s.score', '>', 0);
  if (filter.zeroScores === 'only') q = q.where('s.score', '=', 0);
  if (filter.attribution !== undefined) {
    q = q.where('s.attributionLevel', '=', filter.attribution);
  }
  const { flag, municipality } = filter;
  // Both read the subject row (migration 0012): a GIN index for a rare value, the queue indexes'
  // included arrays for a common one. Municipality: as attributed or before its brackets, any case
  // (`municipalityKeys`, written at relink).
  if (flag !== undefined) {
    q = q.where(sql<boolean>`s.attribution_flags @> array[${flag}]::text[]`);
  }
  if (municipality !== undefined) {
    q = q.where(sql<boolean>`s.municipalities @> array[${municipality.toLowerCase()}]::text[]`);
  }
  // Counting stops at the cap: an exact count of a million rows costs more than the page itself.
  const total = await db
    .selectFrom(
      q
        .select('s.key')
        .limit(QUEUE_COUNT_CAP + 1)
        .as('capped'),
    )
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  // The order of compareScores: threat, then attribution, then subject key. The page's keys come
  // from the covering index alone (skipped rows of a deep page cost no table reads), then its rows.
  const keys = await q
    .select('s.key')
    .orderBy('s.score', (ob) => ob.desc().nullsLast())
    .orderBy('s.attributionConfidence', (ob) => ob.desc().nullsLast())
    .orderBy('s.key', 'asc')
    .limit(filter.limit)
    .offset(filter.offset)
    .execute();
  const byKey = new Map(
    keys.length === 0
      ? []
      : (
          await db
            .selectFrom('subject')
            .selectAll()
            .where(
              'key',
              'in',
              keys.map((k) => k.key),
            )
            .execute()
        ).map((r) => [r.key, r]),
  );
  const rows = keys.flatMap((k) => byKey.get(k.key) ?? []);
  const n = total.n;
  return { total: Math.min(n, QUEUE_COUNT_CAP), isTotalExact: n <= QUEUE_COUNT_CAP, rows };
}

/** Names by how many observations carry them, most first (ties alphabetically). */
function byObservations(counts: Map<string, number>): string[] {
  return [...counts.entries()]
    .sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0))
    .map(([name]) => name);
}

/**
 * The IPs (sorted), ISPs and municipalities (each ordered by its number of observations, most
 * first) of the given subjects.
 */
export async function placesOf(db: Db, keys: string[]) {
  const out = new Map<string, { ips: string[]; isps: string[]; municipalities: string[] }>();
  if (keys.length === 0) return out;
  const rows = await db
    .selectFrom('subjectMember as m')
    .innerJoin('observation as o', 'o.id', 'm.observationId')
    .select(['m.subjectKey', 'o.ip', 'o.asOrg', 'o.city', sql<string>`count(*)`.as('n')])
    .where('m.subjectKey', 'in', keys)
    .groupBy(['m.subjectKey', 'o.ip', 'o.asOrg', 'o.city'])
    .execute();
  const acc = new Map<
    string,
    { ips: Set<string>; isps: Map<string, number>; places: Map<string, number> }
  >();
  for (const r of rows) {
    let a = acc.get(r.subjectKey);
    if (!a) {
      a = { ips: new Set(), isps: new Map(), places: new Map() };
      acc.set(r.subjectKey, a);
    }
    const n = Number(r.n);
    a.ips.add(r.ip);
    if (r.asOrg !== null) a.isps.set(r.asOrg, (a.isps.get(r.asOrg) ?? 0) + n);
    if (r.city !== null) a.places.set(r.city, (a.places.get(r.city) ?? 0) + n);
  }
  for (const [key, a] of acc) {
    out.set(key, {
      ips: [...a.ips].sort(),
      isps: byObservations(a.isps),
      municipalities: byObservations(a.places),
    });
  }
  return out;
}

/**
 * Stored observations not yet linked into a subject (superseded ones aside): what `vigil rescore`
 * or the worker's `subjects.rescore` job has yet to link and score.
 */
export async function countAwaitingScoring(db: Db): Promise<number> {
  const row = await db
    .selectFrom('observation as o')
    .select(sql<string>`count(*)`.as('n'))
    .where((eb) =>
      eb.not(
        eb.or([
          eb.exists(
            eb
              .selectFrom('subjectMember as m')
              .select('m.observationId')
              .whereRef('m.observationId', '=', 'o.id'),
          ),
          eb.exists(
            eb
              .selectFrom('observationSupersession as s')
              .select('s.observationId')
              .whereRef('s.observationId', '=', 'o.id'),
          ),
        ]),
      ),
    )
    .executeTakeFirstOrThrow();
  return Number(row.n);
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
  const decisions = await db
    .selectFrom('subjectDecision as d')
    .select(['d.id', 'd.kind', 'd.reason', 'd.decidedBy', 'd.decidedAt', 'd.subjectKeys'])
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('subjectMember as m')
          .select('m.nodeRef')
          .where('m.subjectKey', '=', key)
          .where(
            sql<boolean>`(m.node_ref = any(d.refs) or m.node_ref = any(d.side_a) or m.node_ref = any(d.side_b))`,
          ),
      ),
    )
    .orderBy('d.decidedAt')
    .orderBy('d.id')
    .execute();
  const tipRefs = await db
    .selectFrom('subjectMember')
    .select('nodeRef')
    .where('subjectKey', '=', key)
    .where('observationId', 'is', null)
    .orderBy('nodeRef')
    .execute();
  return {
    subject,
    links,
    scores,
    timeline,
    decisions,
    tipRefs: tipRefs.map((t) => t.nodeRef),
  };
}

/**
 * Why each of the given zero-score subjects scores 0, from the explanation of its current score
 * (null for scores stored before the cause was kept).
 */
export async function zeroScoreCausesOf(
  db: Db,
  rows: ReadonlyArray<{ key: string; ruleSetVersion: number | null; score: number | null }>,
): Promise<Map<string, string | null>> {
  const zero = rows.filter((r) => r.score === 0 && r.ruleSetVersion !== null);
  const out = new Map<string, string | null>();
  if (zero.length === 0) return out;
  const found = await db
    .selectFrom('subjectScore')
    .select([
      'subjectKey',
      'ruleSetVersion',
      sql<string | null>`(explanation::jsonb)->>'zeroScoreCause'`.as('cause'),
    ])
    .where(
      'subjectKey',
      'in',
      zero.map((r) => r.key),
    )
    .execute();
  const version = new Map(zero.map((r) => [r.key, r.ruleSetVersion]));
  for (const f of found) {
    if (version.get(f.subjectKey) === f.ruleSetVersion) out.set(f.subjectKey, f.cause);
  }
  return out;
}
