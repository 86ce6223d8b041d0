import { describe, expect, it } from 'vitest';
import {
  categoryName,
  countedLines,
  formatDate,
  formatDateTime,
  label,
  plural,
  wordingsOn,
} from './format';

describe('format', () => {
  it('words counts with the right plural', () => {
    expect(plural(1, 'observation')).toBe('1 observation');
    expect(plural(0, 'observation')).toBe('0 observations');
    expect(plural(1200, 'tip person')).toBe('1,200 tip persons');
    expect(plural(2, 'IP address', 'IP addresses')).toBe('2 IP addresses');
  });

  it('writes dates for sentences, never as raw ISO', () => {
    expect(formatDate('2026-03-07')).toBe('7 Mar 2026');
    expect(formatDate('2026-12-31T23:59:59.000Z')).toBe('31 Dec 2026');
    expect(formatDateTime('2026-03-07T09:05:30.000Z')).toBe('7 Mar 2026, 09:05 UTC');
    expect(formatDate(null)).toBe('—');
  });

  it('labels stored codes', () => {
    expect(label('legal_process_requested')).toBe('Legal process requested');
    expect(categoryName('projectvic', '4', 'Comparison')).toBe('Comparison (Project VIC 4)');
    expect(categoryName('dhs', '2', null)).toBe('DHS 2 (no label)');
    expect(categoryName('vics_us', '0', 'Non-Pertinent')).toBe('Non-Pertinent (VICS US 0)');
    expect(categoryName(null, null, null)).toBe('Uncategorised');
  });

  it('chooses one wording per offence for a day', () => {
    const offences = [
      { code: 'p', section: 's. 1', label: 'old', inForceFrom: '1993-08-01' },
      { code: 'p', section: 's. 1', label: 'new', inForceFrom: '2025-10-10' },
      { code: 'q', section: 's. 2', label: 'only', inForceFrom: '2030-01-01' },
    ];
    expect(wordingsOn(offences, '2025-01-01').map((o) => o.label)).toEqual(['old', 'only']);
    expect(wordingsOn(offences, '2026-01-01').map((o) => o.label)).toEqual(['new', 'only']);
    expect(wordingsOn(offences.toReversed(), '2025-01-01').map((o) => o.label)).toEqual([
      'only',
      'old',
    ]);
  });

  it('counts identical records on one line', () => {
    const lines = countedLines(['a', 'b', 'a', 'a'], (x) => x);
    expect(lines).toEqual([
      { item: 'a', count: 3 },
      { item: 'b', count: 1 },
    ]);
  });
});
