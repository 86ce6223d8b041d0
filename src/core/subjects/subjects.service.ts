import { sql } from 'kysely';
import type { CallContext } from '#core/access/actor.js';
import type { AuditService } from '#core/audit/audit.service.js';
import {
  buildSubjectEvidence,
  DEFAULT_RULE_SET,
  RuleSet,
  type RuleSetDefinition,
} from '#core/scoring/index.js';
import type { Clock } from '#platform/clock.js';
import type { Db } from '#platform/db/client.js';
import type { JobQueue } from '#platform/jobs/queue.js';
import type { Logger } from '#platform/logger.js';
import { NotFoundError, ValidationError } from '#shared/errors.js';
import { zodIssues } from '#shared/zod-error.js';
import { linkSubjects } from './linking/link-subjects.js';
import {
  QueueQuerySchema,
  SubjectIdSchema,
  SubjectKeySchema,
  type QueuePage,
  type QueueQuery,
  type RescoreResult,
  type SubjectDetail,
} from './queue.schema.js';
import { toDetail, toQueueItem } from './queue.view.js';
import { readStoredRows } from './subjects.read.js';
import { SubjectsRepository } from './subjects.repository.js';
import { placesOf, queuePage, subjectDetail } from './subjects.queries.js';
import { subjectWrites } from './subject-writes.js';

export type SubjectsDeps = {
  db: Db;
  clock: Clock;
  logger: Logger;
  queue: JobQueue;
  audit: AuditService;
  /** The rule set to score with (default: rule set v1). */
  ruleSet?: RuleSetDefinition;
};

/** Subjects and the priority queue: links stored rows into subjects, scores them, ranks them. */
export class SubjectsService {
  private readonly repository = new SubjectsRepository();
  private readonly ruleSet: RuleSet;

  constructor(private readonly deps: SubjectsDeps) {
    this.ruleSet = RuleSet.fromDefinition(deps.ruleSet ?? DEFAULT_RULE_SET);
  }

  /** The version of the rule set this service scores with. */
  get ruleSetVersion(): number {
    return this.ruleSet.version;
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
   * Reads every stored observation, match, attribution and tip, links them into subjects, scores
   * each with the rule set and stores subjects, members, links and scores in one transaction with
   * its audit row; idempotent (a re-run over the same rows changes no row).
   */
  async relinkAndScore(ctx: CallContext): Promise<RescoreResult> {
    return this.deps.audit.run(ctx, 'subject.rescore', 'alteration', async (trx, note) => {
      // Serialises concurrent runs (two workers): the second waits and then rewrites the same rows.
      await sql`select pg_advisory_xact_lock(hashtext('subjects.rescore'))`.execute(trx);
      const rows = await readStoredRows(trx);
      const linking = linkSubjects(rows, []);
      const evidence = buildSubjectEvidence(
        rows.observations,
        rows.matches,
        rows.attributions,
        rows.tips,
        { linking },
      );
      const scores = evidence.map((e) => this.ruleSet.evaluate(e));
      const now = this.deps.clock.now();
      const writes = subjectWrites(linking, evidence, scores, rows, now);
      const counts = await this.repository.replaceAll(trx, writes, now);
      const result = {
        ruleSetVersion: this.ruleSet.version,
        observations: rows.observations.length,
        tips: rows.tips.length,
        subjects: writes.length,
        ...counts,
      };
      note.details = { ...result };
      this.deps.logger.info(result, 'subjects: relinked and scored');
      return result;
    });
  }

  /** One page of the priority queue (an agency's jurisdiction, or all), ranked by score. */
  async queue(ctx: CallContext, input: QueueQuery): Promise<QueuePage> {
    const parsed = QueueQuerySchema.safeParse(input);
    if (!parsed.success) throw new ValidationError('invalid queue query', zodIssues(parsed.error));
    const query = parsed.data;
    return this.deps.audit.run(ctx, 'subject.queue', 'consultation', async (trx, note) => {
      const page = await queuePage(trx, { ...query, ruleSetVersion: this.ruleSet.version });
      const places = await placesOf(
        trx,
        page.rows.map((r) => r.key),
      );
      note.details = { agency: query.agency ?? '*', limit: query.limit, offset: query.offset };
      note.objectIds = page.rows.map((r) => r.key);
      return {
        agency: query.agency ?? null,
        ruleSetVersion: this.ruleSet.version,
        total: page.total,
        limit: query.limit,
        offset: query.offset,
        items: page.rows.map((row, i) =>
          toQueueItem(row, query.offset + i + 1, places.get(row.key)),
        ),
      };
    });
  }

  /** One subject with its full explanation and evidence timeline; NotFoundError when unknown. */
  async getSubject(ctx: CallContext, key: string): Promise<SubjectDetail> {
    const parsed = SubjectIdSchema.safeParse(key);
    if (!parsed.success) throw new ValidationError('invalid subject id', zodIssues(parsed.error));
    return this.deps.audit.run(ctx, 'subject.read', 'consultation', async (trx, note) => {
      note.objectIds = [key];
      // A well-formed id that is not a subject key names no subject: 404, like an unknown key.
      const detail = SubjectKeySchema.safeParse(key).success ? await subjectDetail(trx, key) : null;
      if (!detail) throw new NotFoundError(`subject ${key} not found`);
      return toDetail(detail, this.ruleSet.version);
    });
  }
}
