import { describe, expect, it } from 'vitest';
import type { Attribution } from '#core/attribution/attributor.js';
import { copyLine, copySuffix, reattributeCopyText } from './intake.repository.js';
import type { AttributedObservation } from './intake.types.js';
import { validateRecord } from './p2p-record.js';

const now = new Date('2026-01-01T00:00:00Z');

function row(ip: string, line: number, attribution: Attribution): AttributedObservation {
  const result = validateRecord(
    {
      observed_at: '2025-03-04T05:06:07.890+02:00',
      network: 'gnutella',
      ip,
      port: '6346',
      hash_type: 'md5',
      hash: '900150983cd24fb0d6963f7d28e17f72',
      evidence_kind: 'query_hit',
      observer: 'station\\one',
      file_name: 'a\\b.avi',
    },
    now,
  );
  if (!result.ok) throw new Error(result.reason);
  return { ...result.value, line, attribution };
}

const placed: Attribution = {
  countryCode: 'CA',
  region: 'Ontario',
  city: 'Greater Sudbury',
  asn: 14661,
  asOrg: 'Laurentian University',
  flags: [],
  agencyCode: 'ON-GSPS',
  unassignedReason: null,
};
const tor: Attribution = {
  ...placed,
  flags: ['tor'],
  agencyCode: null,
  unassignedReason: 'Tor exit at that time: not attributable',
};

describe('observation COPY text', () => {
  const suffix = copySuffix('7d0f3b8e-9a52-4c41-9a0e-2b1f3c4d5e6f', 'log\\1.csv');
  const a = row('142.51.1.1', 2, placed);
  const b = row('142.51.1.2', 3, placed);
  const text = copyLine(a, suffix) + copyLine(b, suffix);

  it('renders one escaped, tab-separated line per row ending in the import and source file', () => {
    const cols = copyLine(a, suffix).slice(0, -1).split('\t');
    expect(cols).toHaveLength(27);
    expect(cols.slice(0, 6)).toEqual([
      a.id,
      '2025-03-04T03:06:07.890Z',
      '+02:00',
      'gnutella',
      '142.51.1.1',
      '6346',
    ]);
    expect(cols[10]).toBe('a\\\\b.avi');
    expect(cols[13]).toBe('station\\\\one');
    expect(cols.slice(17, 25)).toEqual([
      'CA',
      'Ontario',
      'Greater Sudbury',
      '14661',
      'Laurentian University',
      '{}',
      'ON-GSPS',
      '\\N',
    ]);
    expect(cols.slice(25)).toEqual(['7d0f3b8e-9a52-4c41-9a0e-2b1f3c4d5e6f', 'log\\\\1.csv']);
  });

  it('replaces the attribution of the rows asked for, reading each row back exactly', () => {
    const seen: Array<[string, string, number]> = [];
    const out = reattributeCopyText(text, (ip, at, port) => {
      seen.push([ip, at.toISOString(), port]);
      return ip === '142.51.1.2' ? tor : null;
    });
    expect(seen).toEqual([
      ['142.51.1.1', '2025-03-04T03:06:07.890Z', 6346],
      ['142.51.1.2', '2025-03-04T03:06:07.890Z', 6346],
    ]);
    expect(out).toBe(copyLine(a, suffix) + copyLine({ ...b, attribution: tor }, suffix));
  });

  it('keeps the text byte for byte when no row changes', () => {
    expect(reattributeCopyText(text, () => null)).toBe(text);
  });
});
