import ipaddr from 'ipaddr.js';

function rangeOf(ip: string): string | undefined {
  try {
    return ipaddr.process(ip).range(); // IPv4-mapped IPv6 becomes IPv4
  } catch {
    return undefined; // not an address: it can never link
  }
}

/** True for a carrier-grade NAT address (100.64.0.0/10), shared by many subscribers at once. */
export function isCgnatAddress(ip: string): boolean {
  return rangeOf(ip) === 'carrierGradeNat';
}

/**
 * True for an address that does not identify one subscriber on the public internet (private,
 * loopback, link-local, unique-local, documentation, multicast, reserved...) or is no address at
 * all; CGNAT is public-but-shared and handled apart.
 */
export function isNonPublicAddress(ip: string): boolean {
  const range = rangeOf(ip);
  return range === undefined || (range !== 'unicast' && range !== 'carrierGradeNat');
}

/** How an address can link: a public address, a shared CGNAT one, or one that never links. */
export type AddressClass = 'public' | 'cgnat' | 'non_public';

/** Classifies an address in one parse (the linking hot path). */
export function classifyAddress(ip: string): AddressClass {
  const range = rangeOf(ip);
  if (range === 'unicast') return 'public';
  return range === 'carrierGradeNat' ? 'cgnat' : 'non_public';
}
