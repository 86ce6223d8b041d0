import type { CallContext } from '#core/access/actor.js';
import { assertFound, visibleTo } from '#core/access/scope.js';
import type { AuditNote, Trx } from '#core/audit/audit.service.js';
import { ConflictError, ValidationError, WarrantNotReadyError } from '#shared/errors.js';
import { CASE_OBJECT, loadOpenCase, recordTransition, type CaseRow } from './case-access.js';
import { actorId, requireCasework, type InvestigationsDeps } from './investigations.deps.js';
import { assertDateOrder, offencePeriodStart } from './date-order.js';
import { sealNote } from './notes.js';
import { readinessOf } from './readiness-inputs.js';
import type {
  Arrest,
  Charges,
  Evidence,
  ExecuteWarrant,
  SeekWarrant,
  Task,
  Victims,
} from './records.schema.js';
import { advanceByRecord, type CaseState } from './workflow.js';

type Created = { id: string };

/** What happens on a case: warrants, arrests, charges, victims, evidence, notes and tasks. */
export class RecordsService {
  constructor(private readonly deps: InvestigationsDeps) {}

  /** Runs `fn` on an open case the actor may edit, audited under `action`. */
  private onCase<T>(
    ctx: CallContext,
    caseId: string,
    action: string,
    fn: (trx: Trx, row: CaseRow, now: Date, note: AuditNote) => Promise<T>,
  ): Promise<T> {
    return this.deps.audit.run(ctx, action, 'collection', async (trx, note) => {
      requireCasework(ctx);
      note.objectType = 'case';
      note.objectIds = [caseId];
      const now = this.deps.clock.now();
      const row = await loadOpenCase(trx, ctx.actor, caseId, now);
      return fn(trx, row, now, note);
    });
  }

  private async advance(trx: Trx, row: CaseRow, target: CaseState, now: Date, ctx: CallContext) {
    const to = advanceByRecord(row.state as CaseState, target);
    if (to) await recordTransition(trx, row, { to, at: now, actorId: actorId(ctx.actor) });
  }

