import { describe, expect, it } from 'vitest';
import { formatCount, formatUtcDay, listOr, plural } from './wording.js';

describe('wording', () => {
  it('writes plurals and counts', () => {
    expect(plural(1, 'file')).toBe('1 file');
    expect(plural(3, 'file')).toBe('3 files');
    expect(plural(0, 'file')).toBe('0 files');
    expect(plural(2, 'series', 'series')).toBe('2 series');
    expect(formatCount(1234567)).toBe('1,234,567');
  });

  it('writes UTC days, never raw ISO', () => {
    expect(formatUtcDay('2026-12-07T23:30:00.000Z')).toBe('7 Dec 2026');
    expect(formatUtcDay('2026-12-07T23:30:00-05:00')).toBe('8 Dec 2026');
    expect(formatUtcDay('2024-01-01')).toBe('1 Jan 2024');
  });

  it('lists with "or"', () => {
    expect(listOr(['a'])).toBe('a');
    expect(listOr(['a', 'b', 'c'])).toBe('a, b or c');
  });
});
