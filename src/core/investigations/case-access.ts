import type { Selectable } from 'kysely';
import type { Actor } from '#core/access/actor.js';
import { assertFound, visibleTo, type AccessMode } from '#core/access/scope.js';
import type { Trx } from '#core/audit/audit.service.js';
import type { InvestigationCaseTable } from '#platform/db/tables.js';
import { ConflictError } from '#shared/errors.js';
import { isTerminal, type CaseState, type Disposition } from './workflow.js';

export type CaseRow = Selectable<InvestigationCaseTable>;

/** The agency-scoped object of a case, for visibleTo(). */
export const CASE_OBJECT = {
  type: 'case',
  idColumn: 'investigation_case.id',
  ownerColumn: 'investigation_case.organisation_id',
};

/**
 * The case if the actor may see it (`edit`: may change it; the row is locked for the change),
 * else NotFoundError with one message for a missing and a foreign case.
 */
export async function loadCase(
  trx: Trx,
  actor: Actor,
  id: string,
  now: Date,
  mode: 'view' | 'edit' = 'view',
): Promise<CaseRow> {
  let query = trx
    .selectFrom('investigationCase')
    .selectAll()
    .where('id', '=', id)
    .where(visibleTo(actor, CASE_OBJECT, now, mode as AccessMode));
  if (mode === 'edit') query = query.forUpdate();
  return assertFound(await query.executeTakeFirst(), 'case');
}

/** loadCase for a change: also refuses a closed or referred-out case (read-only) with 409. */
export async function loadOpenCase(trx: Trx, actor: Actor, id: string, now: Date) {
  const row = await loadCase(trx, actor, id, now, 'edit');
  if (isTerminal(row.state as CaseState)) {
    throw new ConflictError(`The case is ${row.state}: it is read-only`);
  }
  return row;
}

/** Appends one workflow record and moves the case's current state. */
export async function recordTransition(
  trx: Trx,
  row: CaseRow,
  move: {
    to: CaseState;
    at: Date;
    actorId: string | null;
    disposition?: Disposition | null;
    reason?: string | null;
  },
): Promise<void> {
  const last = await trx
    .selectFrom('caseEvent')
    .select((eb) => eb.fn.max('seq').as('seq'))
    .where('caseId', '=', row.id)
    .executeTakeFirst();
  await trx
    .insertInto('caseEvent')
    .values({
      caseId: row.id,
      seq: (last?.seq ?? 0) + 1,
      at: move.at,
      fromState: row.state,
      toState: move.to,
      disposition: move.disposition ?? null,
      actorId: move.actorId,
      reason: move.reason ?? null,
    })
    .execute();
  await trx
    .updateTable('investigationCase')
    .set({ state: move.to, disposition: move.disposition ?? null, updatedAt: move.at })
    .where('id', '=', row.id)
    .execute();
  row.state = move.to;
}
