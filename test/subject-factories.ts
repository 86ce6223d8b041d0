import type { CyberTipRow } from '#core/subjects/cybertip.schema.js';
import type { AttributionRow, ObservationRow } from '#core/subjects/subjects.schema.js';

/** Builds a synthetic observation row for tests (defaults: Gnutella, query hit, 2024-01-01). */
export function obs(
  id: string,
  overrides: Partial<ObservationRow> & { at?: string } = {},
): ObservationRow {
  const { at, ...rest } = overrides;
  return {
    id,
    observedAt: new Date(at ?? '2024-01-01T00:00:00Z'),
    network: 'gnutella',
    ip: '142.51.17.9',
    port: 6346,
    hashType: 'sha1',
    hash: 'a9993e364706816aba3e25717850c26c9cd0d89d',
    evidenceKind: 'query_hit',
    observer: 'station-1',
    ...rest,
  };
}

/** Builds a synthetic attribution row for tests. */
export function attr(observationId: string, flags: AttributionRow['flags'] = []): AttributionRow {
  return { observationId, flags };
}

/** Builds a synthetic CyberTip with one person for tests. */
export function tip(
  reportId: string,
  person: Partial<CyberTipRow['persons'][number]> = {},
  rest: Partial<CyberTipRow> = {},
): CyberTipRow {
  return {
    reportId,
    incidentType: 'Child Pornography (possession, manufacture, and distribution)',
    reportAnnotations: [],
    persons: [{ screenNames: [], emails: [], ipCaptureEvents: [], deviceIds: [], ...person }],
    files: [],
    ...rest,
  };
}

/** A 32-hex Gnutella GUID built from one repeated hex digit, for tests. */
export const guid = (digit: string): string => digit.repeat(32);

/** The subjects of a linking result as sorted lists of node refs, for table comparisons. */
export function nodeGroups(result: { subjects: Array<{ nodeRefs: string[] }> }): string[][] {
  return result.subjects
    .map((s) => s.nodeRefs)
    .sort((x, y) => (x[0]! < y[0]! ? -1 : x[0]! > y[0]! ? 1 : 0));
}
