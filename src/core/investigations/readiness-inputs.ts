import { sql } from 'kysely';
import type { FieldScope } from '#core/access/field-scope.js';
import type { Trx } from '#core/audit/audit.service.js';
import { computeReadiness, TIME_TOLERANCE_MS, type Readiness } from './readiness.js';
import type { CaseRow } from './case-access.js';

/** Reads what the checklist needs from the case's records and computes it. */
export async function readinessOf(trx: Trx, row: CaseRow): Promise<Readiness> {
  const keys = (
    await trx.selectFrom('caseSubject').select('subjectKey').where('caseId', '=', row.id).execute()
  ).map((r) => r.subjectKey);
  let observationDays = 0;
  let attributionFlags: string[] = [];
  if (keys.length > 0) {
    const days = await sql<{ days: number }>`
      select count(distinct (o.observed_at at time zone 'UTC')::date)::int as days
      from observation o join subject_member m on m.observation_id = o.id
      where m.subject_key in (${sql.join(keys)})`.execute(trx);
    observationDays = days.rows[0]?.days ?? 0;
    const flags = await sql<{ flag: string }>`
      select distinct unnest(o.ip_flags) as flag
      from observation o join subject_member m on m.observation_id = o.id
      where m.subject_key in (${sql.join(keys)})`.execute(trx);
    attributionFlags = flags.rows.map((r) => r.flag);
  }
  const identities = await trx
    .selectFrom('subscriberIdentity')
    .select([
      'ip',
      'port',
      'observedAt',
      'isSharedAddress',
      'ispTimeZone',
      'ispLocalTime',
      'hasInstallationAddress',
      'recordedBy',
    ])
    .where('caseId', '=', row.id)
    .execute();
  const storedObservations = await storedObservationsAt(trx, keys, identities);
  const confirmations = await trx
    .selectFrom('caseConfirmation')
    .select('confirmedBy')
    .where('caseId', '=', row.id)
    .execute();
  return computeReadiness({
    observationDays,
    attributionFlags,
    anonymiserExplanation: row.anonymiserExplanation,
    identities,
    confirmations,
    storedObservations,
  });
}

/** The subjects' stored observations at each identity's address within the time tolerance. */
async function storedObservationsAt(
  trx: Trx,
  keys: string[],
  identities: ReadonlyArray<{ ip: string; observedAt: Date }>,
): Promise<Array<{ ip: string; observedAt: Date }>> {
  if (keys.length === 0 || identities.length === 0) return [];
  const near = identities.map(
    (i) =>
      sql`(o.ip = ${i.ip} and o.observed_at between ${new Date(
        i.observedAt.getTime() - TIME_TOLERANCE_MS,
      )} and ${new Date(i.observedAt.getTime() + TIME_TOLERANCE_MS)})`,
  );
  const rows = await sql<{ ip: string; observedAt: Date }>`
    select distinct o.ip, o.observed_at as "observedAt"
    from observation o join subject_member m on m.observation_id = o.id
    where m.subject_key in (${sql.join(keys)}) and (${sql.join(near, sql` or `)})`.execute(trx);
  return rows.rows.map((r) => ({ ip: r.ip, observedAt: new Date(r.observedAt) }));
}

/**
 * The checklist is computed from the subjects' observations and the identities (addresses, ports,
 * ISP times): a field scope shows it only with both.
 */
export function hasReadiness(fields: FieldScope): boolean {
  return fields.has('subjects') && fields.has('identities');
}

/** Whether this user recorded a subscriber identity on the case (so cannot be its second person). */
export async function recordedAnIdentity(
  trx: Trx,
  caseId: string,
  userId: string | null,
): Promise<boolean> {
  if (userId === null) return false;
  const row = await trx
    .selectFrom('subscriberIdentity')
    .select('id')
    .where('caseId', '=', caseId)
    .where('recordedBy', '=', userId)
    .executeTakeFirst();
  return row !== undefined;
}
