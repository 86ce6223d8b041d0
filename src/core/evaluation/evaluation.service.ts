import type { CallContext } from '#core/access/actor.js';
import type { AuditService } from '#core/audit/audit.service.js';
import { buildSubjectEvidence } from '#core/scoring/evidence/build-subject-evidence.js';
import type { Truth } from '#core/simulation/truth.schema.js';
import type { QueuePage, QueueQuery } from '#core/subjects/queue.schema.js';
import { readStoredRows } from '#core/subjects/subjects.read.js';
import type { Db } from '#platform/db/client.js';
import { ValidationError } from '#shared/errors.js';
import { zodIssues } from '#shared/zod-error.js';
import { rankByDistinctKnownFiles, rankByMostRecent } from './baselines.js';
import { readSubjectNodes, storedLinking } from './evaluation.read.js';
import {
  EvaluateOptionsSchema,
  type EvaluateOptions,
  type QueueEvaluation,
} from './evaluation.schema.js';
import { evaluateRankings } from './report.js';
import { toTruthKeys } from './metrics.js';
import {
  groundTruthOf,
  indexTruth,
  mapSubjectsToTruth,
  reachableTruth,
  truthIdOfObservation,
  truthIdOfTipPerson,
} from './truth-mapping.js';

export type EvaluationDeps = {
  db: Db;
  audit: AuditService;
  /** The priority queue as analysts see it (its first K is Vigil's ranking). */
  queue: (ctx: CallContext, query: QueueQuery) => Promise<QueuePage>;
};

/** Compares the stored priority queue with a simulated world's ground truth and two baselines. */
export class EvaluationService {
  constructor(private readonly deps: EvaluationDeps) {}

  /**
   * Evaluates the first K of the queue (of one agency, or all) against `truth`, beside the volume
   * and recency baselines ranked over the same stored subjects; ValidationError on bad options.
   */
  async evaluateQueue(
    ctx: CallContext,
    truth: Truth,
    options: EvaluateOptions = {},
  ): Promise<QueueEvaluation> {
    const parsed = EvaluateOptionsSchema.safeParse(options);
    if (!parsed.success) {
      throw new ValidationError('invalid evaluation options', zodIssues(parsed.error));
    }
    const { warrants: k, agency } = parsed.data;
    const page = await this.deps.queue(ctx, { ...(agency ? { agency } : {}), limit: k });
    return this.deps.audit.record(ctx, 'evaluation.run', 'consultation', async (note) => {
      const [rows, nodes] = [
        await readStoredRows(this.deps.db),
        await readSubjectNodes(this.deps.db, agency),
      ];
      const index = indexTruth(truth);
      const observations = new Map(rows.observations.map((o) => [`obs:${o.id}`, o]));
      const tips = new Map(rows.tips.map((t) => [t.reportId, t]));
      const truthIdOfNode = (ref: string): string | undefined => {
        const o = observations.get(ref);
        if (o) return truthIdOfObservation(index, o);
        const hash = ref.lastIndexOf('#');
        const person = tips.get(ref.slice('tip:'.length, hash))?.persons[
          Number(ref.slice(hash + 1))
        ];
        return person ? truthIdOfTipPerson(index, person) : undefined;
      };
      const { subjectToTruth, stats } = mapSubjectsToTruth(nodes, truthIdOfNode);
      const groundTruth = reachableTruth(groundTruthOf(truth), subjectToTruth);
      const evidence = buildSubjectEvidence(
        rows.observations,
        rows.matches,
        rows.attributions,
        rows.tips,
        { linking: storedLinking(nodes) },
      );
      const inTruthKeys = (keys: readonly string[]) =>
        toTruthKeys(keys.slice(0, k), subjectToTruth);
      const reports = evaluateRankings(
        {
          vigil: inTruthKeys(page.items.map((i) => i.subjectKey)),
          volume: inTruthKeys(rankByDistinctKnownFiles(evidence)),
          recency: inTruthKeys(rankByMostRecent(evidence)),
        },
        groundTruth,
        k,
      );
      const [vigil, volume] = [reports[0]!, reports[1]!];
      const truthSubjects = [...groundTruth.values()];
      note.details = { k, agency: agency ?? '*', seed: truth.parameters.seed };
      return {
        isAssessment: true as const,
        k,
        agency: agency ?? null,
        ruleSetVersion: page.ruleSetVersion,
        world: truth.parameters,
        mapping: stats,
        truth: {
          subjects: truthSubjects.length,
          highRisk: truthSubjects.filter((s) => s.isHighRisk).length,
          childrenAtRisk: truthSubjects.reduce((sum, s) => sum + s.childrenAtRisk, 0),
        },
        reports,
        highRiskRatioToVolume:
          volume.highRiskReached === 0 ? null : vigil.highRiskReached / volume.highRiskReached,
        outcomes: null,
      };
    });
  }
}
