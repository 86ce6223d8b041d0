import type { HashEntryType } from '#platform/db/tables.js';

/** Hex digits per hash type. */
export const HEX_LENGTH: Record<HashEntryType, number> = {
  md5: 32,
  sha1: 40,
  sha256: 64,
  ed2k: 32,
  btih: 40,
  pdq: 64,
};

/**
 * Digests of the empty file: they match every empty file on every seized device, so they are
 * flagged and never matched (ed2k is MD4 of no bytes).
 */
export const EMPTY_FILE_HASHES: ReadonlySet<string> = new Set([
  'md5:d41d8cd98f00b204e9800998ecf8427e',
  'sha1:da39a3ee5e6b4b0d3255bfef95601890afd80709',
  'sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
  'ed2k:31d6cfe0d16ae931b73c59d7e0c089c0',
]);

/** True when `hex` is the digest of the empty file for its type. */
export function isEmptyFileHash(type: HashEntryType, hex: string): boolean {
  return EMPTY_FILE_HASHES.has(`${type}:${hex}`);
}

const HEX = /^[0-9a-f]*$/;

/**
 * Normalises a hex digest (trim, lower case) and checks its length for the type; returns the hex,
 * or a reason when it is not valid.
 */
export function checkHex(type: HashEntryType, raw: string): { hex: string } | { reason: string } {
  const hex = raw.trim().toLowerCase();
  if (!HEX.test(hex)) return { reason: `${type} is not hexadecimal: "${clip(raw)}"` };
  const want = HEX_LENGTH[type];
  if (hex.length !== want) {
    return { reason: `${type} must be ${want} hex digits, got ${hex.length}` };
  }
  return { hex };
}

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** RFC 4648 base32 (no padding) to lower-case hex; undefined when not valid base32. */
export function base32ToHex(text: string): string | undefined {
  let bits = 0;
  let value = 0;
  let hex = '';
  // Trailing padding cut by a loop: `/=+$/` is quadratic over a long run of `=` not at the end.
  let end = text.length;
  while (end > 0 && text.charCodeAt(end - 1) === 61) end--;
  for (const ch of text.slice(0, end).toUpperCase()) {
    const digit = BASE32.indexOf(ch);
    if (digit < 0) return undefined;
    value = (value << 5) | digit;
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      hex += ((value >>> bits) & 0xff).toString(16).padStart(2, '0');
    }
  }
  return hex;
}

function clip(text: string): string {
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}
