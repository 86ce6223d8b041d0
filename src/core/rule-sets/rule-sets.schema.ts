import { z } from 'zod';
import { AttributionParamsSchema, RuleDefinitionSchema } from '#core/scoring/index.js';

/**
 * A new rule set version: the full definition (its version is assigned: the next number) and why
 * it changed. The engine validates it on construction (duplicate rule ids, weights, factors).
 */
export const CreateRuleSetSchema = z.strictObject({
  definition: z.object({
    /** Ignored: a new version always gets the next number. */
    version: z.number().int().optional(),
    name: z.string().trim().min(1).max(200),
    rules: z.array(RuleDefinitionSchema).min(1).max(100),
    attribution: AttributionParamsSchema,
  }),
  note: z.string().trim().min(3).max(2000),
});
export type CreateRuleSet = z.infer<typeof CreateRuleSetSchema>;

/** A stored rule set version, without its definition. */
export const RuleSetSummarySchema = z.object({
  version: z.number().int(),
  name: z.string(),
  note: z.string(),
  createdBy: z.string(),
  createdAt: z.string(),
  /** The newest version: the one the next rescore uses. */
  isCurrent: z.boolean(),
  ruleCount: z.number().int(),
  maxScore: z.number(),
});
export type RuleSetSummary = z.infer<typeof RuleSetSummarySchema>;

/** A stored rule set version with its full definition. */
export const RuleSetViewSchema = RuleSetSummarySchema.extend({
  definition: z.record(z.string(), z.unknown()),
});
export type RuleSetView = z.infer<typeof RuleSetViewSchema>;

/** A rule set version number in a path. */
export const RuleSetVersionSchema = z.coerce.number().int().min(1).max(1_000_000);
