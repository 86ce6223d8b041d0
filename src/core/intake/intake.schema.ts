import { z } from 'zod';

export const FORMATS = ['p2p-csv', 'p2p-jsonl', 'cybertip'] as const;

/** An input format name. */
export const FormatSchema = z.enum(FORMATS);
export type Format = z.infer<typeof FormatSchema>;

/** What one import did: counts of stored, already-known, rejected and hash-set-matched records. */
export const ImportSummarySchema = z.object({
  importId: z.string(),
  file: z.string(),
  format: FormatSchema,
  accepted: z.number(),
  duplicates: z.number(),
  rejected: z.number(),
  matched: z.number(),
  resumed: z.boolean(),
});
export type ImportSummary = z.infer<typeof ImportSummarySchema>;

/** A quarantined row or document. */
export const QuarantineViewSchema = z.object({
  id: z.string(),
  importId: z.string(),
  fileName: z.string(),
  format: FormatSchema,
  line: z.number(),
  field: z.string(),
  reason: z.string(),
  /** The row as read, cut to 512 characters (R23). */
  raw: z.string(),
  /** True when `raw` was cut. */
  rawTruncated: z.boolean(),
  resolvedAt: z.string().nullable(),
});
export type QuarantineView = z.infer<typeof QuarantineViewSchema>;

/** Filters for listing quarantine. */
export const QuarantineQuerySchema = z.object({
  importId: z.uuid().optional(),
  includeResolved: z.coerce.boolean().default(false),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  offset: z.coerce.number().int().min(0).max(1_000_000_000).default(0),
});
export type QuarantineQuery = z.infer<typeof QuarantineQuerySchema>;

/** Filters for exporting quarantine: a stated reason (written to the audit row) is required. */
export const QuarantineExportQuerySchema = QuarantineQuerySchema.extend({
  reason: z.string().trim().min(10).max(500).describe('Why the rows are exported (audited)'),
});
export type QuarantineExportQuery = z.infer<typeof QuarantineExportQuerySchema>;

/** One past import as the Intake screen lists it. */
export const ImportViewSchema = z
  .object({
    id: z.string(),
    fileName: z.string(),
    format: FormatSchema,
    status: z.enum(['running', 'done', 'failed']),
    accepted: z.number(),
    quarantined: z.number(),
    duplicates: z.number(),
    matched: z.number(),
    /** The uploading user's name (null: the host operator's CLI). */
    uploadedBy: z.string().nullable(),
    startedAt: z.string(),
    finishedAt: z.string().nullable(),
  })
  .meta({ id: 'ImportView' });
export type ImportView = z.infer<typeof ImportViewSchema>;

/** Paging for the list of imports. */
export const ImportListQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000_000).default(0),
});

/** Payload of the `intake.rematch` job. */
export const RematchPayloadSchema = z.object({
  reason: z.string().max(200).default('hash sets changed'),
});
export type RematchPayload = z.infer<typeof RematchPayloadSchema>;

/** An observation's matches as stored, with the hash-set version matched. */
export const ObservationMatchViewSchema = z.object({
  hashSetId: z.string(),
  hashSetVersion: z.number(),
  kind: z.enum(['known', 'benign']),
  categoryScheme: z.string().nullable(),
  categoryCode: z.string().nullable(),
  series: z.string().nullable(),
  matchedAt: z.string(),
});
