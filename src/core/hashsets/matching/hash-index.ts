import type { HashEntryType } from '#platform/db/tables.js';
import type { HashMatch, MatchHashType } from '../hash-matcher.js';
import { HEX_LENGTH } from '../hash-values.js';
import { ExactIndex, ExactIndexBuilder } from './exact-index.js';
import { DEFAULT_PDQ_DISTANCE, PdqIndex, PdqIndexBuilder } from './pdq-index.js';

export type ExactType = Exclude<HashEntryType, 'pdq'>;
const EXACT_TYPES: ExactType[] = ['md5', 'sha1', 'sha256', 'ed2k', 'btih'];

/** A match entry plus what precedence needs: when its set version became active. */
export type IndexedMatch = { match: HashMatch; activatedAt: number };

export type PdqMatch = { hashHex: string; distance: number; match: HashMatch };

/** One immutable snapshot of every active set: exact indexes per type, the PDQ index, the metas. */
export class HashIndex {
  constructor(
    readonly exact: Record<ExactType, ExactIndex>,
    readonly pdq: PdqIndex,
    readonly metas: IndexedMatch[],
  ) {}

  static empty(): HashIndex {
    return new HashIndexBuilder().build();
  }

  /** The exact index that answers for `type` (btmh looks in sha256); undefined for pdq. */
  exactFor(type: MatchHashType): ExactIndex | undefined {
    return (this.exact as Partial<Record<string, ExactIndex>>)[type === 'btmh' ? 'sha256' : type];
  }

  /** Entries (known and benign) whose digest of `type` is `hex`. */
  matchExact(type: MatchHashType, hex: string): IndexedMatch[] {
    const index = this.exactFor(type);
    if (!index) return [];
    const slot = index.find(hex);
    if (slot < 0) return [];
    const n = index.runLength(slot);
    const out: IndexedMatch[] = [];
    for (let k = 0; k < n; k++) out.push(this.metas[index.metaAt(slot + k)]!);
    return out;
  }

  /** `matchExact` for many digests of one type at once (overlapping their memory reads). */
  matchExactMany(type: MatchHashType, hexes: readonly string[]): HashMatch[][] {
    const index = this.exactFor(type);
    if (!index) return hexes.map(() => []);
    const slots = new Int32Array(hexes.length);
    index.findHexBatch(hexes, slots);
    const out: HashMatch[][] = [];
    for (let i = 0; i < hexes.length; i++) {
      const slot = slots[i]!;
      const n = index.runLength(slot);
      const found: HashMatch[] = [];
      for (let k = 0; k < n; k++) found.push(this.metas[index.metaAt(slot + k)]!.match);
      out.push(found);
    }
    return out;
  }

  /** PDQ entries within `maxDistance` bits of `hex`, nearest first. */
  matchPdq(hex: string, maxDistance = DEFAULT_PDQ_DISTANCE): Array<PdqMatch & IndexedMatch> {
    return this.pdq
      .search(hex, maxDistance)
      .sort((a, b) => a.distance - b.distance)
      .map((hit) => {
        const meta = this.metas[this.pdq.metas[hit.id]!]!;
        return { ...meta, distance: hit.distance, hashHex: pdqHex(this.pdq.hashes, hit.id) };
      });
  }

  /** Entries per type, for status output. */
  get counts(): Record<HashEntryType, number> {
    const counts = { pdq: this.pdq.size } as Record<HashEntryType, number>;
    for (const type of EXACT_TYPES) counts[type] = this.exact[type].size;
    return counts;
  }
}

function pdqHex(hashes: Uint32Array, id: number): string {
  let hex = '';
  for (let w = 0; w < 8; w++) hex += hashes[id * 8 + w]!.toString(16).padStart(8, '0');
  return hex;
}

/** Feeds entries into per-type builders, sharing one meta record per distinct attribute set. */
export class HashIndexBuilder {
  readonly #exact = Object.fromEntries(
    EXACT_TYPES.map((t) => [t, new ExactIndexBuilder(HEX_LENGTH[t] / 8)]),
  ) as Record<ExactType, ExactIndexBuilder>;
  readonly #pdq = new PdqIndexBuilder();
  readonly #metas: IndexedMatch[] = [];
  readonly #metaIds = new Map<string, number>();

  /** Adds one entry of one active set version. */
  add(type: HashEntryType, hex: string, match: HashMatch, activatedAt: number): void {
    const key = JSON.stringify([
      match.hashSetId,
      match.hashSetVersion,
      match.kind,
      match.categoryScheme,
      match.categoryCode,
      match.series,
      match.victimIdentified,
      match.isDistributed,
    ]);
    let meta = this.#metaIds.get(key);
    if (meta === undefined) {
      meta = this.#metas.push({ match: Object.freeze(match), activatedAt }) - 1;
      this.#metaIds.set(key, meta);
    }
    if (type === 'pdq') this.#pdq.add(hex, meta);
    else this.#exact[type].add(hex, meta);
  }

  build(): HashIndex {
    const exact = Object.fromEntries(EXACT_TYPES.map((t) => [t, this.#exact[t].build()])) as Record<
      ExactType,
      ExactIndex
    >;
    return new HashIndex(exact, this.#pdq.build(), this.#metas);
  }
}
