import { describe, expect, it } from 'vitest';
import { TrustedProxies, trustedProxyEntryProblem } from './trusted-proxies.js';

describe(TrustedProxies.name, () => {
  const sut = TrustedProxies.of(['127.0.0.2', '10.0.0.0/8', 'fd00::/8']);

  it('ignores X-Forwarded-For when no proxy is trusted', () => {
    expect(TrustedProxies.none.clientAddress('192.0.2.7', '203.0.113.9')).toBe('192.0.2.7');
  });

  it('ignores X-Forwarded-For sent by a peer that is not a trusted proxy', () => {
    expect(sut.clientAddress('192.0.2.7', '203.0.113.9')).toBe('192.0.2.7');
    expect(sut.clientAddress('127.0.0.1', '10.1.2.3, 203.0.113.9')).toBe('127.0.0.1');
  });

  it('takes the address a trusted proxy appended', () => {
    expect(sut.clientAddress('127.0.0.2', '198.51.100.4')).toBe('198.51.100.4');
  });

  it('takes the right-most untrusted address, never a forged one further left', () => {
    // The client sent "X-Forwarded-For: 203.0.113.9"; the proxy appended the real address.
    expect(sut.clientAddress('127.0.0.2', '203.0.113.9, 198.51.100.4')).toBe('198.51.100.4');
    // A chain of trusted proxies is walked through.
    expect(sut.clientAddress('127.0.0.2', '203.0.113.9, 198.51.100.4, 10.9.9.9')).toBe(
      '198.51.100.4',
    );
  });

  it('stops at the last trusted hop when the next entry is not an address', () => {
    expect(sut.clientAddress('127.0.0.2', 'unknown')).toBe('127.0.0.2');
    expect(sut.clientAddress('127.0.0.2', '203.0.113.9, 127.1')).toBe('127.0.0.2');
    expect(sut.clientAddress('127.0.0.2', '198.51.100.4, ')).toBe('127.0.0.2');
    expect(sut.clientAddress('127.0.0.2', '')).toBe('127.0.0.2');
    expect(sut.clientAddress('127.0.0.2', '<script>')).toBe('127.0.0.2');
  });

  it('stops when every hop is trusted: the left-most one is the client', () => {
    expect(sut.clientAddress('127.0.0.2', '10.0.0.5')).toBe('10.0.0.5');
  });

  it('matches IPv4-mapped IPv6 peers and IPv6 ranges', () => {
    expect(sut.clientAddress('::ffff:127.0.0.2', '2001:db8::1')).toBe('2001:db8::1');
    expect(sut.clientAddress('fd12::1', '198.51.100.4')).toBe('198.51.100.4');
    expect(sut.clientAddress('::ffff:192.0.2.7', '198.51.100.4')).toBe('192.0.2.7');
    expect(sut.includes('10.255.0.1')).toBe(true);
    expect(sut.includes('11.0.0.1')).toBe(false);
    expect(sut.includes('not an address')).toBe(false);
  });

  it('has no client address without a peer (a request without a socket)', () => {
    expect(sut.clientAddress(undefined, '198.51.100.4')).toBeUndefined();
  });
});

describe(trustedProxyEntryProblem.name, () => {
  it.each(['127.0.0.1', '10.0.0.0/8', '::1', 'fd00::/8', '192.0.2.0/24', '::ffff:10.0.0.1'])(
    'accepts %s',
    (entry) => expect(trustedProxyEntryProblem(entry)).toBeUndefined(),
  );

  it.each(['localhost', '10.0.0.0/33', '127.1', '10.0.0.0/8/8', '::/129', '10.0.0.0/x', ''])(
    'refuses %s',
    (entry) => expect(trustedProxyEntryProblem(entry)).toMatch(/not an IP address or CIDR/),
  );

  it('refuses a range that trusts every address', () => {
    expect(trustedProxyEntryProblem('0.0.0.0/0')).toMatch(/every address/);
    expect(trustedProxyEntryProblem('::/0')).toMatch(/every address/);
  });
});
