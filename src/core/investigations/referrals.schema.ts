import { z } from 'zod';
import { JustificationSchema } from '#core/access/justification.js';

const Text = (max: number) => z.string().trim().min(1).max(max);

/** Refers a case to another agency (by its code). */
export const ReferCaseSchema = z.strictObject({
  toOrganisationCode: z.string().trim().min(1).max(40),
  reason: Text(1000),
});
export type ReferCase = z.infer<typeof ReferCaseSchema>;

export const DeclineSchema = z.strictObject({ reason: Text(1000) });

/** Export of a lead package; identities only with a recent step-up and a justification. */
export const ExportPackageSchema = z.strictObject({
  includeIdentities: z.boolean().default(false),
  justification: JustificationSchema.optional(),
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
  status: z.enum(['pending', 'accepted', 'declined']),
  createdAt: z.string(),
  decidedAt: z.string().nullable(),
  decisionReason: z.string().nullable(),
  /** The receiving agency's own case, once accepted (visible to the receiving agency only). */
  receivedCaseId: z.string().nullable(),
});
export type ReferralView = z.infer<typeof ReferralViewSchema>;

/** The lead package, as JSON (its fields are documented in docs/INVESTIGATIONS.md). */
export const LeadPackageSchema = z.record(z.string(), z.unknown());
