import type { Kysely, Transaction } from 'kysely';
import type { Clock } from '#platform/clock.js';
import type { Database } from '#platform/db/tables.js';
import type { Logger } from '#platform/logger.js';
import {
  AuditUnavailableError,
  ForbiddenError,
  isAppError,
  JustificationRequiredError,
  NotFoundError,
  StepUpRequiredError,
  UnauthorizedError,
} from '#shared/errors.js';
import type { CallContext } from '#core/access/actor.js';
import { canonicalJson } from './canonical-json.js';
import { chainHash, GENESIS_HASH } from './hash-chain.js';
import { AuditRepository } from './audit.repository.js';
import type { AuditCategory, AuditDetail, AuditEntry, AuditOutcome } from './audit.schema.js';

export type Trx = Transaction<Database>;

/** What an operation notes about itself while it runs; becomes its audit row. */
export type AuditNote = {
  objectType?: string;
  objectIds: string[];
  organisationId?: string;
  /** Owners the service knows beyond those resolved from objectIds (see AuditRepository.ownersOf). */
  ownerOrganisationIds?: string[];
  justification?: string;
  details: Record<string, AuditDetail>;
  /** An operation that must commit but did not succeed (a failed login) sets 'failure'. */
  outcome?: AuditOutcome;
};

export type AuditEvent = Omit<AuditNote, 'outcome'> & {
  action: string;
  category: AuditCategory;
  outcome: AuditOutcome;
};

const DENIALS = [
  NotFoundError,
  ForbiddenError,
  UnauthorizedError,
  StepUpRequiredError,
  JustificationRequiredError,
];

/**
 * Writes the tamper-evident audit log. `run` executes an operation and its audit row in ONE
 * transaction (fail closed: no row, no operation); a denied or failed operation is rolled back and
 * its row is written in a transaction of its own.
 */
export class AuditService {
  private readonly repo = new AuditRepository();

  constructor(private readonly deps: { db: Kysely<Database>; clock: Clock; logger: Logger }) {}

  /**
   * For health and metrics: whether an entry could be appended now (the chain lock is free within
   * `timeoutMs`), and the newest entry's seq and time.
   */
  async probe(
    timeoutMs: number,
  ): Promise<{ appendable: boolean; head: { seq: number; occurredAt: Date } | null }> {
    const appendable = await this.repo.probeLock(this.deps.db, timeoutMs);
    return { appendable, head: await this.repo.head(this.deps.db) };
  }

  /** Runs `fn` in a transaction and appends its audit row in the same transaction. */
  async run<T>(
    ctx: CallContext,
    action: string,
    category: AuditCategory,
    fn: (trx: Trx, note: AuditNote) => Promise<T>,
  ): Promise<T> {
    const note: AuditNote = { objectIds: [], details: {} };
    try {
      return await this.deps.db.transaction().execute(async (trx) => {
        const result = await fn(trx, note);
        const { outcome, ...rest } = note;
        await this.append(trx, ctx, { ...rest, action, category, outcome: outcome ?? 'success' });
        return result;
      });
    } catch (error) {
      if (error instanceof AuditUnavailableError) throw error;
      const outcome: AuditOutcome = DENIALS.some((E) => error instanceof E)
        ? 'denied'
        : isAppError(error)
          ? 'failure'
          : 'error';
      const { outcome: _ignored, ...rest } = note;
      const details = { ...rest.details, code: isAppError(error) ? error.code : 'internal' };
      await this.deps.db
        .transaction()
        .execute((trx) => this.append(trx, ctx, { ...rest, details, action, category, outcome }));
      throw error;
    }
  }

  /**
   * Audits an operation that keeps its own transactions (a streamed import, a read over an
   * in-memory index): its result is returned only once its audit row has committed, and a failure
   * or denial is recorded before it is rethrown. Use `run` whenever the operation can share the
   * audit row's transaction.
   */
  async record<T>(
    ctx: CallContext,
    action: string,
    category: AuditCategory,
    fn: (note: AuditNote) => Promise<T>,
  ): Promise<T> {
    const note: AuditNote = { objectIds: [], details: {} };
    let outcome: { ok: true; value: T } | { ok: false; error: unknown };
    try {
      outcome = { ok: true, value: await fn(note) };
    } catch (error) {
      outcome = { ok: false, error };
    }
    // `run` writes the row: in its transaction on success, in one of its own on a thrown error.
    return this.run(ctx, action, category, async (_trx, runNote) => {
      Object.assign(runNote, note);
      if (!outcome.ok) throw outcome.error;
      return outcome.value;
    });
  }

  /** Appends one entry inside the caller's transaction; throws AuditUnavailableError on failure. */
  async append(trx: Trx, ctx: CallContext, event: AuditEvent): Promise<void> {
    try {
      const resolved =
        event.objectIds.length > 0 ? await this.repo.ownersOf(trx, event.objectIds) : [];
      const owners = [...new Set([...resolved, ...(event.ownerOrganisationIds ?? [])])].sort();
      const head = await this.repo.lockHead(trx);
      const seq = (head?.seq ?? 0) + 1;
      const prevHash = head?.hash ?? GENESIS_HASH;
      const time = this.deps.clock.now();
      const entry = this.buildEntry(seq, time, ctx, event, owners);
      const text = canonicalJson(entry);
      await this.repo.insert(trx, {
        seq,
        entry: text,
        prevHash,
        hash: chainHash(prevHash, text),
        occurredAt: time,
        action: entry.action,
        outcome: entry.outcome,
        actorId: entry.actor.kind === 'user' ? (entry.actor.id ?? null) : null,
        organisationId: entry.organisationId ?? null,
        ownerOrganisationIds: owners,
      });
    } catch (error) {
      this.deps.logger.error(
        { action: event.action, requestId: ctx.requestId },
        'audit append failed',
      );
      throw new AuditUnavailableError(
        'The audit log is unavailable; the operation was not performed',
        undefined,
        {
          cause: error,
        },
      );
    }
  }

  private buildEntry(
    seq: number,
    time: Date,
    ctx: CallContext,
    event: AuditEvent,
    owners: string[],
  ): AuditEntry {
    const a = ctx.actor;
    const organisationId =
      event.organisationId ?? (a.kind === 'user' ? a.organisationId : undefined);
    return {
      v: 1,
      seq,
      time: time.toISOString(),
      source: ctx.source,
      ...(ctx.requestId ? { requestId: ctx.requestId } : {}),
      ...(ctx.ip ? { ip: ctx.ip } : {}),
      actor:
        a.kind === 'user'
          ? { kind: 'user', id: a.userId, via: a.via }
          : a.kind === 'system'
            ? { kind: 'system', id: a.label }
            : { kind: 'anonymous' },
      ...(organisationId ? { organisationId } : {}),
      ...(owners.length > 0 ? { owners } : {}),
      action: event.action,
      category: event.category,
      ...(event.objectType ? { objectType: event.objectType } : {}),
      objectIds: event.objectIds,
      outcome: event.outcome,
      ...(event.justification ? { justification: event.justification } : {}),
      ...(Object.keys(event.details).length > 0 ? { details: event.details } : {}),
    };
  }
}
