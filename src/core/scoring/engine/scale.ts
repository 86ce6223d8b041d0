/**
 * Diminishing returns: 0 for n = 0, 1 at n = saturation and above, log-shaped between, so the
 * 500th file adds far less than the 2nd.
 *
 * @example
 * logScale(1, 100) // 0.15
 */
export function logScale(n: number, saturation: number): number {
  if (n <= 0) return 0;
  return Math.min(1, Math.log1p(n) / Math.log1p(saturation));
}

/** Exponential decay with a half-life: 1 now, 0.5 after one half-life. */
export function halfLifeDecay(ageDays: number, halfLifeDays: number): number {
  return 0.5 ** (Math.max(0, ageDays) / halfLifeDays);
}

/** Rounds to two decimals, so scores serialise and compare exactly. */
export function round2(value: number): number {
  return Math.round(value * 100) / 100;
}
