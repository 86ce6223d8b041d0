import { grow, parseHexWords, popcount32 } from './hex-words.js';

/** PDQ's recommended match threshold (Hamming distance over 256 bits). */
export const DEFAULT_PDQ_DISTANCE = 31;
/** The largest threshold served (probe radius 3 per 16-bit word: 697 probes a word). */
export const MAX_PDQ_DISTANCE = 63;

export type PdqHit = { id: number; distance: number };

/**
 * Exact Hamming search over 256-bit PDQ hashes by multi-index hashing: each hash is cut into 16
 * words of 16 bits and indexed 16 times, once per word position. If d(q, h) <= t then the 16
 * per-word distances sum to <= t, so (pigeonhole) at least one word differs in <= floor(t / 16)
 * bits: probing every word of q with all variants within that radius finds every h within t;
 * each candidate is then verified on the full 256 bits. No match is ever missed.
 */
export class PdqIndex {
  readonly #query = new Uint32Array(8);

  constructor(
    readonly hashes: Uint32Array,
    readonly metas: Uint32Array,
    /** For word position k: offsets[k] (65537 entries) into ids[k] (one id per hash). */
    readonly offsets: Uint32Array[],
    readonly ids: Uint32Array[],
    /**
     * For word position k, beside each id in ids[k]: three other 32-bit words of its hash (96
     * bits). Their distance to the query is a lower bound of the full distance, read from memory
     * next to the id, so almost every non-match is dropped without a random access to `hashes`.
     */
    readonly filters: Uint32Array[],
  ) {}

  get size(): number {
    return this.metas.length;
  }

  /** Every indexed hash within `maxDistance` of `hex` (64 hex digits), unordered. */
  search(hex: string, maxDistance = DEFAULT_PDQ_DISTANCE): PdqHit[] {
    const q = this.#query;
    if (hex.length !== 64 || !parseHexWords(hex, q, 0, 8)) return [];
    const t = Math.max(0, Math.min(maxDistance, MAX_PDQ_DISTANCE));
    const radius = Math.floor(t / 16);
    const masks = masksWithin(radius);
    const { hashes } = this;
    const hits: PdqHit[] = [];
    for (let k = 0; k < 16; k++) {
      const word = wordAt(q, 0, k);
      const offsets = this.offsets[k]!;
      const ids = this.ids[k]!;
      const filter = this.filters[k]!;
      const [a, b, c] = filterWords(k);
      const qa = q[a]!;
      const qb = q[b]!;
      const qc = q[c]!;
      for (const mask of masks) {
        const probe = word ^ mask;
        const end = offsets[probe + 1]!;
        for (let p = offsets[probe]!; p < end; p++) {
          const f = p * 3;
          const bound =
            popcount32((filter[f]! ^ qa) >>> 0) +
            popcount32((filter[f + 1]! ^ qb) >>> 0) +
            popcount32((filter[f + 2]! ^ qc) >>> 0);
          if (bound > t) continue;
          const id = ids[p]!;
          const distance = hamming(hashes, id * 8, q);
          // Report a hit only at the first word position that finds it (no "seen" array: that
          // would be a second random memory access per candidate).
          if (distance <= t && firstWithin(hashes, id * 8, q, radius) === k) {
            hits.push({ id, distance });
          }
        }
      }
    }
    return hits;
  }
}

/** The three 32-bit words (indexes 0..7) stored as the filter of word position k: not its own. */
function filterWords(k: number): [number, number, number] {
  const own = k >> 1;
  return [(own + 1) % 8, (own + 3) % 8, (own + 5) % 8];
}

/** The first word position where the hash at `base` is within `radius` bits of q. */
function firstWithin(hashes: Uint32Array, base: number, q: Uint32Array, radius: number): number {
  for (let k = 0; k < 16; k++) {
    if (popcount32((wordAt(hashes, base, k) ^ wordAt(q, 0, k)) >>> 0) <= radius) return k;
  }
  return 16;
}

/** The 16-bit word k (0 = most significant) of the hash at `base` in `words`. */
function wordAt(words: Uint32Array, base: number, k: number): number {
  const w = words[base + (k >> 1)]!;
  return k & 1 ? w & 0xffff : w >>> 16;
}

/** Hamming distance between the hash at `base` and `q`. */
export function hamming(hashes: Uint32Array, base: number, q: Uint32Array): number {
  let d = 0;
  for (let w = 0; w < 8; w++) d += popcount32((hashes[base + w]! ^ q[w]!) >>> 0);
  return d;
}

const maskCache = new Map<number, Uint16Array>();

/** All 16-bit masks with at most `radius` bits set (radius 1: 17 masks). */
export function masksWithin(radius: number): Uint16Array {
  let masks = maskCache.get(radius);
  if (!masks) {
    const list: number[] = [];
    for (let m = 0; m < 65536; m++) if (popcount32(m) <= radius) list.push(m);
    masks = Uint16Array.from(list);
    maskCache.set(radius, masks);
  }
  return masks;
}

/** Collects PDQ hashes, then builds the 16 word tables by counting sort. */
export class PdqIndexBuilder {
  #hashes = new Uint32Array(8 * 1024);
  #metas = new Uint32Array(1024);
  #count = 0;

  /** Adds one hash; false when `hex` is not 64 hex digits. */
  add(hex: string, meta: number): boolean {
    if (hex.length !== 64) return false;
    this.#hashes = grow(this.#hashes, (this.#count + 1) * 8);
    this.#metas = grow(this.#metas, this.#count + 1);
    if (!parseHexWords(hex, this.#hashes, this.#count * 8, 8)) return false;
    this.#metas[this.#count++] = meta;
    return true;
  }

  build(): PdqIndex {
    const n = this.#count;
    const hashes = this.#hashes.slice(0, n * 8);
    const offsets: Uint32Array[] = [];
    const ids: Uint32Array[] = [];
    const filters: Uint32Array[] = [];
    for (let k = 0; k < 16; k++) {
      const off = new Uint32Array(65537);
      for (let i = 0; i < n; i++) off[wordAt(hashes, i * 8, k) + 1]!++;
      for (let v = 1; v < off.length; v++) off[v]! += off[v - 1]!;
      const fill = off.slice(0, -1);
      const list = new Uint32Array(n);
      for (let i = 0; i < n; i++) list[fill[wordAt(hashes, i * 8, k)]!++] = i;
      const filter = new Uint32Array(n * 3);
      const [a, b, c] = filterWords(k);
      for (let p = 0; p < n; p++) {
        const base = list[p]! * 8;
        filter[p * 3] = hashes[base + a]!;
        filter[p * 3 + 1] = hashes[base + b]!;
        filter[p * 3 + 2] = hashes[base + c]!;
      }
      offsets.push(off);
      ids.push(list);
      filters.push(filter);
    }
    return new PdqIndex(hashes, this.#metas.slice(0, n), offsets, ids, filters);
  }
}

/** The reference: compares `hex` with every hash (used by the tests and the benchmark). */
export function bruteForcePdq(hashes: Uint32Array, hex: string, maxDistance: number): PdqHit[] {
  const q = new Uint32Array(8);
  if (!parseHexWords(hex, q, 0, 8)) return [];
  const hits: PdqHit[] = [];
  for (let id = 0; id * 8 < hashes.length; id++) {
    const distance = hamming(hashes, id * 8, q);
    if (distance <= maxDistance) hits.push({ id, distance });
  }
  return hits;
}
