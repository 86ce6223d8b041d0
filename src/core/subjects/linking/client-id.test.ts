import { describe, expect, it } from 'vitest';
import { classifyClientId } from './client-id.js';

const hex = (text: string): string => Buffer.from(text, 'latin1').toString('hex');

describe(classifyClientId.name, () => {
  it.each([
    [
      'gnutella',
      '5A1F0C9E3B7D4E2F8A6C1B0D9E8F7A6B',
      'strong',
      'gnutella:5a1f0c9e3b7d4e2f8a6c1b0d9e8f7a6b',
    ],
    ['ed2k', '0a1b2c3d4e0e6f70819203a4b5c66fd7', 'strong', 'ed2k:0a1b2c3d4e0e6f70819203a4b5c66fd7'],
    [
      'bittorrent',
      hex('-qB4630-') + 'ab'.repeat(12),
      'weak',
      'bittorrent:2d7142343633302d' + 'ab'.repeat(12),
    ],
    [
      'bittorrent',
      hex('-TR2940-') + '01'.repeat(12),
      'weak',
      'bittorrent:2d5452323934302d' + '01'.repeat(12),
    ],
    [
      'bittorrent',
      hex('M7-4-0--') + 'cd'.repeat(12),
      'weak',
      'bittorrent:4d372d342d302d2d' + 'cd'.repeat(12),
    ],
    ['bittorrent', 'f3'.repeat(20), 'strong', 'bittorrent:' + 'f3'.repeat(20)],
  ] as const)('classifies a %s id %s as %s', (network, id, strength, key) => {
    const sut = classifyClientId(network, id);
    expect(sut?.strength).toBe(strength);
    expect(sut?.key).toBe(key);
  });

  it.each([
    ['gnutella', 'abcd'],
    ['bittorrent', 'ab'.repeat(16)],
    ['gnutella', '0'.repeat(32)],
    ['ed2k', 'zz'.repeat(16)],
    ['gnutella', undefined],
  ] as const)('ignores the %s id %s, which identifies nothing', (network, id) => {
    expect(classifyClientId(network, id)).toBeUndefined();
  });
});
