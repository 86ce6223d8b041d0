/** Groups items by a key in one pass, keeping input order within each group. */
export function groupBy<T>(items: Iterable<T>, keyOf: (item: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const list = out.get(key);
    if (list) list.push(item);
    else out.set(key, [item]);
  }
  return out;
}

/** The largest of some numbers, or `empty` when there are none; safe for arrays of any length. */
export function maxOf(values: Iterable<number>, empty: number): number {
  let out = -Infinity;
  let isEmpty = true;
  for (const v of values) {
    isEmpty = false;
    if (v > out) out = v;
  }
  return isEmpty ? empty : out;
}

/** The smallest of some numbers, or `empty` when there are none; safe for arrays of any length. */
export function minOf(values: Iterable<number>, empty: number): number {
  return -maxOf(
    [...values].map((v) => -v),
    -empty,
  );
}
