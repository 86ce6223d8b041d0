import { flat, type Rng } from './prng.js';

/** An IPv4 block as a base address and size (number of addresses). */
export type Ipv4Block = { base: number; size: number };

export function parseCidr(cidr: string): Ipv4Block {
  const [addr, bits] = cidr.split('/');
  const base = addr!.split('.').reduce((a, o) => a * 256 + Number(o), 0);
  return { base, size: 2 ** (32 - Number(bits)) };
}

export function intToIpv4(n: number): string {
  return flat(`${n >>> 24}.${(n >>> 16) & 255}.${(n >>> 8) & 255}.${n & 255}`);
}

/** A host address in the block, never the .0 or .255 of a /24. */
export function randomIpv4(rng: Rng, block: Ipv4Block): string {
  for (;;) {
    const n = block.base + rng.int(block.size);
    const last = n & 255;
    if (last !== 0 && last !== 255) return intToIpv4(n);
  }
}

/** A carrier-grade NAT (RFC 6598, 100.64.0.0/10) subscriber-side address. */
export function randomCgnat(rng: Rng): string {
  return randomIpv4(rng, { base: (100 << 24) + (64 << 16), size: 2 ** 22 });
}

/** An address in a /48 residential prefix: a random /64 subnet and interface id, canonical (RFC 5952). */
export function randomIpv6(rng: Rng, prefix48: string): string {
  const head = prefix48.replace(/::\/48$/, '').split(':');
  const groups = [
    ...head.map((g) => parseInt(g, 16)),
    ...Array.from({ length: 8 - head.length }, () => rng.int(65536)),
  ];
  groups[7] = groups[7]! | 1; // never the subnet-router anycast address
  return canonicalIpv6(groups);
}

function canonicalIpv6(groups: number[]): string {
  let bestAt = -1;
  let bestLen = 1;
  for (let i = 0; i < 8;) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLen) [bestAt, bestLen] = [i, j - i];
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (bestAt < 0) return hex.join(':');
  return flat(`${hex.slice(0, bestAt).join(':')}::${hex.slice(bestAt + bestLen).join(':')}`);
}
