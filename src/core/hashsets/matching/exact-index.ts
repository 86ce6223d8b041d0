import { grow, parseHexWords } from './hex-words.js';

/**
 * An immutable exact-match index over fixed-length digests, with no strings and no per-entry
 * objects: the first 32-bit word of every key in one sorted Uint32Array (`heads`), the other words
 * in a parallel array (`tails`), the meta ids in a third, and a small bucket table on the top bits
 * of the first word (256 KiB at most, so it stays in cache). Digests are uniform, so a lookup
 * interpolates inside its bucket and lands within a cache line or two of the key: a miss costs
 * about one memory access, a hit two. The same digest in several sets is several adjacent keys.
 */
export class ExactIndex {
  readonly #query: Uint32Array;
  readonly #lowBits: number;
  #block: Uint32Array | undefined;
  #guess: Int32Array | undefined;
  #guessedHead: Uint32Array | undefined;

  constructor(
    readonly words: number,
    readonly heads: Uint32Array,
    readonly tails: Uint32Array,
    readonly metas: Uint32Array,
    readonly buckets: Uint32Array,
    readonly shift: number,
  ) {
    this.#query = new Uint32Array(words);
    this.#lowBits = shift;
  }

  get size(): number {
    return this.metas.length;
  }

  /** Bytes held by the typed arrays. */
  get byteLength(): number {
    return (
      this.heads.byteLength +
      this.tails.byteLength +
      this.metas.byteLength +
      this.buckets.byteLength
    );
  }

  /** Calls `found(metaId)` for every entry whose digest is `hex`; returns how many there were. */
  lookup(hex: string, found?: (meta: number) => void): number {
    const { words, heads } = this;
    const q = this.#query;
    if (hex.length !== words * 8 || !parseHexWords(hex, q, 0, words)) return 0;
    const q0 = q[0]!;
    const bucket = q0 >>> this.shift;
    const start = this.buckets[bucket]!;
    const end = this.buckets[bucket + 1]!;
    if (start === end) return 0;
    // Interpolate: the low bits of q0 say how far into the bucket its key should sit.
    const low = this.#lowBits;
    const frac = (q0 & ((1 << low) - 1)) / 2 ** low;
    let i = start + Math.floor(frac * (end - start));
    if (heads[i]! < q0) {
      while (i < end && heads[i]! < q0) i++;
    } else {
      while (i > start && heads[i - 1]! >= q0) i--;
    }
    let hits = 0;
    const tw = words - 1;
    for (; i < end && heads[i] === q0; i++) {
      if (tw === 0 || compareAt(this.tails, i * tw, q, tw) === 0) {
        hits++;
        found?.(this.metas[i]!);
      }
    }
    return hits;
  }

