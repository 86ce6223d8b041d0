/**
 * Runs `work` once and returns its result with the milliseconds it took. Parser tests feed a
 * pathological input of 100k+ characters and assert a generous bound (a backstop: a quadratic
 * regex takes tens of seconds on such input, a linear scan a few milliseconds); speed targets
 * belong in `npm run bench`.
 */
export async function timed<T>(work: () => T | Promise<T>): Promise<{ result: T; ms: number }> {
  const start = performance.now();
  const result = await work();
  return { result, ms: performance.now() - start };
}

/** The bound for one pathological parse of ~100k characters: far above linear, far below quadratic. */
export const PATHOLOGICAL_MS = 2000;
