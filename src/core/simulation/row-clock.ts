import { put2 } from './byte-writer.js';
import { MS_PER_DAY, torontoDstSpan } from './time.js';

const DAY = MS_PER_DAY;

/**
 * Writes a row's RFC 3339 timestamp as bytes: `YYYY-MM-DDTHH:MM:SS.mmmZ`, or the same instant in
 * Ontario local time with its offset (`-05:00`, or `-04:00` in DST). The same text as
 * TimestampFormatter's `utc` and `toronto`, without a string: the date part is encoded once per
 * day and the DST span once per year, the time of day is arithmetic. Pure: no clock is read.
 */
export class RowClock {
  private readonly utcDate = new DatePart();
  private readonly localDate = new DatePart();
  private yearFrom = 0;
  private yearTo = -1;
  private dstFrom = 0;
  private dstTo = 0;

  /** Writes the timestamp at `p`; returns the end. The first 4 bytes are the year. */
  write(buf: Uint8Array, p: number, ms: number, local: boolean): number {
    if (!local) {
      p = this.utcDate.write(buf, p, ms);
      p = clock(buf, p, ms);
      buf[p] = 90; // Z
      return p + 1;
    }
    const offset = this.torontoOffset(ms);
    const at = ms + offset * 3_600_000;
    p = this.localDate.write(buf, p, at);
    p = clock(buf, p, at);
    buf[p] = 45; // -
    buf[p + 1] = 48;
    buf[p + 2] = 48 - offset;
    buf[p + 3] = 58; // :
    buf[p + 4] = 48;
    buf[p + 5] = 48;
    return p + 6;
  }

  private torontoOffset(ms: number): number {
    if (ms < this.yearFrom || ms >= this.yearTo) {
      const year = new Date(ms).getUTCFullYear();
      this.yearFrom = Date.UTC(year, 0, 1);
      this.yearTo = Date.UTC(year + 1, 0, 1);
      [this.dstFrom, this.dstTo] = torontoDstSpan(year);
    }
    return ms >= this.dstFrom && ms < this.dstTo ? -4 : -5;
  }
}

/** `YYYY-MM-DD` of one day, encoded once, with the `T` that follows it. */
class DatePart {
  private day = Number.NaN;
  private bytes = Buffer.alloc(0);

  write(buf: Uint8Array, p: number, ms: number): number {
    const day = Math.floor(ms / DAY);
    if (day !== this.day) {
      this.day = day;
      this.bytes = Buffer.from(`${new Date(day * DAY).toISOString().slice(0, 10)}T`, 'latin1');
    }
    const bytes = this.bytes;
    for (let i = 0; i < bytes.length; i++) buf[p++] = bytes[i]!;
    return p;
  }
}

/** `HH:MM:SS.mmm` of the time of day of `ms`. */
function clock(buf: Uint8Array, p: number, ms: number): number {
  const inDay = ms - Math.floor(ms / DAY) * DAY;
  const second = Math.floor(inDay / 1000);
  put2(buf, p, Math.floor(second / 3600));
  buf[p + 2] = 58;
  put2(buf, p + 3, Math.floor(second / 60) % 60);
  buf[p + 5] = 58;
  put2(buf, p + 6, second % 60);
  buf[p + 8] = 46; // .
  const milli = inDay % 1000;
  buf[p + 9] = 48 + Math.floor(milli / 100);
  put2(buf, p + 10, milli % 100);
  return p + 12;
}
