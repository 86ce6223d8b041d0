import { sql } from 'kysely';
import type { CallContext } from '#core/access/actor.js';
import type { AuditService } from '#core/audit/audit.service.js';
import type { RuleSetsService } from '#core/rule-sets/rule-sets.service.js';
import { RuleSet, type RuleSetDefinition } from '#core/scoring/index.js';
import type { Clock } from '#platform/clock.js';
import type { Db } from '#platform/db/client.js';
import type { JobQueue } from '#platform/jobs/queue.js';
import type { Logger } from '#platform/logger.js';
import { NotFoundError, ValidationError } from '#shared/errors.js';
import { zodIssues } from '#shared/zod-error.js';
import { emptyLinkState } from './linking/link-state.js';
import type { LinkOptions } from './linking/link.types.js';
import { relinkAndScoreIn } from './relink.js';
import {
  QueueQuerySchema,
  SubjectIdSchema,
  SubjectKeySchema,
  type QueuePage,
  type QueueQuery,
  type RescoreResult,
  type SubjectDetail,
} from './queue.schema.js';
import { agencyScopeOf, inScope } from './agency-scope.js';
import { readDecisions } from './decisions.repository.js';
import { toDetail, toQueueItem } from './queue.view.js';
import { readStoredRows } from './subjects.read.js';
import {
  countAwaitingScoring,
  placesOf,
  queuePage,
  subjectDetail,
  zeroScoreCausesOf,
} from './subjects.queries.js';

export type SubjectsDeps = {
  db: Db;
  clock: Clock;
  logger: Logger;
  queue: JobQueue;
  audit: AuditService;
  /** The stored, versioned rule sets: a relink scores with the newest. */
  ruleSets: RuleSetsService;
  /** Scores with this definition instead of the stored rule sets (evaluation of a candidate). */
  ruleSet?: RuleSetDefinition;
  /** Linking parameters (defaults: DEFAULT_LINK_OPTIONS); a change makes the next relink full. */
  linkOptions?: Partial<LinkOptions>;
};

/** Subjects and the priority queue: links stored rows into subjects, scores them, ranks them. */
export class SubjectsService {
  private readonly override: RuleSet | undefined;

  constructor(private readonly deps: SubjectsDeps) {
    this.override = deps.ruleSet ? RuleSet.fromDefinition(deps.ruleSet) : undefined;
  }

  /** Enqueues a relink-and-score run (deduplicated: one waiting run covers every request). */
  async requestRescore(reason: string): Promise<{ id: string; isDuplicate: boolean }> {
    return this.deps.queue.enqueue(
      'subjects.rescore',
      { reason },
      { dedupeKey: 'subjects.rescore' },
    );
  }

  /** Enqueues a relink-and-score run on a caller's request, audited with the enqueue. */
  async scheduleRescore(ctx: CallContext): Promise<{ jobId: string; isDuplicate: boolean }> {
    return this.deps.audit.run(ctx, 'subject.rescore_request', 'alteration', async (trx, note) => {
      const job = await this.deps.queue.enqueue(
        'subjects.rescore',
        { reason: 'requested' },
        { dedupeKey: 'subjects.rescore' },
        trx,
      );
      note.objectIds = [job.id];
      return { jobId: job.id, isDuplicate: job.isDuplicate };
    });
  }

  /**
   * Reads every stored observation, match, attribution, tip and analyst decision and brings the
   * subjects up to date in one transaction with its audit row: incremental by default (only the
   * subjects new, changed or gone rows and new decisions touch are re-linked; docs/SCORING.md,
   * "Relinking: incremental and full"), full with `full` or when the rule set or the linking
   * parameters changed. Both give the same subjects and scores; idempotent.
   */
  async relinkAndScore(
    ctx: CallContext,
    options: {
      full?: boolean;
      /**
       * Settles the `subjects.rescore` jobs queued so far (this run reads every row they would):
       * the demo's first start and `vigil ingest --rescore` score once, not again in the worker.
       */
      settlesQueuedRuns?: boolean;
    } = {},
  ): Promise<RescoreResult> {
    return this.deps.audit.run(ctx, 'subject.rescore', 'alteration', async (trx, note) => {
      // Serialises concurrent runs (two workers): the second waits and then rewrites the same rows.
      await sql`select pg_advisory_xact_lock(hashtext('subjects.rescore'))`.execute(trx);
      if (options.settlesQueuedRuns) await this.deps.queue.settleQueued('subjects.rescore', trx);
      const ruleSet = this.override ?? (await this.deps.ruleSets.current(trx));
      const rows = await readStoredRows(trx);
      const decisions = await readDecisions(trx);
      const result = await relinkAndScoreIn(trx, {
        rows,
        decisions,
        ruleSet,
        linkOptions: emptyLinkState(this.deps.linkOptions ?? {}).options,
        isFull: options.full === true,
        isCandidate: this.override !== undefined,
        now: this.deps.clock.now(),
      });
      const { conflicts, fullReason, ...numbers } = result;
      note.details = { ...numbers, fullReason: fullReason ?? '', conflicts: conflicts.length };
      this.deps.logger.info(result, 'subjects: relinked and scored');
      return result;
    });
  }

