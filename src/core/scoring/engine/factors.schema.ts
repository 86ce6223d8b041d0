import { z } from 'zod';
import { EvidenceKindSchema } from '#core/subjects/subjects.schema.js';

const Saturation = z.number().gt(0).describe('the count that earns the full weight');

/** A category code in one scheme with its severity (0..1); schemes are never merged. */
export const SeverityEntrySchema = z.object({
  scheme: z.string().min(1),
  code: z.string().min(1),
  severity: z.number().min(0).max(1),
});

/** The factor definitions a rule can use: a discriminated union on `type`, never a free string. */
export const FactorDefinitionSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('unmatched_beside_known'),
    minKnownFiles: z.number().int().min(1),
    saturation: Saturation,
    /** Only unmatched files seen this way count (browse-host listings show a whole share). */
    evidenceKinds: z.array(EvidenceKindSchema).min(1),
  }),
  z.object({
    type: z.literal('sole_source_unmatched'),
    minKnownFiles: z.number().int().min(1),
    /** An unmatched file counts when at most this many subjects were seen with it. */
    maxSharingSubjects: z.number().int().min(1),
    /** Fewer such files than this earn nothing (one odd file is not a pattern). */
    minFiles: z.number().int().min(1),
    /** Share of the subject's distinct files that earns the full weight. */
    fullShare: z.number().gt(0).max(1),
    evidenceKinds: z.array(EvidenceKindSchema).min(1),
  }),
  z.object({
    type: z.literal('series_concentration'),
    minKnownFiles: z.number().int().min(1),
    /** How many of the subject's most frequent series are counted. */
    topSeries: z.number().int().min(1),
    /** Share of known files in those series below which the factor earns nothing... */
    floorShare: z.number().min(0).max(1),
    /** ...and at or above which it earns the full weight (linear between). */
    fullShare: z.number().gt(0).max(1),
  }),
  z.object({ type: z.literal('victim_identified') }),
  z.object({ type: z.literal('series_listed'), series: z.array(z.string().min(1)).min(1) }),
  z.object({
    type: z.literal('category_severity'),
    severities: z.array(SeverityEntrySchema).min(1),
  }),
  z.object({
    type: z.literal('known_files_by_evidence_kind'),
    evidenceKinds: z.array(EvidenceKindSchema).min(1),
    saturation: Saturation,
  }),
  z.object({ type: z.literal('distinct_known_files'), saturation: Saturation }),
  z.object({ type: z.literal('distinct_series'), saturation: Saturation }),
  z.object({ type: z.literal('distinct_days_active'), saturation: Saturation }),
  z.object({ type: z.literal('recency'), halfLifeDays: z.number().gt(0) }),
  z.object({
    type: z.literal('tip_incident_type'),
    incidentTypes: z.array(z.string().min(1)).min(1),
  }),
  z.object({
    type: z.literal('tip_annotation'),
    annotations: z.array(z.string().min(1)).min(1),
    /** Report-level annotations, file-level ones, or both. */
    scope: z.enum(['report', 'file', 'any']),
  }),
  z.object({ type: z.literal('registry_match') }),
]);
export type FactorDefinition = z.infer<typeof FactorDefinitionSchema>;

/** One rule: a factor with a weight (the points it earns at full strength) and a description. */
export const RuleDefinitionSchema = z.object({
  id: z.string().regex(/^[a-z][a-z0-9_]*$/, 'snake_case id'),
  description: z.string().min(1),
  weight: z.number().min(0).max(100),
  factor: FactorDefinitionSchema,
});
export type RuleDefinition = z.infer<typeof RuleDefinitionSchema>;

/** How much each address flag leaves of a lead's attributability (1 = fully attributable). */
export const AttributionParamsSchema = z.object({
  flagFactors: z.object({
    tor: z.number().min(0).max(1),
    anonymous_vpn: z.number().min(0).max(1),
    hosting: z.number().min(0).max(1),
    private: z.number().min(0).max(1),
    special: z.number().min(0).max(1),
    cgnat: z.number().min(0).max(1),
  }),
  /** CGNAT address seen without a source port: the ISP cannot single out a subscriber. */
  cgnatWithoutPort: z.number().min(0).max(1),
  possibleProxy: z.number().min(0).max(1),
  /** No agency's jurisdiction covers the address. */
  unassignedJurisdiction: z.number().min(0).max(1),
  /** A subject known only by accounts (email, screen name) and no address. */
  accountOnly: z.number().min(0).max(1),
});
export type AttributionParams = z.infer<typeof AttributionParamsSchema>;

/** A serialised, versioned rule set; rule ids are unique. */
export const RuleSetDefinitionSchema = z
  .object({
    version: z.number().int().min(1),
    name: z.string().min(1),
    rules: z.array(RuleDefinitionSchema).min(1),
    attribution: AttributionParamsSchema,
  })
  .superRefine((def, ctx) => {
    const seen = new Set<string>();
    def.rules.forEach((rule, i) => {
      if (seen.has(rule.id)) {
        ctx.addIssue({
          code: 'custom',
          path: ['rules', i, 'id'],
          message: `duplicate rule id ${rule.id}`,
        });
      }
      seen.add(rule.id);
      if (
        rule.factor.type === 'series_concentration' &&
        rule.factor.floorShare >= rule.factor.fullShare
      ) {
        ctx.addIssue({
          code: 'custom',
          path: ['rules', i, 'factor', 'fullShare'],
          message: 'must be greater than floorShare',
        });
      }
    });
  });
export type RuleSetDefinition = z.infer<typeof RuleSetDefinitionSchema>;
