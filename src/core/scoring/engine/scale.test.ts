import { describe, expect, it } from 'vitest';
import { halfLifeDecay, logScale, round2 } from './scale.js';

describe('scale', () => {
  it.each([
    [0, 10, 0],
    [1, 10, Math.log(2) / Math.log(11)],
    [10, 10, 1],
    [1000, 10, 1],
    [2, 10, Math.log(3) / Math.log(11)],
  ])('logScale(%d, %d) = %f', (n, saturation, expected) => {
    expect(logScale(n, saturation)).toBeCloseTo(expected, 10);
  });

  it.each([
    [0, 30, 1],
    [30, 30, 0.5],
    [60, 30, 0.25],
    [-5, 30, 1],
  ])('halfLifeDecay(%d days, half-life %d) = %f', (age, halfLife, expected) => {
    expect(halfLifeDecay(age, halfLife)).toBeCloseTo(expected, 10);
  });

  it('rounds to two decimals', () => {
    expect(round2(4.33594)).toBe(4.34);
  });
});
