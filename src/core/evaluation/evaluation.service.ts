import type { CallContext } from '#core/access/actor.js';
import type { AuditService } from '#core/audit/audit.service.js';
import { buildSubjectEvidence } from '#core/scoring/evidence/build-subject-evidence.js';
import type { SubjectEvidence } from '#core/scoring/index.js';
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
  type OutcomeComparison,
  type OutcomeEvaluation,
  type QueueEvaluation,
} from './evaluation.schema.js';
import { outcomeTruth } from './outcomes.js';
import {
  rankInQueueOrder,
  readCaseOutcomes,
  readKeyChanges,
  storedSubjectKeys,
} from './outcomes.read.js';
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
    const { warrants: k, agency } = parseOptions(options);
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
        outcomes: await this.outcomesIn(k, agency, async (keys) =>
          evidence.filter((e) => keys.has(e.subjectKey)),
        ),
      };
    });
  }

  /**
   * Compares the queue's order with recorded case outcomes, without a truth file (what a unit can
   * run on its own data): `outcomes` is null while no case has an outcome.
   */
  async evaluateOutcomes(
    ctx: CallContext,
    options: EvaluateOptions = {},
  ): Promise<OutcomeEvaluation> {
    const { warrants: k, agency } = parseOptions(options);
    // Through the queue as analysts see it: the caller's scope applies, and it names the rule set.
    const page = await this.deps.queue(ctx, { ...(agency ? { agency } : {}), limit: 1 });
    return this.deps.audit.record(ctx, 'evaluation.run', 'consultation', async (note) => {
      const outcomes = await this.outcomesIn(k, agency, async (keys) => {
        const rows = await readStoredRows(this.deps.db);
        const nodes = await readSubjectNodes(this.deps.db, agency);
        const known = new Map([...nodes].filter(([key]) => keys.has(key)));
        return buildSubjectEvidence(rows.observations, rows.matches, rows.attributions, rows.tips, {
          linking: storedLinking(known),
        });
      });
      note.details = { k, agency: agency ?? '*', outcomeSubjects: outcomes?.subjects ?? 0 };
      return {
        isAssessment: true as const,
        k,
        agency: agency ?? null,
        ruleSetVersion: page.ruleSetVersion,
        outcomes,
      };
    });
  }

  /**
   * The rankings over the subjects whose cases have an outcome (docs/SCORING.md, "Real
   * outcomes"): the queue's order and the two baselines, each restricted to those subjects.
   */
  private async outcomesIn(
    k: number,
    agency: string | undefined,
    evidenceOf: (keys: ReadonlySet<string>) => Promise<SubjectEvidence[]>,
  ): Promise<OutcomeComparison | null> {
    const db = this.deps.db;
    const cases = await readCaseOutcomes(db);
    if (cases.length === 0) return null;
    const stored = await storedSubjectKeys(db, agency);
    const placed = outcomeTruth(cases, await readKeyChanges(db), (key) => stored.has(key));
    if (placed.cases === 0) return null;
    const { truth } = placed;
    const keys = new Set(truth.keys());
    const evidence = await evidenceOf(keys);
    const known = (ranked: readonly string[]) => ranked.filter((key) => keys.has(key));
    const kOutcomes = Math.max(1, Math.min(k, keys.size));
    const outcomes = [...truth.values()];
    return {
      cases: placed.cases,
      subjects: keys.size,
      positive: outcomes.filter((o) => o.isHighRisk).length,
      victimsIdentified: outcomes.reduce((sum, o) => sum + o.childrenAtRisk, 0),
      unplacedKeys: placed.unplacedKeys,
      k: kOutcomes,
      reports: evaluateRankings(
        {
          vigil: await rankInQueueOrder(db, [...keys], agency),
          volume: known(rankByDistinctKnownFiles(evidence)),
          recency: known(rankByMostRecent(evidence)),
        },
        truth,
        kOutcomes,
      ),
    };
  }
}

function parseOptions(options: EvaluateOptions) {
  const parsed = EvaluateOptionsSchema.safeParse(options);
  if (!parsed.success) {
    throw new ValidationError('invalid evaluation options', zodIssues(parsed.error));
  }
  return parsed.data;
}
