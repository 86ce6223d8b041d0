/** Presentation only: groups a subject's observations for its charts (no scoring, no rules). */
import type { Bucket, Lane } from './charts';

const DAY = 86_400_000;

type Observed = { observedAt: string };

/** Observations per day, or per week past 120 days, with empty periods kept (the axis is time). */
export function bucketByPeriod(timeline: readonly Observed[]): { unit: string; items: Bucket[] } {
  const times = timeline.map((o) => Date.parse(o.observedAt)).filter((t) => !Number.isNaN(t));
  if (times.length === 0) return { unit: 'day', items: [] };
  const first = Math.floor(Math.min(...times) / DAY) * DAY;
  const last = Math.max(...times);
  const step = last - first > 120 * DAY ? 7 * DAY : DAY;
  const counts = new Map<number, number>();
  for (const t of times) {
    const k = first + Math.floor((t - first) / step) * step;
    counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  const items: Bucket[] = [];
  for (let k = first; k <= last; k += step) {
    items.push({ label: new Date(k).toISOString().slice(0, 10), count: counts.get(k) ?? 0 });
  }
  return { unit: step === DAY ? 'day' : 'week', items };
}

type IpObservation = Observed & {
  ip: string;
  isp: string | null;
  municipality: string | null;
  ipFlags: string[];
};

/** One lane per IP address, the most observed first, and the time span they share. */
export function lanesByIp(timeline: readonly IpObservation[]): {
  lanes: Lane[];
  from: number;
  to: number;
} {
  const byIp = new Map<string, Lane>();
  for (const o of timeline) {
    const t = Date.parse(o.observedAt);
    if (Number.isNaN(t)) continue;
    let lane = byIp.get(o.ip);
    if (!lane) {
      lane = {
        label: o.ip,
        sublabel: [o.isp, o.municipality, ...o.ipFlags].filter(Boolean).join(' · '),
        times: [],
      };
      byIp.set(o.ip, lane);
    }
    lane.times.push(t);
  }
  const lanes = [...byIp.values()].sort(
    (a, b) => b.times.length - a.times.length || a.label.localeCompare(b.label),
  );
  const all = lanes.flatMap((l) => l.times);
  return { lanes, from: Math.min(...all), to: Math.max(...all) };
}
