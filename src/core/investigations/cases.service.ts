import { assertDateOrder, effectiveDateOf } from './date-order.js';
import { parseInput } from './parse.js';
import { sql } from 'kysely';
import type { CallContext } from '#core/access/actor.js';
import { requireUser } from '#core/access/guards.js';
import { visibleTo } from '#core/access/scope.js';
import { agencyScopeOf, inScope } from '#core/subjects/agency-scope.js';
import type { Trx } from '#core/audit/audit.service.js';
import { ForbiddenError, NotFoundError, ValidationError } from '#shared/errors.js';
import {
  CASE_OBJECT,
  fieldScopeOf,
  fieldScopesOf,
  loadCase,
  loadOpenCase,
  recordTransition,
  type CaseRow,
} from './case-access.js';
import { scopedSummary, subjectKeysOf, toSummary } from './case-view.js';
import type {
  Assignment,
  CaseList,
  CaseSummary,
  Confirmation,
  ListCasesQuery,
  OpenCase,
  Transition,
} from './cases.schema.js';
import { ListCasesQuerySchema, OpenCaseSchema } from './cases.schema.js';
import { actorId, requireCasework, type InvestigationsDeps } from './investigations.deps.js';
import { SELF_CONFIRMATION_REFUSAL, type Readiness } from './readiness.js';
import { hasReadiness, readinessOf, recordedAnIdentity } from './readiness-inputs.js';
import { assertTransition, type CaseState } from './workflow.js';

/** Cases and their workflow: open, list, move, assign, and the warrant-readiness checklist. */
export class CasesService {
  constructor(private readonly deps: InvestigationsDeps) {}

