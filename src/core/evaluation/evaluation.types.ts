import { z } from 'zod';

/** The simulator's subject types, most to least dangerous. */
export const TruthTypeSchema = z.enum([
  'producer',
  'hands_on',
  'high_volume_collector',
  'occasional_viewer',
  'innocent',
]);
export type TruthType = z.infer<typeof TruthTypeSchema>;

/** What the ground truth knows about one subject. */
export const TruthSubjectSchema = z.object({
  /** Hands-on offender or producer. */
  isHighRisk: z.boolean(),
  childrenAtRisk: z.number().int().min(0),
  type: TruthTypeSchema.optional(),
});
export type TruthSubject = z.infer<typeof TruthSubjectSchema>;

/** Ground truth by subject key (in the truth's key space). */
export type GroundTruth = ReadonlyMap<string, TruthSubject>;

/** How well one ranking reaches the high-risk subjects in its first K. */
export type EvaluationReport = {
  name: string;
  k: number;
  /** Ranked keys considered (at most K). */
  consideredKeys: number;
  highRiskReached: number;
  highRiskTotal: number;
  childrenAtRiskReached: number;
  childrenAtRiskTotal: number;
  /** High-risk reached / K. */
  precisionAtK: number;
  /** High-risk reached / all high-risk subjects (0 when there are none). */
  recallAtK: number;
  /** Graded NDCG@K (see `relevanceOf`); 0 when the truth has nothing relevant. */
  ndcgAtK: number;
  /** Keys in the first K that the truth does not know (e.g. a wrongly split subject). */
  unknownKeys: number;
  /** Keys in the first K that repeat an earlier truth subject; they reach no one new. */
  repeatedKeys: number;
};
