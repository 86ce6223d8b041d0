import { z } from 'zod';
import { SubjectKeySchema } from '#core/subjects/queue.schema.js';
import { CASE_STATES, DISPOSITIONS } from './workflow.js';

export const Instant = z.iso.datetime({ offset: true });
export const Day = z.iso.date();
export const Sha256 = z.string().regex(/^[0-9a-f]{64}$/, 'SHA-256 as 64 lower-case hex digits');
const Text = (max: number) => z.string().trim().min(1).max(max);

/** Opens a case from one or more subjects, or from a CyberTip report. */
export const OpenCaseSchema = z
  .strictObject({
    title: Text(200),
    subjectKeys: z.array(SubjectKeySchema).max(50).default([]),
    /** The CyberTip report id the lead came from (when it did). */
    cybertipReportId: z.string().trim().min(1).max(64).optional(),
    /** When the lead reached the unit (default: now). */
    receivedAt: Instant.optional(),
    investigatorId: z.uuid().optional(),
    supervisorId: z.uuid().optional(),
  })
  .refine((v) => v.subjectKeys.length > 0 || v.cybertipReportId !== undefined, {
    message: 'a case is opened from at least one subject or a CyberTip report',
    path: ['subjectKeys'],
  });
export type OpenCase = z.input<typeof OpenCaseSchema>;

export const ListCasesQuerySchema = z.object({
  state: z.enum(CASE_STATES).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});
export type ListCasesQuery = z.input<typeof ListCasesQuerySchema>;

/** A manual move of the workflow (the record-driven moves come with their records). */
export const TransitionSchema = z.strictObject({
  to: z.enum(['assessed', 'legal_process_requested', 'closed']),
  disposition: z.enum(DISPOSITIONS).optional(),
  reason: Text(1000).optional(),
  /**
   * When the move happened, for a past event entered after the fact (default: now). Not in the
   * future, not before the case was opened nor before its latest move.
   */
  effectiveAt: Instant.optional(),
});
export type Transition = z.infer<typeof TransitionSchema>;

export const AssignmentSchema = z.strictObject({
  investigatorId: z.uuid().nullable(),
  supervisorId: z.uuid().nullable(),
});
export type Assignment = z.infer<typeof AssignmentSchema>;

export const ConfirmationSchema = z.strictObject({ note: Text(1000) });
export type Confirmation = z.infer<typeof ConfirmationSchema>;

export const AnonymiserExplanationSchema = z.strictObject({ text: Text(1000) });

export const CaseSummarySchema = z.object({
  id: z.uuid(),
  reference: z.string(),
  title: z.string(),
  state: z.enum(CASE_STATES),
  disposition: z.enum(DISPOSITIONS).nullable(),
  sourceKind: z.enum(['subjects', 'cybertip', 'referral']),
  cybertipReportId: z.string().nullable(),
  subjectKeys: z.array(z.string()),
  investigatorId: z.uuid().nullable(),
  supervisorId: z.uuid().nullable(),
  receivedAt: z.string(),
  updatedAt: z.string(),
  /** True for a case referred out: the referring agency keeps it read-only. */
  isReadOnly: z.boolean(),
});
export type CaseSummary = z.infer<typeof CaseSummarySchema>;

export const CaseListSchema = z.object({
  total: z.number().int(),
  items: z.array(CaseSummarySchema),
});
export type CaseList = z.infer<typeof CaseListSchema>;

export const CaseEventSchema = z.object({
  seq: z.number().int(),
  /** When the move was recorded (the server's clock). */
  at: z.string(),
  /** When it happened (the same as `at` unless entered after the fact). */
  effectiveAt: z.string(),
  fromState: z.string().nullable(),
  toState: z.string(),
  disposition: z.string().nullable(),
  actorId: z.string().nullable(),
  reason: z.string().nullable(),
});

export const ReadinessSchema = z.object({
  isComplete: z.boolean(),
  items: z.array(z.object({ id: z.string(), isMet: z.boolean(), detail: z.string() })),
});
