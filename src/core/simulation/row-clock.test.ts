import { describe, expect, it } from 'vitest';
import { Rng } from './prng.js';
import { RowClock } from './row-clock.js';
import { TimestampFormatter, torontoDstSpan } from './time.js';

const write = (clock: RowClock, ms: number, local: boolean) => {
  const buf = Buffer.alloc(64);
  return buf.toString('latin1', 0, clock.write(buf, 0, ms, local));
};

describe('RowClock', () => {
  it('writes the same text as TimestampFormatter, across days, years and DST changes', () => {
    const clock = new RowClock();
    const fmt = new TimestampFormatter();
    const rng = new Rng('row-clock');
    const [dstStart, dstEnd] = torontoDstSpan(2015);
    // Rows come in time order; the clock also has to cope with jumps back (a new world).
    const instants = [
      Date.UTC(2014, 11, 31, 23, 59, 59, 999),
      Date.UTC(2015, 0, 1),
      dstStart - 1,
      dstStart,
      dstEnd - 1,
      dstEnd,
      Date.UTC(2015, 11, 31, 4, 59, 59, 999), // still 2015 in Toronto, 2015 in UTC
      Date.UTC(2016, 0, 1, 4, 59, 59, 999), // 2016 in UTC, 2015 in Toronto
      Date.UTC(2016, 1, 29, 12),
      Date.UTC(2015, 5, 1),
    ];
    let t = Date.UTC(2015, 2, 1);
    for (let i = 0; i < 5_000; i++) instants.push((t += rng.int(40 * 3_600_000)));
    for (const ms of instants) {
      expect(write(clock, ms, false)).toBe(fmt.utc(ms));
      expect(write(clock, ms, true)).toBe(fmt.toronto(ms));
    }
    expect(write(clock, Date.UTC(2015, 6, 1, 12), true)).toBe('2015-07-01T08:00:00.000-04:00');
    expect(write(clock, Date.UTC(2016, 0, 1, 3, 2, 1, 7), true)).toBe(
      '2015-12-31T22:02:01.007-05:00',
    );
  });
});
