// Digit value per ASCII code, -1 for non-hex: a table load is branch-free, and branches on
// random hex digits mispredict (measured 3x slower in bench/hashsets.bench.ts).
const HEX_DIGIT = new Int8Array(128).fill(-1);
for (let i = 0; i < 10; i++) HEX_DIGIT[48 + i] = i;
for (let i = 0; i < 6; i++) {
  HEX_DIGIT[97 + i] = 10 + i;
  HEX_DIGIT[65 + i] = 10 + i;
}

/**
 * Parses `words` 32-bit big-endian words of hex into `out` without allocating; false when a
 * character is not hex. Upper case is accepted so a careless caller still matches.
 */
export function parseHexWords(
  hex: string,
  out: Uint32Array,
  offset: number,
  words: number,
): boolean {
  let invalid = 0;
  for (let w = 0; w < words; w++) {
    let value = 0;
    const base = w * 8;
    for (let j = 0; j < 8; j++) {
      const c = hex.charCodeAt(base + j);
      // A code over 127 folds into the table's range but is caught by the `c >> 7` term.
      const digit = HEX_DIGIT[c & 127]!;
      invalid |= digit | -(c >> 7);
      value = (value << 4) | (digit & 15);
    }
    out[offset + w] = value;
  }
  return invalid >= 0;
}

/** Number of set bits in a 32-bit integer. */
export function popcount32(x: number): number {
  x = x - ((x >>> 1) & 0x55555555);
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return Math.imul((x + (x >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24;
}

/** Grows a typed array to at least `size` elements, doubling, keeping the contents. */
export function grow(array: Uint32Array<ArrayBuffer>, size: number): Uint32Array<ArrayBuffer> {
  if (size <= array.length) return array;
  const next = new Uint32Array(Math.max(size, array.length * 2));
  next.set(array);
  return next;
}

/** True on little-endian hosts (all Node platforms in practice; big-endian is still handled). */
export const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/**
 * Parses `words * 4` bytes of hex into `out` as host-order 32-bit words, i.e. exactly the words a
 * `Uint32Array` view over the raw digest bytes would hold (so a parsed digest and a binary one
 * compare equal). No allocation; false when a character is not hex.
 */
export function parseHexDigest(
  hex: string,
  out: Uint32Array,
  offset: number,
  words: number,
): boolean {
  let invalid = 0;
  for (let w = 0; w < words; w++) {
    let value = 0;
    const base = w * 8;
    for (let b = 0; b < 4; b++) {
      const c1 = hex.charCodeAt(base + 2 * b);
      const c2 = hex.charCodeAt(base + 2 * b + 1);
      const d1 = HEX_DIGIT[c1 & 127]!;
      const d2 = HEX_DIGIT[c2 & 127]!;
      invalid |= d1 | d2 | -(c1 >> 7) | -(c2 >> 7);
      const byte = ((d1 & 15) << 4) | (d2 & 15);
      value = LITTLE_ENDIAN ? value | (byte << (8 * b)) : (value << 8) | byte;
    }
    out[offset + w] = value;
  }
  return invalid >= 0;
}