  /**
   * How many stored observations the next relink-and-score run has yet to link and score (a
   * count, no personal data): what `vigil ingest` and `vigil queue` tell the operator.
   */
  async countAwaitingScoring(): Promise<number> {
    return countAwaitingScoring(this.deps.db);
  }

  /**
   * One page of the priority queue, ranked by score: the subjects of the agencies the caller may
   * see (agency-scope.ts), narrowed to one agency with `agency`; an agency outside the caller's
   * scope gives an empty page.
   */
  async queue(ctx: CallContext, input: QueueQuery): Promise<QueuePage> {
    const parsed = QueueQuerySchema.safeParse(input);
    if (!parsed.success) throw new ValidationError('invalid queue query', zodIssues(parsed.error));
    const query = parsed.data;
    return this.deps.audit.run(ctx, 'subject.queue', 'consultation', async (trx, note) => {
      const scope = await agencyScopeOf(trx, ctx.actor, this.deps.clock.now());
      const wanted = query.agency === undefined ? null : [query.agency];
      const agencies = scope.isAll
        ? wanted
        : (wanted ?? scope.codes).filter((c) => scope.codes.includes(c));
      const page = await queuePage(trx, {
        agencies,
        minScore: query.minScore,
        zeroScores: query.zeroScores,
        attribution: query.attribution,
        flag: query.flag,
        municipality: query.municipality,
        limit: query.limit,
        offset: query.offset,
      });
      const places = await placesOf(
        trx,
        page.rows.map((r) => r.key),
      );
      const causes = await zeroScoreCausesOf(trx, page.rows);
      note.details = {
        agency: query.agency ?? '*',
        scope: scope.isAll ? '*' : scope.codes.join(','),
        limit: query.limit,
        offset: query.offset,
      };
      note.objectIds = page.rows.map((r) => r.key);
      const version =
        page.rows[0]?.ruleSetVersion ??
        (this.override ?? (await this.deps.ruleSets.current(trx))).version;
      return {
        agency: query.agency ?? null,
        ruleSetVersion: version,
        total: page.total,
        isTotalExact: page.isTotalExact,
        limit: query.limit,
        offset: query.offset,
        items: page.rows.map((row, i) =>
          toQueueItem(row, query.offset + i + 1, places.get(row.key), causes.get(row.key)),
        ),
      };
    });
  }

  /**
   * One subject with its full explanation, decisions and evidence timeline; NotFoundError when
   * unknown or outside the caller's agency scope (the same answer).
   */
  async getSubject(ctx: CallContext, key: string): Promise<SubjectDetail> {
    const parsed = SubjectIdSchema.safeParse(key);
    if (!parsed.success) throw new ValidationError('invalid subject id', zodIssues(parsed.error));
    return this.deps.audit.run(ctx, 'subject.read', 'consultation', async (trx, note) => {
      note.objectIds = [key];
      // A well-formed id that is not a subject key names no subject: 404, like an unknown key.
      const detail = SubjectKeySchema.safeParse(key).success ? await subjectDetail(trx, key) : null;
      const scope = await agencyScopeOf(trx, ctx.actor, this.deps.clock.now());
      if (!detail || !inScope(scope, detail.subject.agencyCode)) {
        throw new NotFoundError(`subject ${key} not found`);
      }
      return toDetail(detail);
    });
  }
}
