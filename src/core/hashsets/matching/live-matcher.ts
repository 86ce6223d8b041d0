import type { HashMatch, HashMatcher, MatchHashType } from '../hash-matcher.js';
import type { HashIndex } from './hash-index.js';

/**
 * The HashMatcher handed to other domains: it always reads the service's current index snapshot,
 * which is swapped whole after a rebuild, so a caller never sees half a set.
 */
export class LiveHashMatcher implements HashMatcher {
  constructor(
    private readonly currentIndex: () => HashIndex,
    private readonly currentGeneration: () => number,
  ) {}

  matchExact(type: MatchHashType, hex: string): HashMatch[] {
    return this.currentIndex()
      .matchExact(type, hex)
      .map((m) => m.match);
  }

  matchExactMany(type: MatchHashType, hexes: readonly string[]): HashMatch[][] {
    return this.currentIndex().matchExactMany(type, hexes);
  }

  get generation(): number {
    return this.currentGeneration();
  }
}
