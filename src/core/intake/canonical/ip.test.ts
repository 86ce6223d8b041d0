import { describe, expect, it } from 'vitest';
import { canonicalIp } from './ip.js';

describe(canonicalIp.name, () => {
  it.each([
    ['1.2.3.4', '1.2.3.4'],
    ['255.255.255.255', '255.255.255.255'],
    ['0.0.0.0', '0.0.0.0'],
    ['::ffff:1.2.3.4', '1.2.3.4'],
    ['::FFFF:142.51.1.1', '142.51.1.1'],
    ['::ffff:8e33:101', '142.51.1.1'],
    ['2001:DB8:0:0:0:0:0:1', '2001:db8::1'],
    ['2001:0db8:0000:0000:0001:0000:0000:0001', '2001:db8::1:0:0:1'],
    ['2001:db8:0:1:1:1:1:1', '2001:db8:0:1:1:1:1:1'],
    ['FE80::1', 'fe80::1'],
    ['::1', '::1'],
  ])('canonicalises %s to %s', (input, expected) => {
    expect(canonicalIp(input)).toMatchObject({ ok: true, ip: expected });
  });

  it.each([
    ['010.001.1.1', 'leading zeros (octal ambiguity)'],
    ['1.2.3.04', 'leading zero'],
    ['127.1', 'short dotted form'],
    ['1.2.3', 'three parts'],
    ['3232235777', 'integer form'],
    ['0xC0A80101', 'hex form'],
    ['0300.0250.01.01', 'octal dotted'],
    ['256.1.1.1', 'octet over 255'],
    ['1.2.3.4.', 'trailing dot'],
    [' 1.2.3.4', 'leading space'],
    ['1.2.3.4 ', 'trailing space'],
    ['fe80::1%eth0', 'zone id'],
    ['[2001:db8::1]:443', 'bracketed host:port'],
    ['1.2.3.4:443', 'host:port'],
    ['10.0.0.0/8', 'CIDR'],
    ['2001:db8::/32', 'IPv6 CIDR'],
    ['::ffff:010.1.1.1', 'mapped with leading zeros'],
    ['2001:db8::g', 'not hex'],
    ['', 'empty'],
    ['localhost', 'a name'],
  ])('rejects %s (%s)', (input) => {
    expect(canonicalIp(input).ok).toBe(false);
  });

  it('gives one value for every spelling of the same address', () => {
    const spellings = [
      '142.51.1.1',
      '::ffff:142.51.1.1',
      '::FFFF:8E33:0101',
      '0:0:0:0:0:ffff:8e33:101',
    ];
    expect(new Set(spellings.map((s) => (canonicalIp(s) as { ip: string }).ip))).toEqual(
      new Set(['142.51.1.1']),
    );
  });
});
