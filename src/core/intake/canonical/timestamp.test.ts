import { describe, expect, it } from 'vitest';
import { canonicalTime } from './timestamp.js';

const now = new Date('2026-01-01T00:00:00Z');

describe(canonicalTime.name, () => {
  it.each([
    ['2015-03-02T14:05:11.250Z', '2015-03-02T14:05:11.250Z', 'Z'],
    ['2015-03-02T14:05:11Z', '2015-03-02T14:05:11.000Z', 'Z'],
    ['2015-03-02T10:05:11.25-04:00', '2015-03-02T14:05:11.250Z', '-04:00'],
    ['2015-03-02T19:35:11+05:30', '2015-03-02T14:05:11.000Z', '+05:30'],
    ['2015-03-02T14:05:11.123456789Z', '2015-03-02T14:05:11.123Z', 'Z'],
    ['2016-02-29T00:00:00Z', '2016-02-29T00:00:00.000Z', 'Z'],
    ['1970-01-01T00:00:00Z', '1970-01-01T00:00:00.000Z', 'Z'],
    ['2026-01-01T00:04:59Z', '2026-01-01T00:04:59.000Z', 'Z'],
  ])('accepts %s as %s (offset %s kept)', (input, iso, offset) => {
    expect(canonicalTime(input, now)).toMatchObject({ ok: true, iso, offset });
  });

  it.each([
    ['2015-03-02T14:05:11', 'no offset'],
    ['2015-03-02 14:05:11Z', 'space separator'],
    ['2015-03-02T14:05Z', 'no seconds'],
    ['1425305111', 'epoch seconds'],
    ['1425305111000', 'epoch milliseconds'],
    ['1425305111000000', 'epoch microseconds'],
    ['42065.5', 'Excel serial'],
    ['2015-03-02T14:05:11 IST', 'zone abbreviation'],
    ['2015-03-02T14:05:11 CST', 'zone abbreviation'],
    ['03/04/2025', 'day/month swap'],
    ['2015-06-30T23:59:60Z', 'leap second'],
    ['2015-02-30T00:00:00Z', 'February 30'],
    ['2015-02-29T00:00:00Z', 'not a leap year'],
    ['2015-13-01T00:00:00Z', 'month 13'],
    ['2015-01-01T24:00:00Z', 'hour 24'],
    ['2015-01-01T00:00:00-00:00', 'unknown local offset'],
    ['2015-01-01T00:00:00+24:00', 'offset out of range'],
    ['1969-12-31T23:59:59Z', 'before 1970'],
    ['-0001-01-01T00:00:00Z', 'negative year'],
    ['9999-12-31T23:59:59Z', 'far future'],
    ['2038-01-19T03:14:08Z', 'future'],
    ['2026-01-01T00:05:01Z', 'beyond 5 minutes of skew'],
    ['2015-03-02t14:05:11z', 'lower-case separators'],
  ])('rejects %s (%s)', (input) => {
    expect(canonicalTime(input, now).ok).toBe(false);
  });
});
