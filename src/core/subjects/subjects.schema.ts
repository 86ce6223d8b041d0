import { z } from 'zod';

/** P2P networks an observation can come from (p2p-observations.md). */
export const NetworkSchema = z.enum(['gnutella', 'ed2k', 'kad', 'bittorrent', 'other']);
export type Network = z.infer<typeof NetworkSchema>;

/** How an observation evidences the file: only `download_verified` evidences possession. */
export const EvidenceKindSchema = z.enum([
  'query_hit',
  'browse_host',
  'swarm_announce',
  'download_verified',
]);
export type EvidenceKind = z.infer<typeof EvidenceKindSchema>;

/** One stored P2P observation, as the intake stores it (observed_at in UTC; nullable columns may be null). */
export const ObservationRowSchema = z.object({
  id: z.string().min(1),
  observedAt: z.coerce.date(),
  /** Original UTC offset in minutes, kept for the record; linking uses UTC only. */
  originalOffsetMinutes: z.number().int().nullish(),
  network: NetworkSchema,
  ip: z.string().min(1),
  port: z.number().int().min(1).max(65535),
  clientId: z
    .string()
    .regex(/^[0-9a-f]*$/i)
    .nullish(),
  clientName: z.string().nullish(),
  hashType: z.enum(['md5', 'sha1', 'sha256', 'ed2k', 'btih', 'btmh']),
  hash: z.string().regex(/^[0-9a-f]+$/),
  fileName: z.string().nullish(),
  fileSize: z.number().int().nonnegative().nullish(),
  evidenceKind: EvidenceKindSchema,
  observer: z.string().min(1),
});
export type ObservationRow = z.infer<typeof ObservationRowSchema>;

/** One match of an observation's hash against a hash set entry. */
export const HashMatchRowSchema = z.object({
  observationId: z.string().min(1),
  hashSetId: z.string().min(1),
  hashSetName: z.string().nullish(),
  hashSetVersion: z.string(),
  kind: z.enum(['known', 'benign']),
  categoryScheme: z.string().nullish(),
  categoryCode: z.string().nullish(),
  series: z.string().nullish(),
  victimIdentified: z.boolean().nullish(),
  isDistributed: z.boolean().nullish(),
});
export type HashMatchRow = z.infer<typeof HashMatchRowSchema>;

/** Flags the IP attribution step sets on an observation's address. */
export const AttributionFlagSchema = z.enum([
  'cgnat',
  'private',
  'special',
  'tor',
  'anonymous_vpn',
  'hosting',
]);
export type AttributionFlag = z.infer<typeof AttributionFlagSchema>;

/**
 * The intake's address flags (special-purpose ranges, the Anonymous-IP database, Tor exit lists;
 * src/core/attribution) in the terms linking and scoring use: every anonymising service (VPN,
 * public or residential proxy, "anonymous") is `anonymous_vpn`, every special-purpose range but
 * private and carrier-grade NAT space is `special`. scoring-flags.test.ts checks that every flag
 * attribution can set has an entry.
 */
export const SCORING_FLAG_OF: Readonly<Record<string, AttributionFlag>> = {
  tor: 'tor',
  vpn: 'anonymous_vpn',
  proxy: 'anonymous_vpn',
  residential_proxy: 'anonymous_vpn',
  anonymous: 'anonymous_vpn',
  anonymous_vpn: 'anonymous_vpn',
  hosting: 'hosting',
  cgnat: 'cgnat',
  private: 'private',
  special: 'special',
  loopback: 'special',
  link_local: 'special',
  multicast: 'special',
  documentation: 'special',
  benchmarking: 'special',
  reserved: 'special',
  '6to4': 'special',
  teredo: 'special',
};

/** An observation's stored flags as linking and scoring flags: mapped, distinct, in order. */
export function scoringFlagsOf(ipFlags: readonly string[]): AttributionFlag[] {
  const out: AttributionFlag[] = [];
  for (const flag of ipFlags) {
    const mapped = Object.hasOwn(SCORING_FLAG_OF, flag) ? SCORING_FLAG_OF[flag] : undefined;
    if (mapped !== undefined && !out.includes(mapped)) out.push(mapped);
  }
  return out;
}

/** IP attribution of one observation (geo, network owner, flags, jurisdiction). */
export const AttributionRowSchema = z.object({
  observationId: z.string().min(1),
  countryCode: z.string().nullish(),
  region: z.string().nullish(),
  municipality: z.string().nullish(),
  asn: z.number().int().nullish(),
  isp: z.string().nullish(),
  flags: z.array(AttributionFlagSchema).default([]),
  agencyCode: z.string().nullish(),
  unassignedReason: z.string().nullish(),
});
export type AttributionRow = z.infer<typeof AttributionRowSchema>;
