import { z } from 'zod';
import { ATTRIBUTION_FLAGS } from '#core/scoring/engine/attribution-flags.js';
import { ZERO_SCORE_CAUSES } from '#core/scoring/engine/zero-score-cause.js';

const AGENCY = /^[A-Za-z0-9][A-Za-z0-9_-]{0,39}$/;

/** Query of the priority queue: one agency's jurisdiction (or all), paged. */
export const QueueQuerySchema = z.object({
  agency: z.string().regex(AGENCY, 'an agency code (letters, digits, - or _)').optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
  /** Only subjects scoring at least this much. */
  minScore: z.coerce.number().min(0).max(1000).optional(),
  /** Only subjects with this attribution confidence level. */
  attribution: z.enum(['high', 'medium', 'low']).optional(),
  /** Only subjects whose attribution carries this flag (tor, anonymous_vpn, hosting, cgnat…). */
  flag: z.enum(ATTRIBUTION_FLAGS).optional(),
  /**
   * Subjects scoring 0 (no rule matched: unmatched, benign or non-lead files only): listed with the
   * others (`include`, the default), left out (`hide`) or alone (`only`, to count or review them).
   */
  zeroScores: z.enum(['include', 'hide', 'only']).default('include'),
  /** Only subjects observed at least once in this municipality: the attributed name or its part before brackets, any case. */
  municipality: z.string().trim().min(1).max(200).optional(),
});
export type QueueQuery = z.input<typeof QueueQuerySchema>;

/** What may name a subject in a request (a malformed id is a 400; a well-formed unknown one a 404). */
export const SubjectIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,64}$/, 'up to 64 letters, digits, - or _ (a key is sub_<20 hex>)');

/** A subject key as linking derives it. */
export const SubjectKeySchema = z
  .string()
  .regex(/^sub_[0-9a-f]{20}$/, 'a subject key sub_<20 hex>');

const AttributionSchema = z.object({
  level: z.enum(['high', 'medium', 'low']),
  confidence: z.number(),
  flags: z.array(z.string()),
});

/** One reason of a score, as the queue shows it (the detail adds the evidence ids). */
export const ReasonSchema = z.object({
  ruleId: z.string(),
  points: z.number(),
  reason: z.string(),
});

/** One row of the priority queue: an assessment to guide triage, never a finding of fact. */
export const QueueItemSchema = z.object({
  rank: z.number().int(),
  subjectKey: z.string(),
  isAssessment: z.literal(true),
  score: z.number(),
  maxScore: z.number(),
  ruleSetVersion: z.number().int(),
  topReasons: z.array(ReasonSchema),
  /**
   * For a subject scoring 0, what its files were: `no_files`, `only_benign_files`,
   * `only_unmatched_files`, `only_non_lead_categories` (docs/HASHSETS.md), `no_lead_material` (a
   * mix of those), `no_rule_matched`; null for a score above 0 or a score stored before the cause was kept.
   */
  zeroScoreCause: z.enum(ZERO_SCORE_CAUSES).nullable(),
  attribution: AttributionSchema,
  agencyCode: z.string().nullable(),
  firstSeen: z.string().nullable(),
  lastSeen: z.string().nullable(),
  ips: z.array(z.string()),
  isps: z.array(z.string()),
  municipalities: z.array(z.string()),
  counts: z.object({ observations: z.number(), tipPersons: z.number(), links: z.number() }),
});
export type QueueItem = z.infer<typeof QueueItemSchema>;

/** A page of the queue. */
export const QueuePageSchema = z.object({
  agency: z.string().nullable(),
  ruleSetVersion: z.number().int(),
  /** Matching subjects, counted up to 10,000 (see isTotalExact). */
  total: z.number().int(),
  /** False when more than 10,000 subjects match: `total` is then a lower bound. */
  isTotalExact: z.boolean(),
  limit: z.number().int(),
  offset: z.number().int(),
  items: z.array(QueueItemSchema),
});
export type QueuePage = z.infer<typeof QueuePageSchema>;

