import { describe, expect, it } from 'vitest';
import { anonymousFlags } from '#core/attribution/geo-record.js';
import { SPECIAL_RANGES } from '#core/attribution/special-ranges.js';
import { ATTRIBUTION_FLAGS } from '#core/scoring/engine/attribution-flags.js';
import { SCORING_FLAG_OF, scoringFlagsOf } from './subjects.schema.js';

describe('intake address flags as linking and scoring flags', () => {
  it('maps every flag attribution can set (special ranges, Anonymous-IP, Tor)', () => {
    const everyAnonymous = anonymousFlags({
      is_anonymous: true,
      is_anonymous_vpn: true,
      is_hosting_provider: true,
      is_public_proxy: true,
      is_residential_proxy: true,
      is_tor_exit_node: true,
    });
    const produced = new Set([
      ...SPECIAL_RANGES.map((r) => r.flag),
      ...everyAnonymous,
      ...anonymousFlags({ is_anonymous: true }),
      'tor',
    ]);
    expect([...produced].filter((flag) => !Object.hasOwn(SCORING_FLAG_OF, flag))).toEqual([]);
    for (const flag of produced) expect(ATTRIBUTION_FLAGS).toContain(SCORING_FLAG_OF[flag]);
  });

  it('treats every anonymising service as anonymous_vpn and unattributable ranges as special', () => {
    expect(scoringFlagsOf(['vpn', 'residential_proxy', 'hosting'])).toEqual([
      'anonymous_vpn',
      'hosting',
    ]);
    expect(scoringFlagsOf(['documentation', 'loopback', 'private', 'cgnat'])).toEqual([
      'special',
      'private',
      'cgnat',
    ]);
    expect(scoringFlagsOf(['not-a-flag', '__proto__', 'toString'])).toEqual([]);
  });
});
