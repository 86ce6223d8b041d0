import type { HashMatch, HashMatcher, MatchHashType } from '#core/hashsets/hash-matcher.js';

/**
 * An in-memory HashMatcher for tests: a fake of the hashsets domain's port (src/core/hashsets is
 * built on another branch). `add` changes the active sets and bumps the generation.
 */
export class MemoryHashMatcher implements HashMatcher {
  private readonly entries = new Map<string, HashMatch[]>();
  generation = 1;

  add(
    type: MatchHashType,
    hex: string,
    match: Partial<HashMatch> & Pick<HashMatch, 'hashSetId'>,
  ): this {
    const key = `${type}:${hex}`;
    const full: HashMatch = {
      hashSetName: match.hashSetId,
      hashSetVersion: 1,
      kind: 'known',
      categoryScheme: 'vics-us',
      categoryCode: '1',
      series: null,
      victimIdentified: null,
      isDistributed: null,
      ...match,
    };
    this.entries.set(key, [...(this.entries.get(key) ?? []), full]);
    this.generation++;
    return this;
  }

  matchExact(type: MatchHashType, hex: string): HashMatch[] {
    return this.entries.get(`${type}:${hex}`) ?? [];
  }
}
