import { grow, parseHexDigest } from './hex-words.js';

/**
 * Slots per entry is 1 / LOAD: 20 bytes a slot for MD5, so about 33 bytes an entry. A scan reads
 * about 1.75 slots at 0.6 (2.6 at 0.75, where one look-up in five needed a third cache line): 0.6
 * looked up 1.2-1.25x faster than 0.75 at 10M entries (docs/BENCHMARKS.md).
 */
const LOAD = 0.6;
/** Queries resolved together in the batch look-ups: their first memory reads overlap. */
const BLOCK = 64;
/** The meta id of a gap slot (no entry); a real meta id must be smaller. */
const NO_META = 0xffffffff;

/**
 * An immutable exact-match index over fixed-length digests (`words` 32-bit words each): an
 * open-addressing table in one `Uint32Array`, no strings, no per-entry objects.
 *
 * Each slot is the digest's words (host order: the words of a `Uint32Array` over its raw bytes)
 * followed by its meta id. Digests are uniformly random, so the first word needs no hashing: an
 * entry's home slot is `floor(w0 * capacity / 2^32)`, and entries are placed in digest order at
 * `max(home, previous slot + 1)` (linear probing with ordered keys). A gap slot holds a copy of the
 * next entry's digest, so the whole table is sorted: a look-up starts at the query's home and scans
 * forward while the slot is smaller, and stops at the first slot that is not. With a load of 0.6
 * that is one to three slots (one or two cache lines); the full digest is compared, so it is exact.
 * The same digest in several sets is several adjacent slots (a run).
 */
export class ExactIndex {
  readonly #slots: Uint32Array;
  /** Number of slots (the capacity, plus the few that overflow past its end). */
  readonly #length: number;
  readonly #scale: number;
  readonly #stride: number;
  readonly #query: Uint32Array;
  readonly #block: Uint32Array;
  readonly #home: Int32Array;
  readonly #probe: Uint32Array;

  constructor(
    readonly words: number,
    readonly size: number,
    slots: Uint32Array,
    capacity: number,
  ) {
    this.#slots = slots;
    this.#stride = words + 1;
    this.#length = slots.length / this.#stride;
    this.#scale = capacity / 2 ** 32;
    this.#query = new Uint32Array(words);
    this.#block = new Uint32Array(BLOCK * words);
    this.#home = new Int32Array(BLOCK);
    this.#probe = new Uint32Array(BLOCK);
  }

  /** Bytes held by the table. */
  get byteLength(): number {
    return this.#slots.byteLength;
  }

  /** The slot of the first entry whose digest is `hex` (any case), or -1 (also for invalid hex). */
  find(hex: string): number {
    const q = this.#query;
    if (hex.length !== this.words * 8 || !parseHexDigest(hex, q, 0, this.words)) return -1;
    return this.findDigest(q, 0);
  }

