import { z } from 'zod';
import { CASE_FIELDS, CaseFieldScopeSchema } from '#core/access/field-scope.js';
import { JustificationSchema } from '#core/access/justification.js';
import { Instant } from './cases.schema.js';

const Text = (max: number) => z.string().trim().min(1).max(max);

/**
 * A referral is pending until the receiving agency accepts or declines it, or the sending agency
 * withdraws it; accepted, declined and withdrawn are final. The receiving agency reads the lead
 * package while the referral is pending or accepted.
 */
export const REFERRAL_STATUSES = ['pending', 'accepted', 'declined', 'withdrawn'] as const;
export type ReferralStatus = (typeof REFERRAL_STATUSES)[number];
/** The statuses in which the receiving agency may read the lead package. */
export const LIVE_REFERRAL_STATUSES: readonly ReferralStatus[] = ['pending', 'accepted'];

/** Refers a case to another agency (by its code). */
export const ReferCaseSchema = z.strictObject({
  toOrganisationCode: z.string().trim().min(1).max(40),
  reason: Text(1000),
  /**
   * What the lead package discloses (docs/INVESTIGATIONS.md, "Field scope"); default: every field
   * but identities and notes, which go only where named. `summary` is always included.
   */
  fieldScope: CaseFieldScopeSchema.optional(),
  /**
   * When the case was referred, for a past referral entered after the fact (default: now). Not in
   * the future, not before the case was opened nor before its latest move.
   */
  effectiveAt: Instant.optional(),
});
export type ReferCase = z.infer<typeof ReferCaseSchema>;

/** Declines (receiving agency) or withdraws (sending agency) a pending referral, with a reason. */
export const DeclineSchema = z.strictObject({
  reason: Text(1000),
  /**
   * When it was declined or withdrawn, for a past decision entered after the fact (default: now).
   * Not in the future, not before the referral was made.
   */
  effectiveAt: Instant.optional(),
});
export type Decline = z.infer<typeof DeclineSchema>;

/** Accepts a pending referral (the body is optional). */
export const AcceptSchema = z.strictObject({
  /**
   * When it was accepted, for a past decision entered after the fact (default: now): the receiving
   * agency's case is opened at that date. Not in the future, not before the referral was made.
   */
  effectiveAt: Instant.optional(),
});
export type Accept = z.infer<typeof AcceptSchema>;

/** Export of a lead package; identities only with a recent step-up and a justification. */
export const ExportPackageSchema = z.strictObject({
  includeIdentities: z.boolean().default(false),
  justification: JustificationSchema.optional(),
  /**
   * The sections wanted, narrowed to what the caller may see of the case; default: all it may
   * see but the notes, which are exported only when named.
   */
  fieldScope: CaseFieldScopeSchema.optional(),
});
export type ExportPackage = z.input<typeof ExportPackageSchema>;

export const ReferralViewSchema = z.object({
  id: z.uuid(),
  direction: z.enum(['outgoing', 'incoming']),
  caseReference: z.string(),
  caseTitle: z.string(),
  fromOrganisation: z.string(),
  toOrganisation: z.string(),
  reason: z.string(),
  status: z.enum(REFERRAL_STATUSES),
  /** When the referral was recorded (the server's clock). */
  createdAt: z.string(),
  /** When the case was referred (the same as createdAt unless entered after the fact). */
  effectiveAt: z.string(),
  /** When the decision (accepted, declined or withdrawn) was recorded. */
  decidedAt: z.string().nullable(),
  /** When the decision took effect (the same as decidedAt unless entered after the fact). */
  decisionEffectiveAt: z.string().nullable(),
  /** Why it was declined or withdrawn. */
  decisionReason: z.string().nullable(),
  /** The receiving agency's own case, once accepted (visible to the receiving agency only). */
  receivedCaseId: z.string().nullable(),
  /** What the lead package discloses. */
  fieldScope: z.array(z.enum(CASE_FIELDS)),
  /** SHA-256 of the lead package as sent (null until a referral made before it was kept is read). */
  packageSha256: z.string().nullable(),
});
export type ReferralView = z.infer<typeof ReferralViewSchema>;

/** The lead package, as JSON (its fields are documented in docs/INVESTIGATIONS.md). */
export const LeadPackageSchema = z.record(z.string(), z.unknown());

/**
 * A referral's lead package as sent: `package` is the frozen package, and `sha256` the SHA-256 of
 * JSON.stringify(package) as UTF-8 (the exact text stored at referral time).
 */
export const ReferralPackageSchema = z.object({
  referralId: z.uuid(),
  status: z.enum(REFERRAL_STATUSES),
  /** When the case was referred. */
  sentAt: z.string(),
  /** When the package was frozen: the referral time (later only for referrals made before 0014). */
  frozenAt: z.string(),
  fieldScope: z.array(z.enum(CASE_FIELDS)),
  sha256: z.string(),
  package: LeadPackageSchema,
});
export type ReferralPackage = z.infer<typeof ReferralPackageSchema>;
