import type { Clock } from '#platform/clock.js';

/** A clock that stands still until a test moves it. */
export function fixedClock(
  iso: string,
): Clock & { advance: (ms: number) => void; set: (iso: string) => void } {
  let now = new Date(iso).getTime();
  return {
    now: () => new Date(now),
    advance: (ms) => void (now += ms),
    set: (value) => void (now = new Date(value).getTime()),
  };
}
