/**
 * ISP responses give times in the ISP's own zone. Converting one to UTC is where wrong-house
 * searches begin (a wrong zone, a DST hour, a wrong year), so the conversion never guesses: a
 * local time that does not exist or exists twice in the zone is reported, not resolved.
 */
export type IspTimeResult =
  | { ok: true; utc: Date }
  | { ok: false; reason: 'invalid_zone' | 'invalid_time' | 'nonexistent' | 'ambiguous' };

const LOCAL = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})$/;

/** The zone's offset from UTC (ms) at an instant. */
function offsetAt(zone: string, instant: number): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: zone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(instant));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const asUtc = Date.UTC(
    get('year'),
    get('month') - 1,
    get('day'),
    get('hour'),
    get('minute'),
    get('second'),
  );
  return asUtc - Math.floor(instant / 1000) * 1000;
}

/** Converts `YYYY-MM-DDTHH:MM:SS` (no offset) in IANA zone `zone` to UTC, refusing ambiguity. */
export function ispLocalToUtc(local: string, zone: string): IspTimeResult {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone }).format(0);
  } catch {
    return { ok: false, reason: 'invalid_zone' };
  }
  const m = LOCAL.exec(local);
  if (!m) return { ok: false, reason: 'invalid_time' };
  const [y, mo, d, h, mi, s] = m.slice(1).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const wall = Date.UTC(y, mo - 1, d, h, mi, s);
  const check = new Date(wall);
  if (check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d || h > 23 || mi > 59 || s > 59) {
    return { ok: false, reason: 'invalid_time' };
  }
  // Every offset the zone uses within a day of this wall time; each that maps back is a reading.
  const offsets = new Set(
    [-36, -12, 0, 12, 36].map((hours) => offsetAt(zone, wall + hours * 3_600_000)),
  );
  const readings = [...offsets]
    .map((offset) => wall - offset)
    .filter((instant) => offsetAt(zone, instant) === wall - instant);
  const unique = [...new Set(readings)];
  if (unique.length === 0) return { ok: false, reason: 'nonexistent' };
  if (unique.length > 1) return { ok: false, reason: 'ambiguous' };
  return { ok: true, utc: new Date(unique[0]!) };
}
