import { z } from 'zod';
import type { Truth } from '#core/simulation/truth.schema.js';
import type { EvaluationReport } from './evaluation.types.js';
import type { MappingStats } from './truth-mapping.js';

/** Options of an evaluation run: K (the warrants a unit can execute) and an agency's queue. */
export const EvaluateOptionsSchema = z.object({
  warrants: z.coerce.number().int().min(1).max(500).default(30),
  agency: z
    .string()
    .regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,39}$/, 'an agency code (letters, digits, - or _)')
    .optional(),
});
export type EvaluateOptions = z.input<typeof EvaluateOptionsSchema>;

/** The names of the rankings compared in one run, in report order. */
export const RANKINGS = ['vigil', 'volume', 'recency'] as const;

/** One evaluation of the stored queue against a simulated world's ground truth. */
export type QueueEvaluation = {
  /** The queue is an assessment; so is this comparison (against a synthetic world). */
  isAssessment: true;
  k: number;
  agency: string | null;
  ruleSetVersion: number;
  world: Truth['parameters'];
  /** How Vigil's subjects map onto the truth's (linking quality). */
  mapping: MappingStats;
  /** The truth subjects the stored data reaches (no ranking can reach the others). */
  truth: { subjects: number; highRisk: number; childrenAtRisk: number };
  /** Vigil's queue, the volume baseline and the recency baseline, in that order. */
  reports: EvaluationReport[];
  /** High-risk subjects Vigil reaches in its first K over those the volume baseline reaches. */
  highRiskRatioToVolume: number | null;
  /** The same comparison against recorded case outcomes; null while no case has one. */
  outcomes: OutcomeComparison | null;
};

/**
 * The queue's order and the two baselines over the subjects whose cases have an outcome (charges,
 * arrests, victims identified, executed warrants, a deciding disposition): "high-risk" in the
 * reports means charged, arrested or a victim identified; "children" means victims identified.
 */
export type OutcomeComparison = {
  /** Cases with an outcome. */
  cases: number;
  /** Current subjects those cases name (the rankings are over these only). */
  subjects: number;
  positive: number;
  victimsIdentified: number;
  /** Case subject keys that lead to no stored subject (another agency's, or gone). */
  unplacedKeys: number;
  /** K for these reports: the requested K, or fewer when fewer subjects have an outcome. */
  k: number;
  /** Vigil's queue order, the volume baseline and the recency baseline, in that order. */
  reports: EvaluationReport[];
};

/** `vigil evaluate` without a truth file: the queue against recorded case outcomes only. */
export type OutcomeEvaluation = {
  isAssessment: true;
  k: number;
  agency: string | null;
  ruleSetVersion: number;
  outcomes: OutcomeComparison | null;
};
