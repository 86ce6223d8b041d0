import { z } from 'zod';
import { IndustryClassificationSchema } from '#core/subjects/cybertip.schema.js';
import {
  AttributionFlagSchema,
  EvidenceKindSchema,
  NetworkSchema,
} from '#core/subjects/subjects.schema.js';

/** One observation of the subject as the engine sees it (id is the evidence row id). */
export const EvidenceObservationSchema = z.object({
  id: z.string().min(1),
  observedAt: z.iso.datetime({ offset: true }),
  network: NetworkSchema,
  evidenceKind: EvidenceKindSchema,
  /** `<hashType>:<hash>`: one file, whatever observation saw it. */
  fileKey: z.string().min(1),
  ip: z.string().min(1),
  port: z.number().int().nullable(),
  flags: z.array(AttributionFlagSchema),
  hasJurisdiction: z.boolean(),
});
export type EvidenceObservation = z.infer<typeof EvidenceObservationSchema>;

/** One hash set match of one of the subject's observations. */
export const EvidenceMatchSchema = z.object({
  observationId: z.string().min(1),
  hashSetId: z.string().min(1),
  hashSetVersion: z.string(),
  kind: z.enum(['known', 'benign']),
  categoryScheme: z.string().nullable(),
  categoryCode: z.string().nullable(),
  series: z.string().nullable(),
  victimIdentified: z.boolean().nullable(),
});
export type EvidenceMatch = z.infer<typeof EvidenceMatchSchema>;

/** One CyberTip linked to the subject, reduced to what scoring and attribution read. */
export const EvidenceTipSchema = z.object({
  /** Evidence id `tip:<reportId>`. */
  id: z.string().min(1),
  incidentType: z.string(),
  reportAnnotations: z.array(z.string()),
  files: z.array(
    z.object({
      /** Evidence id `tip:<reportId>/file:<fileId>`. */
      id: z.string().min(1),
      fileAnnotations: z.array(z.string()),
      industryClassification: IndustryClassificationSchema.nullable(),
    }),
  ),
  ipEvents: z.array(
    z.object({
      ip: z.string(),
      port: z.number().int().nullable(),
      possibleProxy: z.boolean(),
    }),
  ),
  hasAccountIdentifiers: z.boolean(),
});
export type EvidenceTip = z.infer<typeof EvidenceTipSchema>;

/**
 * Everything the engine needs about one subject: serialisable, so a score can be reproduced from it
 * and a rule set version alone.
 */
export const SubjectEvidenceSchema = z.object({
  subjectKey: z.string().min(1),
  /** The moment recency is measured from; an input, never the clock, so scores reproduce. */
  asOf: z.iso.datetime({ offset: true }),
  observations: z.array(EvidenceObservationSchema),
  matches: z.array(EvidenceMatchSchema),
  tips: z.array(EvidenceTipSchema),
  /** A sex offender registry match, when an agency has checked one (evidence id of the check). */
  registryMatch: z.object({ isMatch: z.boolean(), evidenceId: z.string().min(1) }).nullable(),
  /** The weakest link holding the subject together (from linking), 0..1. */
  linkCohesion: z.number().min(0).max(1),
  /**
   * For each of the subject's files (`fileKey`), how many subjects in the whole store were seen
   * with it (at least 1: this one). Absent: unknown, and factors that need it do not apply.
   */
  fileSubjectCounts: z.record(z.string(), z.number().int().min(1)).optional(),
});
export type SubjectEvidence = z.infer<typeof SubjectEvidenceSchema>;