/** One subject in full: every reason with its evidence, links, older scores and the timeline. */
export const SubjectDetailSchema = z.object({
  subjectKey: z.string(),
  isAssessment: z.literal(true),
  agencyCode: z.string().nullable(),
  firstSeen: z.string().nullable(),
  lastSeen: z.string().nullable(),
  counts: z.object({ observations: z.number(), tipPersons: z.number(), links: z.number() }),
  score: z
    .object({
      ruleSetVersion: z.number().int(),
      score: z.number(),
      maxScore: z.number(),
      asOf: z.string(),
      scoredAt: z.string(),
      reasons: z.array(
        ReasonSchema.extend({ weight: z.number(), evidenceIds: z.array(z.string()) }),
      ),
      attribution: AttributionSchema.extend({ reasons: z.array(z.string()) }),
    })
    .nullable(),
  olderScores: z.array(
    z.object({ ruleSetVersion: z.number().int(), score: z.number(), scoredAt: z.string() }),
  ),
  links: z.array(
    z.object({
      rule: z.string(),
      nodes: z.tuple([z.string(), z.string()]),
      evidenceIds: z.array(z.string()),
      identifier: z.string().nullable(),
      confidence: z.object({ level: z.enum(['high', 'medium', 'low']), value: z.number() }),
    }),
  ),
  tipPersons: z.array(z.string()),
  /** Analysts' merge and split decisions that name any of the subject's nodes, oldest first. */
  decisions: z.array(
    z.object({
      id: z.string(),
      kind: z.enum(['merge', 'split']),
      reason: z.string(),
      decidedBy: z.string(),
      decidedAt: z.string(),
      subjectKeys: z.array(z.string()),
    }),
  ),
  timeline: z.array(
    z.object({
      observationId: z.string(),
      observedAt: z.string(),
      network: z.string(),
      ip: z.string(),
      port: z.number().int(),
      clientId: z.string().nullable(),
      evidenceKind: z.string(),
      hashType: z.string(),
      hash: z.string(),
      fileName: z.string().nullable(),
      municipality: z.string().nullable(),
      isp: z.string().nullable(),
      ipFlags: z.array(z.string()),
      agencyCode: z.string().nullable(),
    }),
  ),
});
export type SubjectDetail = z.infer<typeof SubjectDetailSchema>;

/** The result of a relink-and-score run. */
export const RescoreResultSchema = z.object({
  /** Incremental (only what new, changed or gone rows and new decisions touch) or full. */
  mode: z.enum(['full', 'incremental']),
  /** Why the run was full: requested, first run, rule set or linking parameters changed. */
  fullReason: z.string().nullable(),
  ruleSetVersion: z.number().int(),
  observations: z.number().int(),
  tips: z.number().int(),
  subjects: z.number().int(),
  /** Nodes (observations, tip persons) re-linked. */
  relinkedNodes: z.number().int(),
  /** Subjects scored again (a score row is written only when it changed: `scored`). */
  rescored: z.number().int(),
  /** Subject keys that vanished (merged, split or renamed), recorded in subject_key_change. */
  keyChanges: z.number().int(),
  added: z.number().int(),
  changed: z.number().int(),
  removed: z.number().int(),
  scored: z.number().int(),
  /** Analyst decisions applied. */
  decisions: z.number().int(),
  /** Automatic links (or parts of merges) an analyst's split kept from applying. */
  blockedLinks: z.number().int(),
  /** Merge decisions that contradict an earlier split (not applied; to be resolved). */
  conflicts: z.array(z.object({ decisionId: z.string(), reason: z.string() })),
});
export type RescoreResult = z.infer<typeof RescoreResultSchema>;

/** Payload of the subjects.rescore job. */
export const RescorePayloadSchema = z.object({
  reason: z.string().max(500).default('on demand'),
  /** Relink everything, not only what changed. */
  full: z.boolean().default(false),
});