  /** `find` for a digest given as host-order words `digests[offset .. offset + words)`. */
  findDigest(digests: Uint32Array, offset: number): number {
    const home = (digests[offset]! * this.#scale) | 0;
    return scan(this.#slots, this.#length, this.#stride, this.words, digests, offset, home);
  }

  /**
   * The binary batch look-up: `digests` holds `out.length` digests back to back (host-order
   * words, e.g. a `Uint32Array` over the raw bytes: see `digestWords`); `out[i]` gets the slot of
   * query i's first entry, or -1. Works in blocks whose first reads do not depend on each other,
   * so the CPU overlaps their cache misses.
   */
  findBatch(digests: Uint32Array, out: Int32Array): void {
    const n = out.length;
    const W = this.words;
    if (digests.length < n * W) throw new RangeError('findBatch: digests shorter than out');
    const slots = this.#slots;
    const length = this.#length;
    const S = this.#stride;
    const scale = this.#scale;
    const home = this.#home;
    const probe = this.#probe;
    for (let from = 0; from < n; from += BLOCK) {
      const m = Math.min(BLOCK, n - from);
      for (let j = 0; j < m; j++) {
        const h = (digests[(from + j) * W]! * scale) | 0;
        home[j] = h;
        // Touch the home slot now: independent loads, so their misses overlap.
        probe[j] = touch(slots, h * S, S);
      }
      for (let j = 0; j < m; j++) {
        out[from + j] = scan(slots, length, S, W, digests, (from + j) * W, home[j]!);
      }
    }
  }

  /** The batch look-up for hex strings (`out[i]`: slot or -1); parses in blocks, no allocation. */
  findHexBatch(hexes: readonly string[], out: Int32Array): void {
    const W = this.words;
    const q = this.#block;
    const slots = this.#slots;
    const length = this.#length;
    const S = this.#stride;
    const scale = this.#scale;
    const home = this.#home;
    const probe = this.#probe;
    const n = Math.min(hexes.length, out.length);
    for (let from = 0; from < n; from += BLOCK) {
      const m = Math.min(BLOCK, n - from);
      // Parse the block first, then touch: a parse is long enough that, interleaved, only two or
      // three touches would be in flight at a time (this way: about 2x at 10M entries).
      for (let j = 0; j < m; j++) {
        const hex = hexes[from + j]!;
        const valid = hex.length === W * 8 && parseHexDigest(hex, q, j * W, W);
        home[j] = valid ? (q[j * W]! * scale) | 0 : -1;
      }
      for (let j = 0; j < m; j++) {
        const h = home[j]!;
        if (h >= 0) probe[j] = touch(slots, h * S, S);
      }
      for (let j = 0; j < m; j++) {
        const h = home[j]!;
        out[from + j] = h < 0 ? -1 : scan(slots, length, S, W, q, j * W, h);
      }
    }
  }

  /** How many entries share the digest of the entry at `slot` (a slot from `find`); 0 for -1. */
  runLength(slot: number): number {
    if (slot < 0) return 0;
    const slots = this.#slots;
    const S = this.#stride;
    const W = this.words;
    let end = slot + 1;
    for (; end < this.#length; end++) {
      let same = slots[end * S + W] !== NO_META;
      for (let w = 0; same && w < W; w++) same = slots[end * S + w] === slots[slot * S + w];
      if (!same) break;
    }
    return end - slot;
  }

  /** The meta id of the entry at `slot`. */
  metaAt(slot: number): number {
    return this.#slots[slot * this.#stride + this.words]!;
  }
}

/**
 * Reads the first word of the slot at word `at` and the last word of the slot after it: a slot is
 * 20 bytes (MD5), so the one or two slots a scan reads often straddle two cache lines, and reading
 * both ends here makes the second line's miss overlap with the others instead of following the
 * first one (about 1.2x on 10M entries). The sum only keeps the reads from being optimised away.
 */
function touch(slots: Uint32Array, at: number, S: number): number {
  const end = Math.min(at + 2 * S - 1, slots.length - 1);
  return at < slots.length ? slots[at]! + slots[end]! : 0;
}

/**
 * The first slot at or after `home` whose digest equals the query at `q[qo ..]`, or -1: the table
 * is sorted, so the scan stops at the first slot that is not smaller than the query.
 */
function scan(
  slots: Uint32Array,
  length: number,
  S: number,
  W: number,
  q: Uint32Array,
  qo: number,
  home: number,
): number {
  const q0 = q[qo]!;
  for (let i = home; i < length; i++) {
    const base = i * S;
    const k0 = slots[base]!;
    if (k0 < q0) continue;
    if (k0 > q0) return -1;
    for (let w = 1; w < W; w++) {
      const a = slots[base + w]!;
      const b = q[qo + w]!;
      if (a !== b) {
        if (a > b) return -1;
        break;
      }
      if (w === W - 1) return i;
    }
    if (W === 1) return i;
  }
  return -1;
}

/**
 * A `Uint32Array` over raw digest bytes for `findBatch` (no copy when `bytes` is 4-byte aligned,
 * as a fresh `Uint8Array` or `Buffer.alloc` is; a copy otherwise).
 */
export function digestWords(bytes: Uint8Array): Uint32Array {
  if (bytes.length % 4 !== 0) throw new RangeError('digestWords: length is not a multiple of 4');
  if (bytes.byteOffset % 4 === 0) {
    return new Uint32Array(bytes.buffer, bytes.byteOffset, bytes.length / 4);
  }
  return new Uint32Array(Uint8Array.from(bytes).buffer);
}

/** Collects digests (append-only, growable typed arrays), then lays them out as an ExactIndex. */
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

  /** Adds one digest (hex, any case); false (and nothing added) when it is not valid hex of this width. */
  add(hex: string, meta: number): boolean {
    if (hex.length !== this.words * 8) return false;
    this.#reserve();
    if (!parseHexDigest(hex, this.#keys, this.#count * this.words, this.words)) return false;
    this.#push(meta);
    return true;
  }

  /** Adds one binary digest: host-order words `digests[offset .. offset + words)`. */
  addDigest(digests: Uint32Array, offset: number, meta: number): void {
    this.#reserve();
    for (let w = 0; w < this.words; w++) {
      this.#keys[this.#count * this.words + w] = digests[offset + w]!;
    }
    this.#push(meta);
  }

  #reserve(): void {
    this.#keys = grow(this.#keys, (this.#count + 1) * this.words);
    this.#metas = grow(this.#metas, this.#count + 1);
  }

  #push(meta: number): void {
    if (!Number.isInteger(meta) || meta < 0 || meta >= NO_META) {
      throw new RangeError(`meta id out of range: ${meta}`);
    }
    this.#metas[this.#count++] = meta;
  }

  /**
   * Sorts the digests (two stable 16-bit counting passes on the first word, O(n), then the rare
   * runs of equal first words by their other words) and places them in the table.
   */
  build(): ExactIndex {
    const n = this.#count;
    const W = this.words;
    const S = W + 1;
    const src = this.#keys;
    const metas = this.#metas;
    const order = sortByDigest(src, W, n);
    const capacity = Math.max(1, Math.ceil(n / LOAD));
    if (capacity >= 2 ** 31) throw new RangeError(`too many digests for one index: ${n}`);
    const scale = capacity / 2 ** 32;
    // Pass 1: where the last entry lands, i.e. the table's length.
    let last = -1;
    for (let i = 0; i < n; i++) {
      last = Math.max((src[order[i]! * W]! * scale) | 0, last + 1);
    }
    const slots = new Uint32Array((last + 1) * S);
    // Pass 2: place each entry; the gap before it gets copies of its digest (and no meta).
    let prev = -1;
    for (let i = 0; i < n; i++) {
      const e = order[i]!;
      const at = Math.max((src[e * W]! * scale) | 0, prev + 1);
      for (let g = prev + 1; g <= at; g++) {
        for (let w = 0; w < W; w++) slots[g * S + w] = src[e * W + w]!;
        slots[g * S + W] = NO_META;
      }
      slots[at * S + W] = metas[e]!;
      prev = at;
    }
    this.#keys = new Uint32Array(0);
    this.#metas = new Uint32Array(0);
    this.#count = 0;
    return new ExactIndex(W, n, slots, capacity);
  }
}

/** Entry numbers in digest order (word by word, unsigned). */
function sortByDigest(src: Uint32Array, W: number, n: number): Uint32Array {
  const counts = new Uint32Array(65537);
  const tmp = new Uint32Array(n);
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) counts[(src[i * W]! & 0xffff) + 1]!++;
  for (let d = 1; d < counts.length; d++) counts[d]! += counts[d - 1]!;
  for (let i = 0; i < n; i++) tmp[counts[src[i * W]! & 0xffff]!++] = i;
  counts.fill(0);
  for (let i = 0; i < n; i++) counts[(src[i * W]! >>> 16) + 1]!++;
  for (let d = 1; d < counts.length; d++) counts[d]! += counts[d - 1]!;
  for (let i = 0; i < n; i++) {
    const e = tmp[i]!;
    order[counts[src[e * W]! >>> 16]!++] = e;
  }
  // Runs of equal first words (rare: about n^2 / 2^33 pairs) by the other words: insertion sort.
  for (let start = 0; start < n;) {
    let end = start + 1;
    const w0 = src[order[start]! * W]!;
    while (end < n && src[order[end]! * W] === w0) end++;
    for (let i = start + 1; i < end; i++) {
      const e = order[i]!;
      let j = i - 1;
      while (j >= start && compareEntries(src, W, order[j]!, e) > 0) {
        order[j + 1] = order[j]!;
        j--;
      }
      order[j + 1] = e;
    }
    start = end;
  }
  return order;
}

function compareEntries(src: Uint32Array, W: number, a: number, b: number): number {
  for (let w = 0; w < W; w++) {
    const x = src[a * W + w]!;
    const y = src[b * W + w]!;
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}
