import { describe, expect, it } from 'vitest';
import { isCgnatAddress, isNonPublicAddress } from './ip-address.js';

describe('ip-address', () => {
  it.each([
    ['100.64.0.1', true, false],
    ['100.127.255.254', true, false],
    ['100.128.0.1', false, false],
    ['10.1.2.3', false, true],
    ['192.168.1.1', false, true],
    ['203.0.113.7', false, true],
    ['142.51.17.9', false, false],
    ['2a02:1810::1', false, false],
    ['fe80::1', false, true],
    ['not-an-ip', false, true],
    ['::ffff:100.64.0.1', true, false],
    ['2001:db8::1', false, true],
    ['fd00::1', false, true],
    ['127.0.0.1', false, true],
    ['224.0.0.1', false, true],
  ])('%s: cgnat %s, non-public %s', (ip, cgnat, nonPublic) => {
    expect(isCgnatAddress(ip)).toBe(cgnat);
    expect(isNonPublicAddress(ip)).toBe(nonPublic);
  });
});
