/** A timestamp accepted under RFC 3339 with an explicit offset. */
export type CanonicalTime =
  { ok: true; utc: Date; iso: string; offset: string } | { ok: false; reason: string };

const RFC3339 =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:\d{2})$/;

export const MAX_CLOCK_SKEW_MS = 5 * 60 * 1000;

/**
 * Parses an RFC 3339 timestamp that carries its offset (`Z` or `±hh:mm`), keeping the original
 * offset beside the UTC value (millisecond precision, finer digits truncated). Refuses no-offset,
 * `-00:00` (unknown local offset), epoch numbers, Excel serials, leap seconds, impossible dates,
 * years before 1970, and times more than five minutes after `now`.
 */
export function canonicalTime(input: string, now: Date): CanonicalTime {
  const m = RFC3339.exec(input);
  if (!m) {
    if (/^-?\d+(\.\d+)?$/.test(input)) {
      return fail('a bare number (epoch or Excel serial) is ambiguous');
    }
    if (/^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(input)) {
      return fail('no UTC offset');
    }
    return fail('not an RFC 3339 timestamp with offset (YYYY-MM-DDThh:mm:ss[.fff](Z|±hh:mm))');
  }
  const [, y, mo, d, h, mi, s, frac, off] = m as unknown as string[];
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  if (year < 1970) return fail('year before 1970');
  if (month < 1 || month > 12) return fail('month out of range');
  if (day < 1 || day > daysInMonth(year, month)) return fail('day does not exist in that month');
  if (Number(h) > 23 || Number(mi) > 59) return fail('hour or minute out of range');
  if (Number(s) > 59) return fail('second 60 (leap second) is not accepted');
  if (off === '-00:00') return fail('offset -00:00 means the local offset is unknown');
  let offsetMinutes = 0;
  if (off !== 'Z') {
    const oh = Number(off!.slice(1, 3));
    const om = Number(off!.slice(4, 6));
    if (oh > 23 || om > 59) return fail('offset out of range');
    offsetMinutes = (off!.startsWith('-') ? -1 : 1) * (oh * 60 + om);
  }
  const ms = Number((frac ?? '').padEnd(3, '0').slice(0, 3));
  const local = Date.UTC(year, month - 1, day, Number(h), Number(mi), Number(s), ms);
  const utc = new Date(local - offsetMinutes * 60_000);
  if (utc.getTime() > now.getTime() + MAX_CLOCK_SKEW_MS) {
    return fail('in the future (beyond 5 minutes of clock skew)');
  }
  // A 24-character UTC input (YYYY-MM-DDThh:mm:ss.fffZ) is already the canonical ISO form.
  const iso = off === 'Z' && input.length === 24 ? input : utc.toISOString();
  return { ok: true, utc, iso, offset: off === 'Z' ? 'Z' : off! };
}

const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function daysInMonth(year: number, month: number): number {
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return month === 2 && leap ? 29 : DAYS[month - 1]!;
}

function fail(reason: string): CanonicalTime {
  return { ok: false, reason };
}
