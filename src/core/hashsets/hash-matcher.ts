/**
 * @module The synchronous matcher contract that other domains (intake) use. The hashsets service
 * provides one (`core.hashsets.matcher`) backed by the in-memory index of the active sets.
 */
export type MatchHashType = 'md5' | 'sha1' | 'sha256' | 'ed2k' | 'btih' | 'btmh';

export type HashMatch = {
  hashSetId: string;
  hashSetName: string;
  hashSetVersion: number;
  kind: 'known' | 'benign';
  categoryScheme: string | null;
  categoryCode: string | null;
  series: string | null;
  victimIdentified: boolean | null;
  isDistributed: boolean | null;
};

export interface HashMatcher {
  /** hex is lowercase hex of the right length for its type. Returns [] when nothing matches. */
  matchExact(type: MatchHashType, hex: string): HashMatch[];
  /**
   * Optional: `matchExact` for many digests of one type at once, same answers in the same order
   * (the real matcher overlaps their memory reads: several times faster per digest on a large set).
   * All answers come from one snapshot of the active sets.
   */
  matchExactMany?(type: MatchHashType, hexes: readonly string[]): HashMatch[][];
  /** Increments whenever the active sets change (so callers can tell a re-match is due). */
  readonly generation: number;
}
