import { z } from 'zod';
import { Instant, Sha256 } from './cases.schema.js';

const Text = (max: number) => z.string().trim().min(1).max(max);

/**
 * Why a case may hold addresses a third party gave it (R19): under a legal authority of the case,
 * or disclosed without one (a mandatory report such as a CyberTip, a voluntary disclosure, or in
 * exigent circumstances, which needs a note).
 */
export const ThirdPartyBasisSchema = z.enum([
  'legal_authority',
  'mandatory_report',
  'voluntary_disclosure',
  'exigent_circumstances',
]);
export type ThirdPartyBasis = z.infer<typeof ThirdPartyBasisSchema>;

/** One address and time as the provider gave it. */
export const ThirdPartyIpEntrySchema = z.strictObject({
  ip: z.string().min(2).max(50),
  port: z.number().int().min(0).max(65535).optional(),
  /** The provider's time for the event, with its offset. */
  observedAt: Instant,
  /** What the provider says happened at that address: a login, an upload, a session. */
  event: Text(200),
  /** The provider's account or user reference the address belongs to. */
  accountRef: Text(200).optional(),
  /** A correction: the earlier record of this case that this one replaces. */
  supersedesId: z.uuid().optional(),
});

/** A provider's response: its provenance once, then its addresses (all stored, or none). */
export const RecordThirdPartyIpsSchema = z
  .strictObject({
    provider: Text(200),
    providerReference: Text(200).optional(),
    basis: ThirdPartyBasisSchema,
    /** Required when the basis is a legal authority; must be one of the case's authorities. */
    authorityId: z.uuid().optional(),
    /** Required for exigent circumstances: why the addresses could be received without an order. */
    basisNote: Text(2000).optional(),
    /** SHA-256 of the provider's response document (the document stays in the records system). */
    documentSha256: Sha256.optional(),
    records: z.array(ThirdPartyIpEntrySchema).min(1).max(5000),
  })
  .superRefine((v, ctx) => {
    if ((v.basis === 'legal_authority') !== (v.authorityId !== undefined)) {
      ctx.addIssue({
        code: 'custom',
        path: ['authorityId'],
        message:
          v.basis === 'legal_authority'
            ? 'required when the basis is a legal authority'
            : 'only with the basis legal_authority',
      });
    }
    if (v.basis === 'exigent_circumstances' && v.basisNote === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['basisNote'],
        message: 'exigent circumstances need a note saying why',
      });
    }
  });
export type RecordThirdPartyIps = z.input<typeof RecordThirdPartyIpsSchema>;

export const ThirdPartyIpViewSchema = z.object({
  id: z.uuid(),
  provider: z.string(),
  providerReference: z.string().nullable(),
  basis: ThirdPartyBasisSchema,
  authorityId: z.uuid().nullable(),
  basisNote: z.string().nullable(),
  event: z.string(),
  accountRef: z.string().nullable(),
  ip: z.string(),
  port: z.number().nullable(),
  observedAt: z.string(),
  documentSha256: z.string().nullable(),
  supersedesId: z.uuid().nullable(),
  /** Set when a later record of the case corrects this one. */
  supersededById: z.uuid().nullable(),
  recordedBy: z.uuid().nullable(),
  recordedAt: z.string(),
});
export type ThirdPartyIpView = z.infer<typeof ThirdPartyIpViewSchema>;
