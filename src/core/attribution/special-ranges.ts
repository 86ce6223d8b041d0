import ipaddr from 'ipaddr.js';

/** Why an address cannot be attributed to one subscriber from IP and time alone. */
export type SpecialRange = { cidr: string; flag: string; label: string };

/** IANA special-purpose registries (RFC 6890 and successors), IPv4 and IPv6, plus CGNAT. */
export const SPECIAL_RANGES: SpecialRange[] = [
  { cidr: '0.0.0.0/8', flag: 'reserved', label: '"this network" (RFC 791)' },
  { cidr: '10.0.0.0/8', flag: 'private', label: 'private (RFC 1918)' },
  { cidr: '100.64.0.0/10', flag: 'cgnat', label: 'carrier-grade NAT shared space (RFC 6598)' },
  { cidr: '127.0.0.0/8', flag: 'loopback', label: 'loopback' },
  { cidr: '169.254.0.0/16', flag: 'link_local', label: 'link-local' },
  { cidr: '172.16.0.0/12', flag: 'private', label: 'private (RFC 1918)' },
  { cidr: '192.0.0.0/24', flag: 'reserved', label: 'IETF protocol assignments' },
  { cidr: '192.0.2.0/24', flag: 'documentation', label: 'TEST-NET-1 (documentation)' },
  { cidr: '192.88.99.0/24', flag: 'reserved', label: '6to4 relay anycast (deprecated)' },
  { cidr: '192.168.0.0/16', flag: 'private', label: 'private (RFC 1918)' },
  { cidr: '198.18.0.0/15', flag: 'benchmarking', label: 'benchmarking (RFC 2544)' },
  { cidr: '198.51.100.0/24', flag: 'documentation', label: 'TEST-NET-2 (documentation)' },
  { cidr: '203.0.113.0/24', flag: 'documentation', label: 'TEST-NET-3 (documentation)' },
  { cidr: '224.0.0.0/4', flag: 'multicast', label: 'multicast' },
  { cidr: '240.0.0.0/4', flag: 'reserved', label: 'reserved (and broadcast)' },
  { cidr: '::/128', flag: 'reserved', label: 'unspecified' },
  { cidr: '::1/128', flag: 'loopback', label: 'loopback' },
  { cidr: '64:ff9b::/96', flag: 'reserved', label: 'IPv4/IPv6 translation' },
  { cidr: '64:ff9b:1::/48', flag: 'reserved', label: 'local-use IPv4/IPv6 translation' },
  { cidr: '100::/64', flag: 'reserved', label: 'discard-only' },
  { cidr: '2001::/32', flag: 'teredo', label: 'Teredo tunnel' },
  { cidr: '2001:2::/48', flag: 'benchmarking', label: 'benchmarking' },
  { cidr: '2001:10::/28', flag: 'reserved', label: 'ORCHID' },
  { cidr: '2001:20::/28', flag: 'reserved', label: 'ORCHIDv2' },
  { cidr: '2001:db8::/32', flag: 'documentation', label: 'documentation' },
  { cidr: '2002::/16', flag: '6to4', label: '6to4 tunnel' },
  { cidr: '3fff::/20', flag: 'documentation', label: 'documentation (RFC 9637)' },
  { cidr: 'fc00::/7', flag: 'private', label: 'unique local (ULA)' },
  { cidr: 'fe80::/10', flag: 'link_local', label: 'link-local' },
  { cidr: 'ff00::/8', flag: 'multicast', label: 'multicast' },
];

const PARSED = SPECIAL_RANGES.map((r) => ({ ...r, range: ipaddr.parseCIDR(r.cidr) }));

/** A canonical dotted quad as an unsigned 32-bit number (hot path: no allocation). */
export function ipv4ToUint(ip: string): number {
  let value = 0;
  let octet = 0;
  for (let i = 0; i < ip.length; i++) {
    const c = ip.charCodeAt(i);
    if (c === 46) {
      value = value * 256 + octet;
      octet = 0;
    } else octet = octet * 10 + (c - 48);
  }
  return value * 256 + octet;
}

const V4 = PARSED.filter((r) => r.range[0].kind() === 'ipv4').map((r) => {
  const start = ipv4ToUint(r.range[0].toString());
  return { range: r as SpecialRange, start, end: start + 2 ** (32 - r.range[1]) - 1 };
});

/** The special-purpose range a canonical address falls in, or null for a global address. */
export function specialRange(ip: string): SpecialRange | null {
  if (!ip.includes(':')) {
    const n = ipv4ToUint(ip);
    const hit = V4.find((r) => n >= r.start && n <= r.end);
    return hit ? { cidr: hit.range.cidr, flag: hit.range.flag, label: hit.range.label } : null;
  }
  const addr = ipaddr.parse(ip);
  for (const r of PARSED) {
    if (r.range[0].kind() === addr.kind() && addr.match(r.range)) return r;
  }
  return null;
}
