import { sql } from 'kysely';
import type { FieldScope } from '#core/access/field-scope.js';
import type { Trx } from '#core/audit/audit.service.js';
import { computeReadiness, type Readiness } from './readiness.js';
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
  });
}

/**
 * The checklist is computed from the subjects' observations and the identities (addresses, ports,
 * ISP times): a field scope shows it only with both.
 */
export function hasReadiness(fields: FieldScope): boolean {
  return fields.has('subjects') && fields.has('identities');
}
