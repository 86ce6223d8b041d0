import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import type { Actor } from '#core/access/actor.js';
import type { AttributionService } from '#core/attribution/attribution.service.js';
import type { HashMatcher } from '#core/hashsets/hash-matcher.js';
import type { Clock } from '#platform/clock.js';
import type { Db } from '#platform/db/client.js';
import type { JobQueue } from '#platform/jobs/queue.js';
import type { Logger } from '#platform/logger.js';
import { ValidationError } from '#shared/errors.js';
import type { ColumnMap } from './column-map.js';
import { CommitGroup } from './commit-group.js';
import { importCybertip } from './cybertip-import.js';
import type { IdempotencyService, IdempotentResult } from './idempotency.service.js';
import { guardInput } from './input/guard.js';
import type { IntakeRepository, JournalCounts } from './intake.repository.js';
import type { Format, ImportSummary, RematchPayload } from './intake.schema.js';
import type { Rejection } from './intake.types.js';
import type { PreparedBatch } from './p2p-batch.js';
import {
  addCounts,
  parseP2p,
  startBatch,
  storeBatch,
  type BatchContext,
  type P2pDeps,
} from './p2p-import.js';
import { rematchAll } from './rematch.js';
import { spoolUpload } from './upload-spool.js';

export const BATCH_SIZE = 20_000;
/** Batches per commit in resumable imports: a killed import loses at most this many batches. */
export const BATCHES_PER_COMMIT = 1;

/** One file (or upload) to import. */
export type ImportInput = {
  fileName: string;
  format: Format;
  /** SHA-256 of the raw bytes (CLI) or of the upload's idempotency key (HTTP): the journal key. */
  sourceSha256: string;
  open: () => AsyncIterable<Buffer>;
  /** 'resumable': a transaction per batch and a journal that a re-run resumes; 'atomic': one transaction. */
  mode: 'resumable' | 'atomic';
  /** Tool column/key names -> v1 fields ('' ignores a column); unmapped names must be v1 fields. */
  columnMap?: ColumnMap;
  /** Stop at the first rejected record and commit nothing (implies atomic). */
  strict?: boolean;
  onRejected?: (rejection: Rejection) => void;
  onProgress?: (counts: JournalCounts) => void;
  /** Who uploaded the file: its journal and quarantined rows belong to this organisation. */
  owner?: ImportOwner;
  /** Runs inside the import's last transaction (atomic mode): commits with the effect. */
  finalize?: (trx: Db, summary: ImportSummary) => Promise<void>;
};

/** The organisation and user an import belongs to (none for the CLI operator: host access only). */
export type ImportOwner = { organisationId: string | null; userId: string | null };

/** The owner of an import made by this actor. */
export function importOwner(actor: Actor): ImportOwner {
  return actor.kind === 'user'
    ? { organisationId: actor.organisationId, userId: actor.userId }
    : { organisationId: null, userId: null };
}

const ZERO: JournalCounts = { rowsDone: 0, accepted: 0, duplicates: 0, rejected: 0, matched: 0 };

/**
 * Lead intake: streams P2P logs and CyberTipline reports through validation, hash matching and
 * attribution into evidence-grade storage, with a journal, quarantine and re-matching.
 */
export class IntakeService {
  constructor(
    private readonly deps: {
      db: Db;
      repository: IntakeRepository;
      attribution: AttributionService;
      matcher: HashMatcher;
      queue: JobQueue;
      clock: Clock;
      logger: Logger;
      idempotency: IdempotencyService;
      /** Makes `matcher` usable (loads the hash index once); awaited before any matching. */
      matcherReady?: () => Promise<void>;
      /**
       * Where uploads are spooled (after the content check) before their import transaction
       * opens; unset: the body streams into the open transaction. Set on PGlite, whose single
       * connection must not wait for a slow client.
       */
      spoolDir?: string;
      /** Called after an import finished (the composition root enqueues subjects.rescore here). */
      afterImport?: (summary: ImportSummary) => Promise<void>;
    },
  ) {}

  /**
   * Imports an uploaded body (streamed, one transaction) under an Idempotency-Key: 400 without a
   * key, 409 while the same key runs, 422 for the same key with another body, else the stored result.
   */
  importUpload(input: {
    actor: Actor;
    idempotencyKey: string | undefined;
    format: Format;
    fileName: string;
    strict: boolean;
    columnMap?: ColumnMap;
    body: AsyncIterable<Buffer>;
  }): Promise<IdempotentResult<ImportSummary>> {
    const requestLine = `${input.format}\n${input.fileName}\n${input.strict}\n${JSON.stringify(input.columnMap ?? null)}`;
    const owner = importOwner(input.actor);
    // A key is the caller's own: the same key from another user or agency never replays this answer.
    const scope = `${owner.organisationId ?? 'host'}/${owner.userId ?? 'operator'}`;
    return this.deps.idempotency.run<ImportSummary>(
      input.idempotencyKey,
      scope,
      requestLine,
      input.body,
      async (hashed, complete) => {
        const run = (open: () => AsyncIterable<Buffer>) =>
          this.importFile({
            fileName: input.fileName,
            format: input.format,
            sourceSha256: createHash('sha256')
              .update(`idempotency-key:${scope}:${input.idempotencyKey}`)
              .digest('hex'),
            open,
            owner,
            mode: 'atomic',
            strict: input.strict,
            columnMap: input.columnMap,
            finalize: (trx, summary) => complete(trx, 201, summary),
          });
        const dir = this.deps.spoolDir;
        if (!dir) return run(() => hashed);
        const spool = await spoolUpload(hashed, input.fileName, dir);
        try {
          return await run(() => createReadStream(spool.path));
        } finally {
          await spool.remove();
        }
      },
    );
  }

