import { z } from 'zod';

/** The LED / CJIS class of an audited operation. */
export const AUDIT_CATEGORIES = [
  'collection',
  'consultation',
  'alteration',
  'disclosure',
  'combination',
  'erasure',
  'login',
  'permission',
  'audit',
] as const;
export type AuditCategory = (typeof AUDIT_CATEGORIES)[number];

export const AUDIT_OUTCOMES = ['success', 'failure', 'denied', 'error'] as const;
export type AuditOutcome = (typeof AUDIT_OUTCOMES)[number];

/** A scalar detail; never personal data or secrets (ids, counts, role names, error codes). */
export type AuditDetail = string | number | boolean;

/** One audit entry exactly as hashed (the canonical JSON of this object is stored). */
export const AuditEntrySchema = z.strictObject({
  v: z.literal(1),
  seq: z.number().int().positive(),
  time: z.iso.datetime(),
  source: z.enum(['http', 'cli', 'job']),
  requestId: z.string().max(200).optional(),
  ip: z.string().max(100).optional(),
  actor: z.strictObject({
    kind: z.enum(['user', 'system', 'anonymous']),
    id: z.string().max(200).optional(),
    via: z.enum(['session', 'token']).optional(),
  }),
  organisationId: z.uuid().optional(),
  /** The organisations owning the objects touched; their auditors read the row. */
  owners: z.array(z.uuid()).max(1000).optional(),
  action: z.string().regex(/^[a-z_]+(\.[a-z_]+)+$/),
  category: z.enum(AUDIT_CATEGORIES),
  objectType: z.string().max(60).optional(),
  objectIds: z.array(z.string().max(200)).max(1000),
  outcome: z.enum(AUDIT_OUTCOMES),
  justification: z.string().max(2000).optional(),
  details: z.record(z.string(), z.union([z.string().max(200), z.number(), z.boolean()])).optional(),
});
export type AuditEntry = z.infer<typeof AuditEntrySchema>;

/** Filters and paging for GET /api/audit (auditors only). */
export const AuditQuerySchema = z.object({
  action: z.string().max(100).optional(),
  outcome: z.enum(AUDIT_OUTCOMES).optional(),
  actorId: z.uuid().optional(),
  /** Only rows that touched objects of this organisation. */
  owner: z.uuid().optional(),
  afterSeq: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export type AuditQuery = z.infer<typeof AuditQuerySchema>;

export const AuditRowSchema = z.object({
  seq: z.number(),
  hash: z.string(),
  entry: AuditEntrySchema,
});
export const AuditPageSchema = z.object({
  items: z.array(AuditRowSchema),
  nextAfterSeq: z.number().nullable(),
  /** Display names of the users acting in this page, by id (read now, never stored in a row). */
  people: z.record(z.string(), z.string()),
  /** Names of the organisations in this page (actors' and owners') and the auditor's own, by id. */
  organisations: z.record(z.string(), z.string()),
});
export type AuditPage = z.infer<typeof AuditPageSchema>;
