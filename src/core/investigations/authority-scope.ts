import ipaddr from 'ipaddr.js';
import { canonicalIp } from '#core/intake/canonical/ip.js';

/** One entry of an authority's scope: an address or CIDR block over a half-open time range. */
export type ScopeEntry = { ipRange: string; startsAt: Date; endsAt: Date };

/** Why a scope entry was refused, or its canonical spelling (`a.b.c.d` or `a.b.c.d/n`). */
export function canonicalRange(
  input: string,
): { ok: true; range: string } | { ok: false; reason: string } {
  const [address, prefix, extra] = input.split('/');
  if (extra !== undefined || address === undefined) {
    return { ok: false, reason: 'not an address or CIDR block' };
  }
  const ip = canonicalIp(address);
  if (!ip.ok) return { ok: false, reason: ip.reason };
  if (prefix === undefined) return { ok: true, range: ip.ip };
  const bits = /^\d{1,3}$/.test(prefix) ? Number(prefix) : NaN;
  const max = ip.version === 4 ? 32 : 128;
  if (!Number.isInteger(bits) || bits < 0 || bits > max) {
    return { ok: false, reason: `prefix length must be 0..${max}` };
  }
  const network = ipaddr.parseCIDR(`${ip.ip}/${bits}`);
  const base =
    ip.version === 4
      ? ipaddr.IPv4.networkAddressFromCIDR(`${ip.ip}/${bits}`).toString()
      : ipaddr.IPv6.networkAddressFromCIDR(`${ip.ip}/${bits}`).toRFC5952String();
  if (base !== ip.ip) return { ok: false, reason: `host bits set: the block starts at ${base}` };
  return { ok: true, range: `${ip.ip}/${network[1]}` };
}

/** True when the canonical address `ip` lies in the canonical address or block `range`. */
export function ipInRange(ip: string, range: string): boolean {
  if (!range.includes('/')) return ip === range;
  const addr = ipaddr.parse(ip);
  const [net, bits] = ipaddr.parseCIDR(range);
  return addr.kind() === net.kind() && addr.match([net, bits]);
}

/**
 * True when some entry covers both the address and the instant (R19: a subscriber identity may be
 * recorded only inside an authority's scope). The range end is exclusive.
 */
export function scopeCovers(scope: readonly ScopeEntry[], ip: string, at: Date): boolean {
  const t = at.getTime();
  return scope.some(
    (e) => ipInRange(ip, e.ipRange) && t >= e.startsAt.getTime() && t < e.endsAt.getTime(),
  );
}
