import { describe, expect, it } from 'vitest';
import { canonicalRange, ipInRange, scopeCovers } from './authority-scope.js';

const at = (iso: string) => new Date(iso);

describe('legal authority scope', () => {
  it('canonicalises addresses and blocks, refusing ambiguous spellings and host bits', () => {
    expect(canonicalRange('142.51.17.9')).toEqual({ ok: true, range: '142.51.17.9' });
    expect(canonicalRange('142.51.17.0/24')).toEqual({ ok: true, range: '142.51.17.0/24' });
    expect(canonicalRange('2001:DB8::/32')).toEqual({ ok: true, range: '2001:db8::/32' });
    expect(canonicalRange('142.51.17.9/24')).toMatchObject({ ok: false, reason: /host bits/ });
    expect(canonicalRange('010.1.1.1')).toMatchObject({ ok: false });
    expect(canonicalRange('1.2.3.0/33')).toMatchObject({ ok: false, reason: /0\.\.32/ });
  });

  it('matches an address against an address or a block of its own family only', () => {
    expect(ipInRange('142.51.17.9', '142.51.17.0/24')).toBe(true);
    expect(ipInRange('142.51.18.9', '142.51.17.0/24')).toBe(false);
    expect(ipInRange('2001:db8::1', '142.51.17.0/24')).toBe(false);
    expect(ipInRange('2001:db8::1', '2001:db8::/32')).toBe(true);
  });

  it('covers an IP and time only inside one entry (end exclusive)', () => {
    const scope = [
      {
        ipRange: '142.51.17.9',
        startsAt: at('2026-03-01T00:00:00Z'),
        endsAt: at('2026-03-02T00:00:00Z'),
      },
      {
        ipRange: '10.0.0.0/8',
        startsAt: at('2026-04-01T00:00:00Z'),
        endsAt: at('2026-04-02T00:00:00Z'),
      },
    ];
    expect(scopeCovers(scope, '142.51.17.9', at('2026-03-01T12:00:00Z'))).toBe(true);
    expect(scopeCovers(scope, '142.51.17.9', at('2026-03-02T00:00:00Z'))).toBe(false);
    // The address of one entry at the time of another is outside the scope.
    expect(scopeCovers(scope, '142.51.17.9', at('2026-04-01T12:00:00Z'))).toBe(false);
    expect(scopeCovers(scope, '10.9.8.7', at('2026-04-01T12:00:00Z'))).toBe(true);
    expect(scopeCovers([], '10.9.8.7', at('2026-04-01T12:00:00Z'))).toBe(false);
  });
});