  /**
   * Records a warrant as sought and moves the case to warrant_sought. Throws WarrantNotReadyError
   * (422, listing the unmet items) unless the readiness checklist is complete or an override gives
   * a reason; an override is written into the audit row.
   */
  async seekWarrant(ctx: CallContext, caseId: string, input: SeekWarrant): Promise<Created> {
    return this.onCase(ctx, caseId, 'warrant.seek', async (trx, row, now, note) => {
      const type = await trx
        .selectFrom('legalAuthorityType')
        .select('category')
        .where('code', '=', input.typeCode)
        .executeTakeFirst();
      if (type?.category !== 'warrant') {
        throw new ValidationError('Unknown warrant type', [
          { path: 'typeCode', reason: `${input.typeCode} is not a warrant type` },
        ]);
      }
      assertDateOrder(now, [
        {
          path: 'soughtAt',
          at: input.soughtAt,
          notBefore: { at: row.receivedAt, what: 'the case was opened (its lead received)' },
        },
      ]);
      const readiness = await readinessOf(trx, row);
      const unmet = readiness.items.filter((i) => !i.isMet);
      if (unmet.length > 0 && !input.override) {
        throw new WarrantNotReadyError(
          'The warrant-readiness checklist is not complete; complete it or override with a reason',
          unmet.map((i) => ({ path: i.id, reason: i.detail })),
        );
      }
      await this.advance(trx, row, 'warrant_sought', now, ctx);
      const warrant = await trx
        .insertInto('warrant')
        .values({
          caseId,
          typeCode: input.typeCode,
          soughtAt: input.soughtAt ? new Date(input.soughtAt) : now,
          readinessOverride: unmet.length > 0 ? input.override!.reason : null,
          recordedBy: actorId(ctx.actor),
          createdAt: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      note.objectIds = [caseId, warrant.id];
      note.details = { readinessComplete: unmet.length === 0 };
      if (unmet.length > 0) {
        note.details.readinessOverride = true;
        note.details.unmetItems = unmet.map((i) => i.id).join(',');
        note.justification = input.override!.reason;
      }
      return warrant;
    });
  }

  /** Records a warrant's issue and execution; an executed warrant moves the case to warrant_executed. */
  async executeWarrant(
    ctx: CallContext,
    warrantId: string,
    input: ExecuteWarrant,
  ): Promise<Created> {
    return this.deps.audit.run(ctx, 'warrant.execute', 'collection', async (trx, note) => {
      requireCasework(ctx);
      note.objectType = 'warrant';
      note.objectIds = [warrantId];
      const now = this.deps.clock.now();
      // Authorised by the warrant's stored case, not by anything in the request (R2).
      const warrant = assertFound(
        await trx
          .selectFrom('warrant')
          .innerJoin('investigationCase', 'investigationCase.id', 'warrant.caseId')
          .select([
            'warrant.id',
            'warrant.caseId',
            'warrant.executedAt',
            'warrant.result',
            'warrant.soughtAt',
          ])
          .where('warrant.id', '=', warrantId)
          .where(visibleTo(ctx.actor, CASE_OBJECT, now, 'edit'))
          .executeTakeFirst(),
        'warrant',
      );
      const row = await loadOpenCase(trx, ctx.actor, warrant.caseId, now);
      if (warrant.result !== null) {
        throw new ConflictError("The warrant's outcome is already recorded");
      }
      const issuedAt = new Date(input.issuedAt);
      const executedAt = input.executedAt ? new Date(input.executedAt) : null;
      assertDateOrder(now, [
        { path: 'issuedAt', at: issuedAt },
        {
          path: 'executedAt',
          at: executedAt,
          notBefore: { at: row.receivedAt, what: 'the case was opened (its lead received)' },
        },
        {
          path: 'executedAt',
          at: executedAt,
          notBefore: { at: warrant.soughtAt, what: 'the warrant was sought' },
        },
      ]);
      if (executedAt && executedAt < issuedAt) {
        throw new ValidationError('Executed before issued', [
          { path: 'executedAt', reason: 'before issuedAt' },
        ]);
      }
      await trx
        .updateTable('warrant')
        .set({ issuedAt, executedAt, result: input.result })
        .where('id', '=', warrantId)
        .execute();
      if (executedAt) await this.advance(trx, row, 'warrant_executed', now, ctx);
      note.objectIds = [warrantId, row.id];
      note.details = { result: input.result };
      return { id: warrantId };
    });
  }

  /** Records an arrest (the accused named only by the agency's records reference). */
  async recordArrest(ctx: CallContext, caseId: string, input: Arrest): Promise<Created> {
    return this.onCase(ctx, caseId, 'arrest.record', async (trx, _row, now, note) => {
      assertDateOrder(now, [
        {
          path: 'arrestedAt',
          at: input.arrestedAt,
          notBefore: {
            at: await offencePeriodStart(trx, caseId),
            what: "the offence period (the case's first observation)",
          },
        },
      ]);
      const arrest = await trx
        .insertInto('arrest')
        .values({
          caseId,
          personRef: input.accusedRef,
          arrestedAt: new Date(input.arrestedAt),
          recordedBy: actorId(ctx.actor),
          createdAt: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      note.objectIds = [caseId, arrest.id];
      return arrest;
    });
  }

  /**
   * Records charges laid, each against the offence wording in force on the day (ValidationError
   * for an offence not in force then), and moves the case to charged.
   */
  async recordCharges(
    ctx: CallContext,
    caseId: string,
    input: Charges,
  ): Promise<{ ids: string[] }> {
    return this.onCase(ctx, caseId, 'charge.record', async (trx, row, now, note) => {
      assertDateOrder(now, [{ path: 'laidOn', at: input.laidOn }]);
      if (input.arrestId) {
        const arrest = await trx
          .selectFrom('arrest')
          .select(['id', 'arrestedAt'])
          .where('id', '=', input.arrestId)
          .where('caseId', '=', caseId)
          .executeTakeFirst();
        if (!arrest) {
          throw new ValidationError('Unknown arrest', [
            { path: 'arrestId', reason: 'not an arrest of this case' },
          ]);
        }
        assertDateOrder(now, [
          {
            path: 'laidOn',
            at: input.laidOn,
            notBefore: { at: arrest.arrestedAt, what: 'the arrest' },
          },
        ]);
      }
      const codes = [...new Set(input.offences)];
      const versions = await trx
        .selectFrom('offence')
        .select(['code', 'inForceFrom'])
        .where('code', 'in', codes)
        .where('inForceFrom', '<=', input.laidOn)
        .where((eb) => eb.or([eb('inForceTo', 'is', null), eb('inForceTo', '>', input.laidOn)]))
        .execute();
      const byCode = new Map(versions.map((v) => [v.code, v.inForceFrom]));
      const unknown = codes.filter((c) => !byCode.has(c));
      if (unknown.length > 0) {
        throw new ValidationError(
          'Unknown offence',
          unknown.map((c) => ({
            path: 'offences',
            reason: `${c} is not an offence in force on ${input.laidOn}`,
          })),
        );
      }
      await this.advance(trx, row, 'charged', now, ctx);
      const rows = await trx
        .insertInto('charge')
        .values(
          input.offences.map((code) => ({
            caseId,
            arrestId: input.arrestId ?? null,
            offenceCode: code,
            offenceFrom: byCode.get(code)!,
            laidOn: input.laidOn,
            recordedBy: actorId(ctx.actor),
            createdAt: now,
          })),
        )
        .returning('id')
        .execute();
      note.details = { charges: rows.length };
      return { ids: rows.map((r) => r.id) };
    });
  }

  /** Records victims identified and children safeguarded (counts and a victim-services reference). */
  async recordVictims(ctx: CallContext, caseId: string, input: Victims): Promise<Created> {
    return this.onCase(ctx, caseId, 'victim.record', async (trx, _row, now, note) => {
      assertDateOrder(now, [{ path: 'recordedOn', at: input.recordedOn }]);
      const created = await trx
        .insertInto('caseVictim')
        .values({ caseId, ...input, recordedBy: actorId(ctx.actor), createdAt: now })
        .returning('id')
        .executeTakeFirstOrThrow();
      note.details = {
        victimsIdentified: input.victimsIdentified,
        childrenSafeguarded: input.childrenSafeguarded,
      };
      return created;
    });
  }

  /** Records an evidence reference with its SHA-256 (chain of custody; never the content). */
  async addEvidence(ctx: CallContext, caseId: string, input: Evidence): Promise<Created> {
    return this.onCase(ctx, caseId, 'evidence.record', async (trx, _row, now) =>
      trx
        .insertInto('evidenceRef')
        .values({
          caseId,
          description: input.description,
          sha256: input.sha256,
          custodyRef: input.custodyRef ?? null,
          recordedBy: actorId(ctx.actor),
          recordedAt: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow(),
    );
  }

  /** Adds a note (sealed when a key is configured). */
  async addNote(ctx: CallContext, caseId: string, text: string): Promise<Created> {
    return this.onCase(ctx, caseId, 'note.add', async (trx, _row, now) =>
      trx
        .insertInto('caseNote')
        .values({
          caseId,
          body: sealNote(this.deps.cipher, text),
          authorId: actorId(ctx.actor),
          createdAt: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow(),
    );
  }

  /** Adds a task with a due date (ValidationError for an assignee outside the organisation). */
  async addTask(ctx: CallContext, caseId: string, input: Task): Promise<Created> {
    return this.onCase(ctx, caseId, 'task.add', async (trx, row, now) => {
      if (input.assigneeId) {
        const user = await trx
          .selectFrom('appUser')
          .select('id')
          .where('id', '=', input.assigneeId)
          .where('organisationId', '=', row.organisationId)
          .executeTakeFirst();
        if (!user) {
          throw new ValidationError('Unknown assignee', [
            { path: 'assigneeId', reason: "not a user of the case's organisation" },
          ]);
        }
      }
      return trx
        .insertInto('caseTask')
        .values({
          caseId,
          title: input.title,
          dueOn: input.dueOn,
          assigneeId: input.assigneeId ?? null,
          createdBy: actorId(ctx.actor),
          createdAt: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
    });
  }

  /** Marks a task done (authorised by the task's stored case). */
  async completeTask(ctx: CallContext, taskId: string): Promise<Created> {
    return this.deps.audit.run(ctx, 'task.complete', 'alteration', async (trx, note) => {
      requireCasework(ctx);
      note.objectType = 'task';
      note.objectIds = [taskId];
      const now = this.deps.clock.now();
      const task = assertFound(
        await trx
          .selectFrom('caseTask')
          .innerJoin('investigationCase', 'investigationCase.id', 'caseTask.caseId')
          .select(['caseTask.id', 'caseTask.caseId', 'caseTask.doneAt'])
          .where('caseTask.id', '=', taskId)
          .where(visibleTo(ctx.actor, CASE_OBJECT, now, 'edit'))
          .executeTakeFirst(),
        'task',
      );
      await loadOpenCase(trx, ctx.actor, task.caseId, now);
      if (task.doneAt) throw new ConflictError('The task is already done');
      await trx.updateTable('caseTask').set({ doneAt: now }).where('id', '=', taskId).execute();
      return { id: taskId };
    });
  }
}
