import { isIPv6 } from 'node:net';
import ipaddr from 'ipaddr.js';

/** Why an IP literal was refused, or its one canonical spelling. */
export type CanonicalIp = { ok: true; ip: string; version: 4 | 6 } | { ok: false; reason: string };

const OCTET = '(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)';
// Strict dotted quad: four decimal octets, no leading zeros (010 is octal to some parsers).
const DOTTED_QUAD = new RegExp(`^${OCTET}(\\.${OCTET}){3}$`);

/**
 * Canonicalises an IP literal: strict dotted-quad IPv4, or IPv6 in RFC 5952 form (lower case,
 * compressed); IPv4-mapped IPv6 becomes IPv4. Refuses every ambiguous spelling rather than guessing.
 */
export function canonicalIp(input: string): CanonicalIp {
  if (input !== input.trim()) return { ok: false, reason: 'surrounding whitespace' };
  if (input === '') return { ok: false, reason: 'empty' };
  if (input.includes('/')) return { ok: false, reason: 'CIDR suffix: one address expected' };
  if (input.includes('%')) return { ok: false, reason: 'zone id not allowed' };
  if (input.startsWith('[')) return { ok: false, reason: 'bracketed host:port not allowed' };
  if (DOTTED_QUAD.test(input)) return { ok: true, ip: input, version: 4 };
  if (/^[\d.]+$/.test(input) || /^0x/i.test(input)) {
    return {
      ok: false,
      reason:
        'not a dotted quad (leading zeros, short, integer or trailing-dot forms are ambiguous)',
    };
  }
  if (/^[\d.]+:\d+$/.test(input)) return { ok: false, reason: 'host:port not allowed' };
  if (!isIPv6(input)) return { ok: false, reason: 'not an IPv4 or IPv6 address' };
  const mappedTail = /:(\d+\.\d+\.\d+\.\d+)$/.exec(input);
  if (mappedTail && !DOTTED_QUAD.test(mappedTail[1]!)) {
    return { ok: false, reason: 'embedded IPv4 is not a strict dotted quad' };
  }
  const v6 = ipaddr.IPv6.parse(input);
  if (v6.isIPv4MappedAddress()) return { ok: true, ip: v6.toIPv4Address().toString(), version: 4 };
  return { ok: true, ip: v6.toRFC5952String(), version: 6 };
}
