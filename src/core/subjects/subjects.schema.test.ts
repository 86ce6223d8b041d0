import { describe, expect, it } from 'vitest';
import { CyberTipRowSchema } from './cybertip.schema.js';
import {
  AttributionRowSchema,
  HashMatchRowSchema,
  ObservationRowSchema,
} from './subjects.schema.js';

const row = {
  id: 'obs-1',
  observedAt: '2015-03-02T14:05:11.250Z',
  network: 'gnutella',
  ip: '142.51.17.9',
  port: 6346,
  clientId: null,
  clientName: null,
  hashType: 'sha1',
  hash: 'a9993e364706816aba3e25717850c26c9cd0d89d',
  fileName: null,
  fileSize: null,
  evidenceKind: 'query_hit',
  observer: 'station-3',
  sourceFile: 'obs.csv',
  sourceLine: 2,
};

describe('row schemas', () => {
  it('accepts a database row with nulls and extra columns, dropping the extras', () => {
    const sut = ObservationRowSchema.parse(row);
    expect(sut.observedAt).toEqual(new Date('2015-03-02T14:05:11.250Z'));
    expect(sut.clientId).toBeNull();
    expect('sourceFile' in sut).toBe(false);
  });

  it.each([
    ['network', 'napster'],
    ['port', 0],
    ['hash', 'ABC'],
    ['evidenceKind', 'rumour'],
    ['observedAt', 'yesterday'],
  ])('rejects an observation with a bad %s', (field, value) => {
    const result = ObservationRowSchema.safeParse({ ...row, [field]: value });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual([field]);
  });

  it('reads matches, attributions and tips with their defaults', () => {
    expect(
      HashMatchRowSchema.parse({
        observationId: 'o',
        hashSetId: 'h',
        hashSetVersion: '2',
        kind: 'benign',
      }),
    ).toMatchObject({ kind: 'benign' });
    expect(AttributionRowSchema.parse({ observationId: 'o' }).flags).toEqual([]);
    expect(CyberTipRowSchema.parse({ reportId: 'T1', incidentType: 'x' })).toEqual({
      reportId: 'T1',
      incidentType: 'x',
      reportAnnotations: [],
      persons: [],
      files: [],
    });
  });
});
