const DAY = 86_400_000;
const day = (t: number) => new Date(t).toISOString().slice(0, 10);

/** The last `days` UTC days, today included (the unit report counts whole UTC days, both ends). */
export function lastDays(now: number, days = 90): { from: string; to: string } {
  return { from: day(now - (days - 1) * DAY), to: day(now) };
}
