import { z } from 'zod';

/** DB-IP Lite requires this attribution wherever its results are shown (CC BY 4.0). */
export const DBIP_ATTRIBUTION =
  'IP Geolocation by DB-IP (https://db-ip.com), licensed under CC BY 4.0';

/** A jurisdiction rule: country (ISO 3166 alpha-2), optional region and municipality, agency code. */
export const JurisdictionRuleInputSchema = z.object({
  countryCode: z.string().regex(/^[A-Z]{2}$/, 'ISO 3166-1 alpha-2, upper case'),
  region: z.string().max(200).default(''),
  municipality: z.string().max(200).default(''),
  agencyCode: z
    .string()
    .min(1)
    .max(64)
    .regex(/^[A-Za-z0-9._-]+$/, 'letters, digits, . _ -'),
  note: z.string().max(500).nullable().default(null),
});
export type JurisdictionRuleInput = z.infer<typeof JurisdictionRuleInputSchema>;

/** A stored jurisdiction rule. */
export const JurisdictionRuleSchema = z.object({
  id: z.string(),
  countryCode: z.string(),
  region: z.string(),
  municipality: z.string(),
  agencyCode: z.string(),
  note: z.string().nullable(),
});
export type JurisdictionRuleView = z.infer<typeof JurisdictionRuleSchema>;

/** A look-up request: one IP, the time it was seen, and its source port when known. */
export const LookupInputSchema = z.object({
  /** An IPv4 or IPv6 address in any form `canonicalIp` reads (documented as format `ip`). */
  ip: z.string().min(1).max(100).meta({ format: 'ip' }),
  /** A time in any form `canonicalTime` reads (documented as format `timestamp`). */
  at: z.string().min(1).max(40).meta({ format: 'timestamp' }),
  port: z.number().int().min(1).max(65535).nullable().default(null),
});
export type LookupInput = z.infer<typeof LookupInputSchema>;

/** Where an IP was at a time, who should act, and the data licence notice to display. */
export const AttributionViewSchema = z.object({
  ip: z.string(),
  at: z.string(),
  countryCode: z.string().nullable(),
  region: z.string().nullable(),
  city: z.string().nullable(),
  asn: z.number().nullable(),
  asOrg: z.string().nullable(),
  flags: z.array(z.string()),
  agencyCode: z.string().nullable(),
  unassignedReason: z.string().nullable(),
  dataAttribution: z.string(),
});
export type AttributionView = z.infer<typeof AttributionViewSchema>;

/** The result of importing one TorDNSEL list. */
export const TorImportResultSchema = z.object({
  entries: z.number(),
  inserted: z.number(),
  errors: z.array(z.object({ line: z.number(), reason: z.string() })),
});
export type TorImportResult = z.infer<typeof TorImportResultSchema>;
