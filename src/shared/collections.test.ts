import { describe, expect, it } from 'vitest';
import { groupBy, maxOf, minOf } from './collections.js';

describe('collections', () => {
  it('groups in one pass, keeping order within groups', () => {
    expect(groupBy(['b1', 'a1', 'b2'], (s) => s[0]!)).toEqual(
      new Map([
        ['b', ['b1', 'b2']],
        ['a', ['a1']],
      ]),
    );
  });

  it.each([
    [[3, 1, 2], 1, 3],
    [[], 7, 7],
    [[-5], 0, -5],
  ])('maxOf(%o, empty %d) = %d', (values, empty, expected) => {
    expect(maxOf(values, empty)).toBe(expected);
  });

  it('minOf mirrors maxOf', () => {
    expect(minOf([3, 1, 2], 9)).toBe(1);
    expect(minOf([], 9)).toBe(9);
  });

  it('handles arrays far beyond the spread-argument limit (a subject with a million rows)', () => {
    const values = Array.from({ length: 1_000_000 }, (_, i) => i % 1000);
    expect(() => Math.max(...values)).toThrow(RangeError);
    expect(maxOf(values, 0)).toBe(999);
    expect(minOf(values, 1)).toBe(0);
  });
});
