import { describe, expect, it } from 'vitest';
import { md5Of, sha1Of, sha256Of } from '#test/hashsets.js';
import type { HashMatch, MatchHashType } from '../hash-matcher.js';
import { HashIndexBuilder } from './hash-index.js';
import { LiveHashMatcher } from './live-matcher.js';

const match = (hashSetId: string, kind: 'known' | 'benign' = 'known'): HashMatch => ({
  hashSetId,
  hashSetName: hashSetId,
  hashSetVersion: 1,
  kind,
  categoryScheme: 'vics_us',
  categoryCode: '1',
  series: null,
  victimIdentified: null,
  isDistributed: null,
});

function sampleIndex() {
  const builder = new HashIndexBuilder();
  for (let i = 0; i < 300; i++) {
    builder.add('md5', md5Of(`k${i}`), match('set-a'), 1);
    builder.add('sha1', sha1Of(`k${i}`), match('set-a'), 1);
    builder.add('sha256', sha256Of(`k${i}`), match('set-a'), 1);
  }
  // The same digest in a second (benign) set: two entries for one hash.
  builder.add('md5', md5Of('k7'), match('nsrl', 'benign'), 2);
  return builder.build();
}

describe('HashIndex / LiveHashMatcher', () => {
  it('matchExactMany gives matchExact answers, in order, for every type, absent and invalid input', () => {
    const index = sampleIndex();
    const matcher = new LiveHashMatcher(
      () => index,
      () => 1,
    );
    const cases: Array<[MatchHashType, string[]]> = [
      ['md5', [md5Of('k7'), md5Of('k8'), md5Of('none'), 'nothex', md5Of('k7').toUpperCase(), '']],
      ['sha1', [sha1Of('k1'), sha1Of('none')]],
      ['sha256', [sha256Of('k299'), sha256Of('k300')]],
      ['btmh', [sha256Of('k3')]],
      ['ed2k', [md5Of('k1')]],
    ];
    for (const [type, hexes] of cases) {
      const many = matcher.matchExactMany(type, hexes);
      expect(many).toEqual(hexes.map((h) => matcher.matchExact(type, h)));
    }
    expect(
      matcher
        .matchExact('md5', md5Of('k7'))
        .map((m) => m.hashSetId)
        .sort(),
    ).toEqual(['nsrl', 'set-a']);
    expect(matcher.matchExact('btmh', sha256Of('k3'))).toHaveLength(1);
    expect(matcher.matchExact('md5', md5Of('none'))).toEqual([]);
    // PDQ is not an exact type: no entries, no error.
    const pdq = 'pdq' as MatchHashType;
    expect(matcher.matchExactMany(pdq, [sha256Of('k1')])).toEqual([[]]);
    expect(matcher.matchExact(pdq, sha256Of('k1'))).toEqual([]);
  });
});
