/**
 * Every flag an attribution assessment can carry (stored on the subject row, filtered on by the
 * queue's `flag`): the intake's address flags plus those scoring derives (`attribution.ts`).
 */
export const ATTRIBUTION_FLAGS = [
  'tor',
  'anonymous_vpn',
  'hosting',
  'private',
  'special',
  'cgnat',
  'cgnat_without_port',
  'possible_proxy',
  'unassigned_jurisdiction',
] as const;
export type AttributionFlagName = (typeof ATTRIBUTION_FLAGS)[number];

/** Why each flag weakens a lead, as the score's explanation says it. */
export const FLAG_EXPLANATIONS: Record<AttributionFlagName, string> = {
  tor: 'Tor exit: the address is not the subject’s',
  anonymous_vpn: 'anonymising VPN or proxy: the provider, not the subject, holds the address',
  hosting: 'hosting/datacentre address: likely a server or proxy',
  private: 'private address: not routable, cannot be attributed',
  special: 'special-purpose address: cannot be attributed',
  cgnat: 'carrier-grade NAT: the ISP needs address, port and exact time',
  cgnat_without_port:
    'carrier-grade NAT without a source port: the ISP cannot single out a subscriber',
  possible_proxy: 'the reporting service marked the address as a possible proxy',
  unassigned_jurisdiction: 'no agency jurisdiction assigned to the address',
};
