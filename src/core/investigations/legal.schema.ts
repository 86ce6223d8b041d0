import { z } from 'zod';
import { JustificationSchema } from '#core/access/justification.js';
import { SubjectKeySchema } from '#core/subjects/queue.schema.js';
import { Instant, Sha256 } from './cases.schema.js';

const Text = (max: number) => z.string().trim().min(1).max(max);

export const ScopeEntrySchema = z.strictObject({
  /** One address or a CIDR block. */
  ipRange: z.string().min(2).max(50),
  startsAt: Instant,
  endsAt: Instant,
});

/** A legal authority as issued (R19). Immutable: a changed scope is a new record (supersedesId). */
export const RecordAuthoritySchema = z.strictObject({
  typeCode: z.string().regex(/^[a-z0-9_]{2,60}$/),
  court: Text(200),
  number: Text(100),
  issuedAt: Instant,
  /** Default: issuedAt plus the type's default validity (preservation demands and orders). */
  expiresAt: Instant.optional(),
  /** SHA-256 of the signed document (the document itself stays in the records system). */
  documentSha256: Sha256,
  scope: z.array(ScopeEntrySchema).min(1).max(100),
  supersedesId: z.uuid().optional(),
});
export type RecordAuthority = z.infer<typeof RecordAuthoritySchema>;

/** A subscriber identity as the ISP disclosed it under an authority. */
export const AttachIdentitySchema = z.strictObject({
  subjectKey: SubjectKeySchema,
  authorityId: z.uuid(),
  ip: z.string().min(2).max(50),
  port: z.number().int().min(0).max(65535).optional(),
  /** The observation's time (UTC) the ISP was asked about. */
  observedAt: Instant,
  /** The ISP says the address is shared between subscribers (CGNAT). */
  isSharedAddress: z.boolean().default(false),
  /** The ISP's zone (IANA, e.g. America/Toronto) and its time as written in its response. */
  ispTimeZone: z.string().min(1).max(60).optional(),
  ispLocalTime: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}$/, 'YYYY-MM-DDTHH:MM:SS, without an offset')
    .optional(),
  name: Text(200),
  installationAddress: Text(500).optional(),
  billingAddress: Text(500).optional(),
  contact: Text(200).optional(),
  justification: JustificationSchema,
});
export type AttachIdentity = z.input<typeof AttachIdentitySchema>;

export const RevealSchema = z.strictObject({ justification: JustificationSchema });
export type Reveal = z.infer<typeof RevealSchema>;

export const AuthorityTypeSchema = z.object({
  code: z.string(),
  category: z.string(),
  statute: z.string(),
  label: z.string(),
  defaultValidityDays: z.number().nullable(),
  authorizesIdentity: z.boolean(),
  inForceFrom: z.string(),
  inForceTo: z.string().nullable(),
});
export type AuthorityType = z.infer<typeof AuthorityTypeSchema>;

export const OffenceSchema = z.object({
  code: z.string(),
  section: z.string(),
  label: z.string(),
  inForceFrom: z.string(),
  inForceTo: z.string().nullable(),
});
export type Offence = z.infer<typeof OffenceSchema>;

export const AuthorityViewSchema = z.object({
  id: z.uuid(),
  typeCode: z.string(),
  court: z.string(),
  number: z.string(),
  issuedAt: z.string(),
  expiresAt: z.string().nullable(),
  /** Whole days until expiry (negative once expired); null without an expiry. */
  expiresInDays: z.number().nullable(),
  documentSha256: z.string(),
  supersedesId: z.string().nullable(),
  scope: z.array(z.object({ ipRange: z.string(), startsAt: z.string(), endsAt: z.string() })),
});
export type AuthorityView = z.infer<typeof AuthorityViewSchema>;

/** An identity as lists show it: masked, with what the record is about but not who. */
export const MaskedIdentitySchema = z.object({
  id: z.uuid(),
  subjectKey: z.string(),
  authorityId: z.uuid(),
  ip: z.string(),
  port: z.number().nullable(),
  observedAt: z.string(),
  isSharedAddress: z.boolean(),
  ispTimeZone: z.string().nullable(),
  ispLocalTime: z.string().nullable(),
  hasInstallationAddress: z.boolean(),
  name: z.literal('••••••'),
});
export type MaskedIdentity = z.infer<typeof MaskedIdentitySchema>;

export const RevealedIdentitySchema = MaskedIdentitySchema.extend({
  name: z.string(),
  installationAddress: z.string().nullable(),
  billingAddress: z.string().nullable(),
  contact: z.string().nullable(),
});
export type RevealedIdentity = z.infer<typeof RevealedIdentitySchema>;

/** Preservation timers: authorities of the agency's open cases expiring within some days. */
export const ExpiringQuerySchema = z.object({
  withinDays: z.coerce.number().int().min(1).max(365).default(14),
});
export type ExpiringQuery = z.input<typeof ExpiringQuerySchema>;

export const ExpiringAuthoritySchema = AuthorityViewSchema.extend({
  caseId: z.uuid(),
  caseReference: z.string(),
});
export type ExpiringAuthority = z.infer<typeof ExpiringAuthoritySchema>;