  private get p2pDeps(): P2pDeps {
    return {
      repository: this.deps.repository,
      attribution: this.deps.attribution,
      matcher: this.deps.matcher,
      clock: this.deps.clock,
    };
  }

  /**
   * Imports one file; returns its summary. Throws ForbiddenContentError for imagery/archives,
   * ValidationError for an unreadable file (bad header, corrupt gzip) or, in strict mode, the first bad record.
   */
  async importFile(input: ImportInput): Promise<ImportSummary> {
    const summary = await this.importOnce(input);
    await this.deps.afterImport?.(summary);
    return summary;
  }

  private async importOnce(input: ImportInput): Promise<ImportSummary> {
    await this.deps.matcherReady?.();
    if (input.format === 'cybertip') {
      return importCybertip({ ...this.deps, ...this.p2pDeps }, input);
    }
    if (input.strict || input.mode === 'atomic') {
      return this.deps.db.transaction().execute((trx) => this.runP2p(trx, input, true));
    }
    return this.runP2p(this.deps.db, input, false);
  }

  private async runP2p(db: Db, input: ImportInput, atomic: boolean): Promise<ImportSummary> {
    const format = input.format as BatchContext['format'];
    const { repository } = this.deps;
    const existing = atomic
      ? undefined
      : await repository.findRunningJournal(db, input.sourceSha256, format);
    const journal =
      existing ??
      (await repository.createJournal(db, {
        fileSha256: input.sourceSha256,
        fileName: input.fileName,
        format,
        ownerOrganisationId: input.owner?.organisationId ?? null,
        createdBy: input.owner?.userId ?? null,
      }));
    let counts: JournalCounts = existing ? { ...existing } : ZERO;
    const skip = counts.rowsDone;
    const state = { header: null as string | null };
    const ctx = (): BatchContext => ({
      importId: journal.id,
      fileSha256: input.sourceSha256,
      fileName: input.fileName,
      format,
      header: state.header,
    });
    // The rules the next batch is attributed with: as last read by a batch's transaction.
    let rules = await this.deps.attribution.rules(db);

    const store = async (batch: PreparedBatch) => {
      const run = async (trx: Db) => {
        const result = await storeBatch(this.p2pDeps, trx, batch);
        const next = addCounts(counts, result.counts);
        await repository.updateJournal(trx, journal.id, next, null);
        return { next, rejections: result.rejections, rules: result.rules };
      };
      if (atomic) {
        const value = await run(db);
        counts = value.next;
        rules = value.rules;
        report(value.rejections);
        return;
      }
      const { value, committed } = await group.run(run);
      counts = value.next;
      rules = value.rules;
      unreported.push(...value.rejections);
      if (committed) report(unreported.splice(0));
    };
    const group = new CommitGroup(db, BATCHES_PER_COMMIT);
    const unreported: Rejection[] = [];
    const report = (rejections: Rejection[]) => {
      rejections.forEach((r) => input.onRejected?.(r));
      input.onProgress?.(counts);
    };
    // Batch n is stored while batch n+1 is parsed, validated, matched, attributed and rendered
    // (the database works on another core): at most one batch in flight. Stores stay in order,
    // so the journal always counts a prefix of the file.
    let pending: Promise<void> = Promise.resolve();
    const flush = (batch: PreparedBatch): Promise<void> => {
      const previous = pending;
      pending = previous.then(() => store(batch));
      pending.catch(() => undefined);
      return previous;
    };

    let index = 0;
    let batch: PreparedBatch | null = null;
    try {
      for await (const item of parseP2p(
        format,
        guardInput(input.open(), input.fileName),
        input.fileName,
        state,
        input.columnMap,
      )) {
        if (index++ < skip) continue;
        batch ??= await startBatch(this.p2pDeps, ctx(), rules);
        batch.add(item);
        const rejected = batch.quarantine[0];
        if (input.strict && rejected) {
          throw new ValidationError(
            `${rejected.fileName}:${rejected.line}: ${rejected.field}: ${rejected.reason} (strict: nothing imported)`,
            [
              {
                path: `${rejected.fileName}:${rejected.line}:${rejected.field}`,
                reason: rejected.reason,
              },
            ],
          );
        }
        if (batch.items >= BATCH_SIZE) {
          await flush(batch);
          batch = null;
        }
      }
      // The last batch is stored even when empty (as before): its transaction updates the journal.
      await flush(batch ?? (await startBatch(this.p2pDeps, ctx(), rules)));
      await pending;
      await group.commit();
      if (!atomic) report(unreported.splice(0));
    } catch (error) {
      // A half-open group must not hold the connection (PGlite has only one).
      await pending.catch(() => undefined);
      await group.rollback();
      throw error;
    }
    await repository.updateJournal(db, journal.id, counts, this.deps.clock.now());
    const { rowsDone: _rows, ...rest } = counts;
    const summary = {
      importId: journal.id,
      file: input.fileName,
      format,
      ...rest,
      resumed: existing !== undefined,
    };
    if (input.finalize) await input.finalize(db, summary);
    return summary;
  }

  /** Enqueues `intake.rematch` (deduplicated): the hashsets domain calls this when active sets change. */
  requestRematch(reason = 'hash sets changed'): Promise<{ id: string; isDuplicate: boolean }> {
    return this.deps.queue.enqueue('intake.rematch', { reason }, { dedupeKey: 'intake.rematch' });
  }

  /** Re-runs matching over every stored observation in bounded batches; returns matches added. */
  async rematch(_payload: RematchPayload): Promise<{ scanned: number; added: number }> {
    await this.deps.matcherReady?.();
    return rematchAll({
      db: this.deps.db,
      repository: this.deps.repository,
      matcher: this.deps.matcher,
      clock: this.deps.clock,
    });
  }
}

export { ZERO as ZERO_COUNTS };
