import { describe, expect, it } from 'vitest';
import { HashIndexBuilder } from '#core/hashsets/matching/hash-index.js';
import { LiveHashMatcher } from '#core/hashsets/matching/live-matcher.js';
import type { HashMatch, HashMatcher } from '#core/hashsets/hash-matcher.js';
import { md5Of, sha1Of } from '#test/hashsets.js';
import { matchPage } from './rematch.js';

const known = (hashSetId: string): HashMatch => ({
  hashSetId,
  hashSetName: hashSetId,
  hashSetVersion: 1,
  kind: 'known',
  categoryScheme: null,
  categoryCode: null,
  series: null,
  victimIdentified: null,
  isDistributed: null,
});

describe('matchPage', () => {
  it('gives the same matches per observation, in page order, batched by type or one at a time', () => {
    const builder = new HashIndexBuilder();
    for (let i = 0; i < 50; i += 2) builder.add('md5', md5Of(`o${i}`), known('set-a'), 1);
    for (let i = 0; i < 50; i += 3) builder.add('sha1', sha1Of(`o${i}`), known('set-b'), 1);
    const index = builder.build();
    const live = new LiveHashMatcher(
      () => index,
      () => 1,
    );
    const oneAtATime: HashMatcher = { generation: 1, matchExact: (t, h) => live.matchExact(t, h) };
    const page = Array.from({ length: 50 }, (_, i) =>
      i % 5 === 4
        ? { hashType: 'pdq', hash: 'ab'.repeat(32) }
        : i % 2 === 0
          ? { hashType: 'md5', hash: md5Of(`o${i}`) }
          : { hashType: 'sha1', hash: sha1Of(`o${i - 1}`) },
    );
    const batched = matchPage(live, page);
    expect(batched).toEqual(matchPage(oneAtATime, page));
    expect(batched.filter((m) => m.length > 0).length).toBeGreaterThan(20);
    expect(batched[4]).toEqual([]);
  });
});
