import { describe, expect, it } from 'vitest';
import { bucketByPeriod, lanesByIp } from './timeline-data';

const at = (observedAt: string, ip = '192.0.2.1') => ({
  observedAt,
  ip,
  isp: 'Example ISP',
  municipality: 'Sudbury',
  ipFlags: [] as string[],
});

describe(bucketByPeriod.name, () => {
  it('counts per day and keeps empty days on the axis', () => {
    const result = bucketByPeriod([
      at('2015-03-01T01:00:00Z'),
      at('2015-03-01T23:59:59Z'),
      at('2015-03-03T12:00:00Z'),
    ]);
    expect(result.unit).toBe('day');
    expect(result.items).toEqual([
      { label: '2015-03-01', count: 2 },
      { label: '2015-03-02', count: 0 },
      { label: '2015-03-03', count: 1 },
    ]);
  });

  it('counts per week past 120 days, every observation in exactly one week', () => {
    const result = bucketByPeriod([at('2015-01-01T00:00:00Z'), at('2015-06-01T00:00:00Z')]);
    expect(result.unit).toBe('week');
    expect(result.items.reduce((n, b) => n + b.count, 0)).toBe(2);
    expect(result.items[0]).toEqual({ label: '2015-01-01', count: 1 });
  });

  it('ignores unreadable times and answers no buckets for none', () => {
    expect(bucketByPeriod([at('not a time')])).toEqual({ unit: 'day', items: [] });
  });
});

describe(lanesByIp.name, () => {
  it('gives one lane per address, most observed first, over the shared span', () => {
    const result = lanesByIp([
      at('2015-03-02T00:00:00Z', '198.51.100.7'),
      at('2015-03-01T00:00:00Z', '192.0.2.1'),
      at('2015-03-03T00:00:00Z', '198.51.100.7'),
    ]);
    expect(result.lanes.map((l) => [l.label, l.times.length])).toEqual([
      ['198.51.100.7', 2],
      ['192.0.2.1', 1],
    ]);
    expect(result.lanes[0]!.sublabel).toBe('Example ISP · Sudbury');
    expect(result.from).toBe(Date.parse('2015-03-01T00:00:00Z'));
    expect(result.to).toBe(Date.parse('2015-03-03T00:00:00Z'));
  });
});
