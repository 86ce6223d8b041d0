import { describe, expect, it } from 'vitest';
import { lastDays } from './period';

describe('lastDays', () => {
  it('spans 90 UTC days ending today, across a month and a year boundary', () => {
    expect(lastDays(Date.parse('2026-03-01T23:59:00Z'))).toEqual({
      from: '2025-12-02',
      to: '2026-03-01',
    });
    expect(lastDays(Date.parse('2026-11-23T00:00:00Z'), 1)).toEqual({
      from: '2026-11-23',
      to: '2026-11-23',
    });
  });
});
