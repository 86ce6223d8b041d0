import { z } from 'zod';

/** A new tenant: a police agency (code = ORI) or a counselling partner. */
export const CreateOrganisationSchema = z.strictObject({
  kind: z.enum(['agency', 'partner']),
  code: z
    .string()
    .trim()
    .regex(/^[A-Z0-9-]{2,20}$/, '2-20 of A-Z, 0-9, hyphen (e.g. an ORI)'),
  name: z.string().trim().min(1).max(200),
  jurisdiction: z.string().trim().max(200).default(''),
});
export type CreateOrganisation = z.infer<typeof CreateOrganisationSchema>;

export const OrganisationViewSchema = z.object({
  id: z.uuid(),
  kind: z.enum(['agency', 'partner']),
  code: z.string(),
  name: z.string(),
  jurisdiction: z.string(),
  isDemo: z.boolean(),
});
export type OrganisationView = z.infer<typeof OrganisationViewSchema>;

/** An explicit share from the caller's organisation to another (R4 fields). */
export const CreateShareSchema = z.strictObject({
  objectType: z.string().regex(/^[a-z_]{2,40}$/),
  objectId: z.uuid().nullable(),
  recipientOrganisationId: z.uuid(),
  access: z.enum(['view', 'edit']).default('view'),
  /**
   * What the recipient sees of the object. For a case: words of the case field scope
   * (docs/INVESTIGATIONS.md, "Field scope"); omitted, every field but identities and notes, which
   * are shared only where named.
   */
  fieldScope: z
    .array(z.string().regex(/^[a-zA-Z_.]{1,60}$/))
    .max(50)
    .optional(),
  legalBasis: z.string().trim().min(3).max(500),
  expiresAt: z.iso.datetime().nullable().default(null),
});
export type CreateShare = z.infer<typeof CreateShareSchema>;

export const ShareViewSchema = z.object({
  id: z.uuid(),
  objectType: z.string(),
  objectId: z.uuid().nullable(),
  ownerOrganisationId: z.uuid(),
  recipientOrganisationId: z.uuid(),
  access: z.enum(['view', 'edit']),
  fieldScope: z.array(z.string()),
  legalBasis: z.string(),
  expiresAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});
export type ShareView = z.infer<typeof ShareViewSchema>;