  /**
   * Opens a case in state `lead` for the caller's organisation from subjects or a CyberTip;
   * throws ValidationError for an unknown subject or an assignee outside the organisation.
   */
  async openCase(ctx: CallContext, input: OpenCase): Promise<CaseSummary> {
    const data = parseInput(OpenCaseSchema, input, 'case');
    return this.deps.audit.run(ctx, 'case.open', 'collection', async (trx, note) => {
      requireCasework(ctx);
      const user = requireUser(ctx.actor);
      const now = this.deps.clock.now();
      assertDateOrder(now, [{ path: 'receivedAt', at: data.receivedAt }]);
      await this.checkSubjects(trx, ctx, data.subjectKeys);
      await this.checkAssignees(trx, user.organisationId, data);
      // One reference sequence per organisation and year: C-2026-0001.
      await sql`select pg_advisory_xact_lock(hashtext(${`case-ref:${user.organisationId}`}))`.execute(
        trx,
      );
      const year = now.getUTCFullYear();
      const count = await trx
        .selectFrom('investigationCase')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('organisationId', '=', user.organisationId)
        .where('reference', 'like', `C-${year}-%`)
        .executeTakeFirstOrThrow();
      const row = await trx
        .insertInto('investigationCase')
        .values({
          organisationId: user.organisationId,
          reference: `C-${year}-${String(count.n + 1).padStart(4, '0')}`,
          title: data.title,
          state: 'lead',
          sourceKind: data.subjectKeys.length > 0 ? 'subjects' : 'cybertip',
          cybertipReportId: data.cybertipReportId ?? null,
          investigatorId: data.investigatorId ?? (canInvestigate(user.roles) ? user.userId : null),
          supervisorId: data.supervisorId ?? null,
          receivedAt: data.receivedAt ? new Date(data.receivedAt) : now,
          createdBy: user.userId,
          createdAt: now,
          updatedAt: now,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      if (data.subjectKeys.length > 0) {
        await trx
          .insertInto('caseSubject')
          .values(
            [...new Set(data.subjectKeys)].map((subjectKey) => ({ caseId: row.id, subjectKey })),
          )
          .execute();
      }
      await trx
        .insertInto('caseEvent')
        .values({
          caseId: row.id,
          seq: 1,
          at: now,
          // The lead's own date: a case entered after the fact opens in its past period.
          effectiveAt: row.receivedAt,
          fromState: null,
          toState: 'lead',
          actorId: user.userId,
        })
        .execute();
      note.objectType = 'case';
      note.objectIds = [row.id];
      note.details = { subjects: data.subjectKeys.length };
      return toSummary(row, [...new Set(data.subjectKeys)].sort());
    });
  }

  /** The caller's organisation's cases (and cases shared with it), newest first. */
  async listCases(ctx: CallContext, input: ListCasesQuery): Promise<CaseList> {
    const query = parseInput(ListCasesQuerySchema, input, 'query');
    return this.deps.audit.run(ctx, 'case.list', 'consultation', async (trx, note) => {
      requireCasework(ctx);
      const now = this.deps.clock.now();
      let base = trx.selectFrom('investigationCase').where(visibleTo(ctx.actor, CASE_OBJECT, now));
      if (query.state) base = base.where('state', '=', query.state);
      const total = await base
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      const rows = await base
        .selectAll()
        .orderBy('receivedAt', 'desc')
        .orderBy('id')
        .limit(query.limit)
        .offset(query.offset)
        .execute();
      const keys = await subjectKeysOf(
        trx,
        rows.map((r) => r.id),
      );
      const fields = await fieldScopesOf(trx, ctx.actor, rows, now);
      note.objectType = 'case';
      note.objectIds = rows.map((r) => r.id);
      return {
        total: total.n,
        items: rows.map((r) =>
          scopedSummary(r, keys.get(r.id) ?? [], fields.get(r.id) ?? new Set()),
        ),
      };
    });
  }

  /** Moves a case by hand (assess, request legal process, close with a disposition). */
  async transition(ctx: CallContext, id: string, input: Transition): Promise<CaseSummary> {
    return this.deps.audit.run(ctx, 'case.transition', 'alteration', async (trx, note) => {
      requireCasework(ctx);
      note.objectType = 'case';
      note.objectIds = [id];
      const now = this.deps.clock.now();
      const row = await loadOpenCase(trx, ctx.actor, id, now);
      const from = row.state as CaseState;
      assertTransition(from, input.to, input.disposition);
      const effectiveAt = await effectiveDateOf(trx, now, row, input.effectiveAt);
      await recordTransition(trx, row, {
        to: input.to,
        at: now,
        effectiveAt,
        actorId: actorId(ctx.actor),
        disposition: input.disposition ?? null,
        reason: input.reason ?? null,
      });
      note.details = {
        from,
        to: input.to,
        ...(input.disposition ? { disposition: input.disposition } : {}),
      };
      return this.summaryFor(trx, ctx, row, now);
    });
  }

  /** Assigns the investigator and supervisor (users of the case's organisation). */
  async assign(ctx: CallContext, id: string, input: Assignment): Promise<CaseSummary> {
    return this.deps.audit.run(ctx, 'case.assign', 'alteration', async (trx, note) => {
      requireCasework(ctx);
      note.objectType = 'case';
      note.objectIds = [id];
      const now = this.deps.clock.now();
      const row = await loadOpenCase(trx, ctx.actor, id, now);
      await this.checkAssignees(trx, row.organisationId, {
        ...(input.investigatorId ? { investigatorId: input.investigatorId } : {}),
        ...(input.supervisorId ? { supervisorId: input.supervisorId } : {}),
      });
      const updated = await trx
        .updateTable('investigationCase')
        .set({
          investigatorId: input.investigatorId,
          supervisorId: input.supervisorId,
          updatedAt: now,
        })
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirstOrThrow();
      return this.summaryFor(trx, ctx, updated, now);
    });
  }

  /** The warrant-readiness checklist of a case, computed from its records. */
  async readiness(ctx: CallContext, id: string): Promise<Readiness> {
    return this.deps.audit.run(ctx, 'case.readiness', 'consultation', async (trx, note) => {
      requireCasework(ctx);
      note.objectType = 'case';
      note.objectIds = [id];
      const now = this.deps.clock.now();
      const row = await loadCase(trx, ctx.actor, id, now);
      await this.requireReadiness(trx, ctx, row, now);
      return readinessOf(trx, row);
    });
  }

  /** Records a second person's confirmation of the attribution (a checklist item). */
  async confirm(ctx: CallContext, id: string, input: Confirmation): Promise<Readiness> {
    return this.deps.audit.run(ctx, 'case.confirm', 'alteration', async (trx, note) => {
      requireCasework(ctx);
      note.objectType = 'case';
      note.objectIds = [id];
      const now = this.deps.clock.now();
      const row = await loadOpenCase(trx, ctx.actor, id, now);
      await this.requireReadiness(trx, ctx, row, now);
      // The second person is not the one who recorded an identity (refused, not silently ignored).
      if (await recordedAnIdentity(trx, id, actorId(ctx.actor))) {
        throw new ForbiddenError(SELF_CONFIRMATION_REFUSAL);
      }
      await trx
        .insertInto('caseConfirmation')
        .values({
          caseId: id,
          confirmedBy: actorId(ctx.actor),
          confirmedAt: this.deps.clock.now(),
          note: input.note,
        })
        .execute();
      return readinessOf(trx, row);
    });
  }

  /** Records why an anonymiser flag on the observations does not undo the attribution. */
  async explainAnonymiser(ctx: CallContext, id: string, text: string): Promise<Readiness> {
    return this.deps.audit.run(ctx, 'case.anonymiser_explain', 'alteration', async (trx, note) => {
      requireCasework(ctx);
      note.objectType = 'case';
      note.objectIds = [id];
      const now = this.deps.clock.now();
      const row = await loadOpenCase(trx, ctx.actor, id, now);
      await this.requireReadiness(trx, ctx, row, now);
      await trx
        .updateTable('investigationCase')
        .set({ anonymiserExplanation: text })
        .where('id', '=', id)
        .execute();
      return readinessOf(trx, { ...row, anonymiserExplanation: text });
    });
  }

  /** The summary as the caller's field scope shows it (subject keys only with `subjects`). */
  private async summaryFor(
    trx: Trx,
    ctx: CallContext,
    row: CaseRow,
    now: Date,
  ): Promise<CaseSummary> {
    const keys = (await subjectKeysOf(trx, [row.id])).get(row.id) ?? [];
    return scopedSummary(row, keys, await fieldScopeOf(trx, ctx.actor, row, now));
  }

  /**
   * The checklist shows the subjects' observations and the identities: a caller whose field scope
   * lacks either gets 404 for it (and cannot act on it).
   */
  private async requireReadiness(
    trx: Trx,
    ctx: CallContext,
    row: CaseRow,
    now: Date,
  ): Promise<void> {
    if (!hasReadiness(await fieldScopeOf(trx, ctx.actor, row, now))) {
      throw new NotFoundError('case not found');
    }
  }

  /** Every subject exists and lies in the caller's agency scope; another agency's is "unknown". */
  private async checkSubjects(trx: Trx, ctx: CallContext, keys: string[]): Promise<void> {
    if (keys.length === 0) return;
    const scope = await agencyScopeOf(trx, ctx.actor, this.deps.clock.now());
    const rows = await trx
      .selectFrom('subject')
      .select(['key', 'agencyCode'])
      .where('key', 'in', keys)
      .execute();
    const found = new Set(rows.filter((r) => inScope(scope, r.agencyCode)).map((r) => r.key));
    const missing = keys.filter((k) => !found.has(k));
    if (missing.length > 0) {
      throw new ValidationError(
        'Unknown subject',
        missing.map((k) => ({ path: 'subjectKeys', reason: `no subject ${k}` })),
      );
    }
  }

  private async checkAssignees(
    trx: Trx,
    organisationId: string,
    input: { investigatorId?: string; supervisorId?: string },
  ): Promise<void> {
    for (const field of ['investigatorId', 'supervisorId'] as const) {
      const userId = input[field];
      if (!userId) continue;
      const user = await trx
        .selectFrom('appUser')
        .select('roles')
        .where('id', '=', userId)
        .where('organisationId', '=', organisationId)
        .where('status', '=', 'active')
        .executeTakeFirst();
      const role = field === 'investigatorId' ? 'investigator' : 'supervisor';
      if (
        !user ||
        !user.roles.some(
          (r) =>
            r === role || r === 'agency_admin' || (role === 'investigator' && r === 'supervisor'),
        )
      ) {
        throw new ValidationError('Invalid assignee', [
          { path: field, reason: `not an active ${role} of the case's organisation` },
        ]);
      }
    }
  }
}

/** Roles an investigator assignment accepts (checkAssignees): the opener takes the case. */
function canInvestigate(roles: readonly string[]): boolean {
  return roles.some((r) => r === 'investigator' || r === 'supervisor' || r === 'agency_admin');
}

export type { CaseRow };
