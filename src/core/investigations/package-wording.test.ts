import { describe, expect, it } from 'vitest';
import { agencyTimeZone, formatDay, formatInstant, labelOf, plural } from './package-wording.js';

describe('lead package wording', () => {
  it('finds the agency time zone from its jurisdiction or its code, else UTC', () => {
    expect(agencyTimeZone('X1', 'CA-BC')).toBe('America/Vancouver');
    expect(agencyTimeZone('ON-TPS', '')).toBe('America/Toronto');
    expect(agencyTimeZone('DEMO', 'Ontario')).toBe('America/Toronto');
    expect(agencyTimeZone('RCMP', '')).toBe('UTC');
  });

  it('writes instants in the zone with its abbreviation, dates in words', () => {
    expect(formatInstant('2026-03-14T18:30:05Z', 'America/Toronto')).toBe('14 Mar 2026, 14:30 EDT');
    expect(formatInstant('2026-01-14T18:30:05Z', 'America/Toronto')).toBe('14 Jan 2026, 13:30 EST');
    expect(formatInstant('2026-01-14T00:05:00Z', 'UTC')).toBe('14 Jan 2026, 00:05 UTC');
    expect(formatInstant(null, 'UTC')).toBe('-');
    expect(formatDay('2026-03-28')).toBe('28 Mar 2026');
  });

  it('labels codes and counts with plurals', () => {
    expect(labelOf('legal_process_requested')).toBe('Legal process requested');
    expect(labelOf('times_in_utc_and_isp_zone')).toBe("Times in UTC and in the ISP's zone");
    expect(plural(1, 'observation')).toBe('1 observation');
    expect(plural(3, 'tip person')).toBe('3 tip persons');
  });
});