  /**
   * Looks up many digests at once: for query i, `first[i]` is the position of its first entry and
   * `count[i]` how many there are (0: none; entries of one digest are adjacent, their meta ids are
   * `metas[first .. first + count)`). Works in blocks whose memory reads do not depend on each
   * other, so the CPU overlaps their cache misses: faster than one `lookup` at a time.
   */
  lookupMany(hexes: readonly string[], first: Uint32Array, count: Uint32Array): void {
    const { words, heads, buckets, shift } = this;
    const low = this.#lowBits;
    const mask = (1 << low) - 1;
    const block = BLOCK;
    const q = (this.#block ??= new Uint32Array(block * words));
    const guess = (this.#guess ??= new Int32Array(block));
    const guessedHead = (this.#guessedHead ??= new Uint32Array(block));
    for (let from = 0; from < hexes.length; from += block) {
      const n = Math.min(block, hexes.length - from);
      // 1: parse, and guess each key's position (the bucket table is in cache).
      for (let j = 0; j < n; j++) {
        const hex = hexes[from + j]!;
        if (hex.length !== words * 8 || !parseHexWords(hex, q, j * words, words)) {
          guess[j] = -1;
          continue;
        }
        const q0 = q[j * words]!;
        const b = q0 >>> shift;
        const start = buckets[b]!;
        const end = buckets[b + 1]!;
        guess[j] =
          start === end ? -1 : start + Math.floor(((q0 & mask) / 2 ** low) * (end - start));
      }
      // 2: read every guessed head first: independent loads, so their misses overlap.
      for (let j = 0; j < n; j++) if (guess[j]! >= 0) guessedHead[j] = heads[guess[j]!]!;
      // 3: resolve each query from its (now cached) neighbourhood.
      for (let j = 0; j < n; j++) {
        first[from + j] = 0;
        count[from + j] = 0;
        let i = guess[j]!;
        if (i < 0) continue;
        const q0 = q[j * words]!;
        const b = q0 >>> shift;
        const start = buckets[b]!;
        const end = buckets[b + 1]!;
        if (guessedHead[j]! < q0) {
          while (i < end && heads[i]! < q0) i++;
        } else {
          while (i > start && heads[i - 1]! >= q0) i--;
        }
        const tw = words - 1;
        for (; i < end && heads[i] === q0; i++) {
          if (tw === 0 || compareBlock(this.tails, i * tw, q, j * words + 1, tw) === 0) {
            if (count[from + j] === 0) first[from + j] = i;
            count[from + j]!++;
          }
        }
      }
    }
  }
}

const BLOCK = 64;

function compareBlock(
  tails: Uint32Array,
  base: number,
  q: Uint32Array,
  qBase: number,
  words: number,
): number {
  for (let w = 0; w < words; w++) {
    const a = tails[base + w]!;
    const b = q[qBase + w]!;
    if (a !== b) return a < b ? -1 : 1;
  }
  return 0;
}

/** Compares the `words` tail words at `base` with q[1..]. */
function compareAt(tails: Uint32Array, base: number, q: Uint32Array, words: number): number {
  for (let w = 0; w < words; w++) {
    const a = tails[base + w]!;
    const b = q[w + 1]!;
    if (a !== b) return a < b ? -1 : 1;
  }
  return 0;
}

/** Collects digests (append-only, growable typed arrays), then sorts them into an ExactIndex. */
export class ExactIndexBuilder {
  #keys: Uint32Array<ArrayBuffer>;
  #metas: Uint32Array<ArrayBuffer>;
  #count = 0;

  constructor(
    readonly words: number,
    capacity = 1024,
  ) {
    this.#keys = new Uint32Array(capacity * words);
    this.#metas = new Uint32Array(capacity);
  }

  get count(): number {
    return this.#count;
  }

  /** Adds one digest; false (and nothing added) when `hex` is not valid for this width. */
  add(hex: string, meta: number): boolean {
    if (hex.length !== this.words * 8) return false;
    this.#keys = grow(this.#keys, (this.#count + 1) * this.words);
    this.#metas = grow(this.#metas, this.#count + 1);
    if (!parseHexWords(hex, this.#keys, this.#count * this.words, this.words)) return false;
    this.#metas[this.#count++] = meta;
    return true;
  }

  /**
   * Sorts by the first word with two stable 16-bit counting passes (O(n), no comparator), then
   * orders the rare runs of equal first words by their other words.
   */
  build(): ExactIndex {
    const n = this.#count;
    const W = this.words;
    const src = this.#keys;
    const tmp = new Uint32Array(n);
    const perm = new Uint32Array(n);
    countingPass(src, W, n, null, tmp, (w) => w & 0xffff);
    countingPass(src, W, n, tmp, perm, (w) => w >>> 16);
    const heads = new Uint32Array(n);
    const tails = new Uint32Array(n * (W - 1));
    const metas = new Uint32Array(n);
    for (let i = 0; i < n; i++) {
      const from = perm[i]! * W;
      heads[i] = src[from]!;
      tails.set(src.subarray(from + 1, from + W), i * (W - 1));
      metas[i] = this.#metas[perm[i]!]!;
    }
    this.#keys = new Uint32Array(0);
    this.#metas = new Uint32Array(0);
    sortEqualHeads(heads, tails, metas, W - 1);
    // About 64 keys a bucket, at most 2^16 buckets (a 256 KiB table that stays in cache).
    const bits = Math.min(16, Math.max(4, Math.ceil(Math.log2(Math.max(1, n / 64)))));
    const shift = 32 - bits;
    const buckets = new Uint32Array((1 << bits) + 1);
    for (let i = 0; i < n; i++) buckets[(heads[i]! >>> shift) + 1]!++;
    for (let b = 1; b < buckets.length; b++) buckets[b]! += buckets[b - 1]!;
    return new ExactIndex(W, heads, tails, metas, buckets, shift);
  }
}

/** One stable counting-sort pass of entry indexes by a 16-bit digit of their first word. */
function countingPass(
  src: Uint32Array,
  W: number,
  n: number,
  order: Uint32Array | null,
  out: Uint32Array,
  digit: (word: number) => number,
): void {
  const counts = new Uint32Array(65537);
  for (let i = 0; i < n; i++) counts[digit(src[i * W]!) + 1]!++;
  for (let d = 1; d < counts.length; d++) counts[d]! += counts[d - 1]!;
  for (let i = 0; i < n; i++) {
    const entry = order ? order[i]! : i;
    out[counts[digit(src[entry * W]!)]!++] = entry;
  }
}

/** Orders runs of equal first words by the remaining words (insertion sort; runs are tiny). */
function sortEqualHeads(heads: Uint32Array, tails: Uint32Array, metas: Uint32Array, T: number) {
  if (T === 0) return;
  const tmp = new Uint32Array(T);
  const greater = (a: number) => {
    for (let w = 0; w < T; w++) {
      const x = tails[a * T + w]!;
      const y = tmp[w]!;
      if (x !== y) return x > y;
    }
    return false;
  };
  for (let start = 0; start < heads.length;) {
    let end = start + 1;
    while (end < heads.length && heads[end] === heads[start]) end++;
    for (let i = start + 1; i < end; i++) {
      tmp.set(tails.subarray(i * T, i * T + T));
      const meta = metas[i]!;
      let j = i - 1;
      while (j >= start && greater(j)) {
        tails.copyWithin((j + 1) * T, j * T, j * T + T);
        metas[j + 1] = metas[j]!;
        j--;
      }
      tails.set(tmp, (j + 1) * T);
      metas[j + 1] = meta;
    }
    start = end;
  }
}
