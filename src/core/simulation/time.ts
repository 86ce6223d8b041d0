const DAY = 86_400_000;

/** Milliseconds since the epoch of a `YYYY-MM-DD` date at 00:00 UTC. */
export function dayStart(date: string): number {
  const ms = Date.parse(`${date}T00:00:00Z`);
  if (Number.isNaN(ms)) throw new RangeError(`not a date: ${date}`);
  return ms;
}

const pad2 = (n: number) => (n < 10 ? `0${n}` : `${n}`);
const pad3 = (n: number) => (n < 10 ? `00${n}` : n < 100 ? `0${n}` : `${n}`);

/**
 * Fast RFC 3339 formatting for the row hot path: the date part is cached per day, the time part
 * is arithmetic. Pure: no clock is read.
 */
export class TimestampFormatter {
  private day = -1;
  private datePart = '';
  private localDay = -1;
  private second = -1;
  private secondPart = '';
  private localDatePart = '';

  /** `YYYY-MM-DDTHH:MM:SS.mmmZ`. */
  utc(ms: number): string {
    return `${this.date(ms)}T${this.clock(ms)}Z`;
  }

  /** The same instant written in Ontario local time with its offset (`-05:00` or `-04:00` in DST). */
  toronto(ms: number): string {
    const offset = torontoOffsetHours(ms);
    const local = ms + offset * 3_600_000;
    const day = Math.floor(local / DAY);
    if (day !== this.localDay) {
      this.localDay = day;
      this.localDatePart = new Date(day * DAY).toISOString().slice(0, 10);
    }
    return `${this.localDatePart}T${this.clock(local)}-0${-offset}:00`;
  }

  /** `YYYY-MM-DD HH:MM:SS` (TorDNSEL). */
  plain(ms: number): string {
    return `${this.date(ms)} ${this.clock(ms).slice(0, 8)}`;
  }

  private date(ms: number): string {
    const day = Math.floor(ms / DAY);
    if (day !== this.day) {
      this.day = day;
      this.datePart = new Date(day * DAY).toISOString().slice(0, 10);
    }
    return this.datePart;
  }

  private clock(ms: number): string {
    const inDay = ms - Math.floor(ms / DAY) * DAY;
    const second = Math.floor(inDay / 1000);
    // Rows come in time order, many within one second: reuse the HH:MM:SS part.
    if (second !== this.second) {
      this.second = second;
      this.secondPart = `${pad2(Math.floor(second / 3600))}:${pad2(Math.floor(second / 60) % 60)}:${pad2(second % 60)}.`;
    }
    return this.secondPart + pad3(inDay % 1000);
  }
}

/** America/Toronto since 2007: DST from the second Sunday of March 02:00 to the first Sunday of November 02:00. */
export function torontoOffsetHours(ms: number): number {
  const span = torontoDstSpan(new Date(ms).getUTCFullYear());
  return ms >= span[0] && ms < span[1] ? -4 : -5;
}

/** The UTC instants [start, end) of Toronto's daylight saving time in `year`. */
export function torontoDstSpan(year: number): readonly [number, number] {
  let span = DST.get(year);
  if (!span) {
    span = [nthSunday(year, 2, 2) + 7 * 3_600_000, nthSunday(year, 10, 1) + 6 * 3_600_000]; // 02:00 local
    DST.set(year, span);
  }
  return span;
}

const DST = new Map<number, [number, number]>();

function nthSunday(year: number, month: number, n: number): number {
  const first = Date.UTC(year, month, 1);
  const dow = new Date(first).getUTCDay();
  return first + (((7 - dow) % 7) + (n - 1) * 7) * DAY;
}

export const MS_PER_DAY = DAY;
