import { z } from 'zod';
import { Day, Instant, Sha256 } from './cases.schema.js';

const Text = (max: number) => z.string().trim().min(1).max(max);

/** A warrant sought: the readiness checklist must be complete, or an override gives a reason. */
export const SeekWarrantSchema = z.strictObject({
  typeCode: z.string().regex(/^[a-z0-9_]{2,60}$/),
  soughtAt: Instant.optional(),
  override: z
    .strictObject({ reason: z.string().trim().min(10, 'at least 10 characters').max(1000) })
    .optional(),
});
export type SeekWarrant = z.infer<typeof SeekWarrantSchema>;

export const WARRANT_RESULTS = [
  'evidence_seized',
  'nothing_found',
  'not_executed',
  'other',
] as const;

/** A warrant's issue and execution (or that it was not executed). */
export const ExecuteWarrantSchema = z
  .strictObject({
    issuedAt: Instant,
    executedAt: Instant.optional(),
    result: z.enum(WARRANT_RESULTS),
  })
  .refine((v) => (v.result === 'not_executed') === (v.executedAt === undefined), {
    message: 'executedAt is required unless the result is not_executed',
    path: ['executedAt'],
  });
export type ExecuteWarrant = z.infer<typeof ExecuteWarrantSchema>;

/** An arrest; the accused is named only by the agency's records-management reference. */
export const ArrestSchema = z.strictObject({ accusedRef: Text(100), arrestedAt: Instant });
export type Arrest = z.infer<typeof ArrestSchema>;

/** Charges laid (one row per charge; the same offence may be laid several times). */
export const ChargesSchema = z.strictObject({
  arrestId: z.uuid().optional(),
  laidOn: Day,
  offences: z.array(z.string().min(2).max(40)).min(1).max(200),
});
export type Charges = z.infer<typeof ChargesSchema>;

/** Victims identified are counted; only the victim-services record reference is kept. */
export const VictimsSchema = z.strictObject({
  victimsIdentified: z.number().int().min(0).max(1000),
  childrenSafeguarded: z.number().int().min(0).max(1000),
  victimServicesRef: Text(100),
  recordedOn: Day,
});
export type Victims = z.infer<typeof VictimsSchema>;

export const EvidenceSchema = z.strictObject({
  description: Text(500),
  sha256: Sha256,
  custodyRef: Text(100).optional(),
});
export type Evidence = z.infer<typeof EvidenceSchema>;

export const NoteSchema = z.strictObject({ text: Text(10_000) });
export const TaskSchema = z.strictObject({
  title: Text(200),
  dueOn: Day,
  assigneeId: z.uuid().optional(),
});
export type Task = z.infer<typeof TaskSchema>;

export const CreatedSchema = z.object({ id: z.uuid() });

export const WarrantViewSchema = z.object({
  id: z.uuid(),
  typeCode: z.string(),
  soughtAt: z.string(),
  readinessOverride: z.string().nullable(),
  issuedAt: z.string().nullable(),
  executedAt: z.string().nullable(),
  result: z.string().nullable(),
});
export const ChargeViewSchema = z.object({
  id: z.uuid(),
  arrestId: z.string().nullable(),
  offenceCode: z.string(),
  section: z.string(),
  label: z.string(),
  laidOn: z.string(),
});
