const B32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** RFC 4648 base32 (no padding) of a hex string: Gnutella's `urn:sha1:` spelling of a SHA-1. */
export function hexToBase32(hex: string): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (let i = 0; i < hex.length; i += 2) {
    value = (value << 8) | parseInt(hex.slice(i, i + 2), 16);
    bits += 8;
    while (bits >= 5) {
      out += B32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
    value &= (1 << bits) - 1;
  }
  if (bits > 0) out += B32[(value << (5 - bits)) & 31];
  return Buffer.from(out, 'latin1').toString('latin1');
}

/** RFC 4180 quoting, only when the value needs it. */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** Hex of a string's UTF-8 bytes (BitTorrent peer_id prefixes such as `-qB4630-`). */
export function asciiHex(text: string): string {
  return Buffer.from(text, 'utf8').toString('hex');
}
