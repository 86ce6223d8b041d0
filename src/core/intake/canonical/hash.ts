import type { MatchHashType } from '#core/hashsets/hash-matcher.js';

export const HASH_TYPES = ['md5', 'sha1', 'sha256', 'ed2k', 'btih', 'btmh'] as const;

export type CanonicalHash = { ok: true; hex: string } | { ok: false; reason: string };

const HEX_LENGTH: Record<MatchHashType, number> = {
  md5: 32,
  ed2k: 32,
  sha1: 40,
  btih: 40,
  sha256: 64,
  btmh: 64,
};

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/**
 * Normalises a digest to lowercase hex of the type's length: SHA-1 and BitTorrent v1 infohashes
 * may come as 32-character RFC 4648 base32 (Gnutella `urn:sha1:`), and btmh may carry its `1220`
 * multihash prefix, which is removed.
 */
export function canonicalHash(type: MatchHashType, input: string): CanonicalHash {
  let value = input;
  if (
    (type === 'sha1' || type === 'btih') &&
    value.length === 32 &&
    /^[A-Za-z2-7]{32}$/.test(value)
  ) {
    value = base32ToHex(value.toUpperCase());
  }
  if (type === 'btmh' && value.length === 68) {
    if (!value.startsWith('1220')) {
      return { ok: false, reason: 'btmh multihash prefix is not 1220 (sha2-256, 32 bytes)' };
    }
    value = value.slice(4);
  }
  if (!/^[0-9A-Fa-f]*$/.test(value)) return { ok: false, reason: `not hexadecimal` };
  const expected = HEX_LENGTH[type];
  if (value.length !== expected) {
    return { ok: false, reason: `${type} needs ${expected} hex digits, got ${value.length}` };
  }
  return { ok: true, hex: value.toLowerCase() };
}

function base32ToHex(text: string): string {
  let bits = 0;
  let acc = 0;
  const bytes: number[] = [];
  for (const ch of text) {
    acc = (acc << 5) | BASE32.indexOf(ch);
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      bytes.push((acc >> bits) & 0xff);
    }
  }
  return Buffer.from(bytes).toString('hex');
}
