import type { FieldScope } from '#core/access/field-scope.js';
import type { Trx } from '#core/audit/audit.service.js';
import type { CaseRow } from './case-access.js';
import type { CaseSummary } from './cases.schema.js';
import type { CaseState, Disposition } from './workflow.js';

const iso = (d: Date) => d.toISOString();

/** The subject keys of some cases, by case id. */
export async function subjectKeysOf(trx: Trx, caseIds: string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  // Guard against running an invalid `in ()` when there are no cases.
  if (caseIds.length === 0) return out;
  const rows = await trx
    .selectFrom('caseSubject')
    .select(['caseId', 'subjectKey'])
    .where('caseId', 'in', caseIds)
    .orderBy('subjectKey')
    .execute();
  for (const r of rows) out.set(r.caseId, [...(out.get(r.caseId) ?? []), r.subjectKey]);
  return out;
}

export function toSummary(row: CaseRow, subjectKeys: string[]): CaseSummary {
  return {
    id: row.id,
    reference: row.reference,
    title: row.title,
    state: row.state as CaseState,
    disposition: row.disposition as Disposition | null,
    sourceKind: row.sourceKind,
    cybertipReportId: row.cybertipReportId,
    subjectKeys,
    investigatorId: row.investigatorId,
    supervisorId: row.supervisorId,
    receivedAt: iso(row.receivedAt),
    updatedAt: iso(row.updatedAt),
    isReadOnly: row.state === 'referred_out' || row.state === 'closed',
  };
}

/** The summary as an actor with `fields` sees it: subject keys only with the `subjects` field. */
export function scopedSummary(
  row: CaseRow,
  subjectKeys: string[],
  fields: FieldScope,
): CaseSummary {
  return toSummary(row, fields.has('subjects') ? subjectKeys : []);
}
