import type { Selectable } from 'kysely';
import type { Actor } from '#core/access/actor.js';
import {
  ALL_CASE_FIELDS,
  CASE_FIELDS,
  type CaseField,
  type FieldScope,
} from '#core/access/field-scope.js';
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

/**
 * What the actor may see of each case (rows it found through visibleTo): every field of its own
 * organisation's cases (and for the CLI operator and jobs); of a shared case, the union of the
 * field scopes of the live shares (of that case or of every case) from its owner.
 */
export async function fieldScopesOf(
  trx: Trx,
  actor: Actor,
  rows: readonly CaseRow[],
  now: Date,
): Promise<Map<string, FieldScope>> {
  const out = new Map<string, FieldScope>();
  const foreign = rows.filter(
    (r) =>
      actor.kind !== 'system' &&
      !(actor.kind === 'user' && actor.organisationId === r.organisationId),
  );
  for (const r of rows) if (!foreign.includes(r)) out.set(r.id, ALL_CASE_FIELDS);
  // Guard against an invalid `in ()` when every case is the actor's own.
  if (foreign.length === 0) return out;
  const shares =
    actor.kind === 'user'
      ? await trx
          .selectFrom('share')
          .select(['objectId', 'ownerOrganisationId', 'fieldScope'])
          .where('objectType', '=', 'case')
          .where('recipientOrganisationId', '=', actor.organisationId)
          .where('ownerOrganisationId', 'in', [...new Set(foreign.map((r) => r.organisationId))])
          .where((eb) =>
            eb.or([
              eb('objectId', 'is', null),
              eb(
                'objectId',
                'in',
                foreign.map((r) => r.id),
              ),
            ]),
          )
          .where('revokedAt', 'is', null)
          .where((eb) => eb.or([eb('expiresAt', 'is', null), eb('expiresAt', '>', now)]))
          .execute()
      : [];
  for (const r of foreign) {
    const fields = new Set<CaseField>();
    for (const s of shares) {
      if (s.ownerOrganisationId !== r.organisationId) continue;
      if (s.objectId !== null && s.objectId !== r.id) continue;
      for (const f of s.fieldScope) {
        if ((CASE_FIELDS as readonly string[]).includes(f)) fields.add(f as CaseField);
      }
    }
    // A case visible at all shows its summary.
    fields.add('summary');
    out.set(r.id, fields);
  }
  return out;
}

/** The fields of one case the actor may see (see fieldScopesOf). */
export async function fieldScopeOf(
  trx: Trx,
  actor: Actor,
  row: CaseRow,
  now: Date,
): Promise<FieldScope> {
  return (await fieldScopesOf(trx, actor, [row], now)).get(row.id) ?? new Set(['summary']);
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
    /** When the move is recorded (now). */
    at: Date;
    /** When it happened (default: `at`); checked by effectiveDateOf. */
    effectiveAt?: Date;
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
      effectiveAt: move.effectiveAt ?? move.at,
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
