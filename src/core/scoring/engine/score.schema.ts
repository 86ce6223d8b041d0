import { z } from 'zod';
import { ZERO_SCORE_CAUSES } from './zero-score-cause.js';

/** One matched rule in a score: every point names its reason and the evidence rows behind it. */
export const RuleMatchSchema = z.object({
  ruleId: z.string(),
  weight: z.number(),
  points: z.number(),
  reason: z.string(),
  evidenceIds: z.array(z.string()),
});
export type RuleMatch = z.infer<typeof RuleMatchSchema>;

/** How far a lead can be attributed to one subscriber: a separate output, never part of the threat. */
export const AttributionAssessmentSchema = z.object({
  confidence: z.object({ level: z.enum(['high', 'medium', 'low']), value: z.number() }),
  flags: z.array(z.string()),
  reasons: z.array(z.string()),
});
export type AttributionAssessment = z.infer<typeof AttributionAssessmentSchema>;

/** A lead-priority assessment of one subject (for storage and the API): threat and attribution apart. */
export const SubjectScoreSchema = z.object({
  /** Always true: a score is an assessment to guide triage, never a finding of fact. */
  isAssessment: z.literal(true),
  subjectKey: z.string(),
  score: z.number(),
  /** The sum of all weights: the score a subject would earn if every rule applied in full. */
  maxScore: z.number(),
  ruleSetVersion: z.number().int(),
  matched: z.array(RuleMatchSchema),
  attribution: AttributionAssessmentSchema,
  /** Set only when the score is 0: what the subject's files were (scores stored before lack it). */
  zeroScoreCause: z.enum(ZERO_SCORE_CAUSES).optional(),
});
export type SubjectScore = z.infer<typeof SubjectScoreSchema>;
