import { describe, expect, it } from 'vitest';
import { DEFAULT_RULE_SET } from '#core/scoring/default-rule-set.js';
import { evidence, evMatch, evObs, evTip } from '#test/scoring-factories.js';
import type { FactorDefinition } from './factors.schema.js';
import { RuleSet } from './rule-set.js';
import type { SubjectEvidence } from './subject-evidence.js';

const KINDS = ['query_hit', 'browse_host', 'swarm_announce', 'download_verified'] as const;

function scoreWith(factor: FactorDefinition, input: SubjectEvidence) {
  const sut = RuleSet.fromDefinition({
    ...DEFAULT_RULE_SET,
    rules: [{ id: 'r', description: 'rule under test', weight: 10, factor }],
  });
  return sut.evaluate(input).matched.map(({ points, evidenceIds }) => ({ points, evidenceIds }));
}

const day = (d: number): string => new Date(Date.UTC(2024, 0, d)).toISOString();

const cases: Array<
  [string, FactorDefinition, SubjectEvidence, Array<{ points: number; evidenceIds: string[] }>]
> = [
  [
    'unmatched files beside known ones: log-scaled count of unmatched files',
    { type: 'unmatched_beside_known', minKnownFiles: 1, saturation: 10, evidenceKinds: [...KINDS] },
    evidence({ observations: [evObs('a'), evObs('b'), evObs('c')], matches: [evMatch('a')] }),
    [{ points: 4.58, evidenceIds: ['a', 'b', 'c'] }],
  ],
  [
    'unmatched files without known material: nothing',
    { type: 'unmatched_beside_known', minKnownFiles: 1, saturation: 10, evidenceKinds: [...KINDS] },
    evidence({ observations: [evObs('a'), evObs('b')] }),
    [],
  ],
  [
    'a benign file is not unmatched, and benign beats known on one file',
    { type: 'unmatched_beside_known', minKnownFiles: 1, saturation: 10, evidenceKinds: [...KINDS] },
    evidence({
      observations: [evObs('a'), evObs('b')],
      matches: [evMatch('a'), evMatch('b', { kind: 'benign' }), evMatch('a', { kind: 'benign' })],
    }),
    [],
  ],
  [
    'unmatched files counted only for the configured evidence kinds',
    {
      type: 'unmatched_beside_known',
      minKnownFiles: 1,
      saturation: 10,
      evidenceKinds: ['browse_host'],
    },
    evidence({ observations: [evObs('a'), evObs('b')], matches: [evMatch('a')] }),
    [],
  ],
  [
    'victim identified',
    { type: 'victim_identified' },
    evidence({
      observations: [evObs('a'), evObs('b')],
      matches: [
        evMatch('a', { victimIdentified: true }),
        evMatch('b', { victimIdentified: false }),
      ],
    }),
    [{ points: 10, evidenceIds: ['a'] }],
  ],
  [
    'listed series, compared without case or punctuation',
    { type: 'series_listed', series: ['Series X'] },
    evidence({
      observations: [evObs('a'), evObs('b')],
      matches: [evMatch('a', { series: 'series-x' }), evMatch('b')],
    }),
    [{ points: 10, evidenceIds: ['a'] }],
  ],
  [
    'category severity: the most severe category, with the rows that carry it',
    {
      type: 'category_severity',
      severities: [
        { scheme: 'caid', code: 'A', severity: 1 },
        { scheme: 'caid', code: 'B', severity: 0.6 },
      ],
    },
    evidence({
      observations: [evObs('a'), evObs('b')],
      matches: [
        evMatch('a', { categoryScheme: 'caid', categoryCode: 'B' }),
        evMatch('b', { categoryScheme: 'caid', categoryCode: 'A' }),
      ],
    }),
    [{ points: 10, evidenceIds: ['b'] }],
  ],
  [
    'category severity from a CyberTip file classification',
    { type: 'category_severity', severities: [{ scheme: 'ncmec', code: 'B2', severity: 0.3 }] },
    evidence({
      tips: [
        evTip('T', {
          files: [{ id: 'tip:T/file:F', fileAnnotations: [], industryClassification: 'B2' }],
        }),
      ],
    }),
    [{ points: 3, evidenceIds: ['tip:T/file:F'] }],
  ],
  [
    'category schemes are never merged: a dhs code does not count as caid',
    { type: 'category_severity', severities: [{ scheme: 'caid', code: 'A', severity: 1 }] },
    evidence({
      observations: [evObs('a')],
      matches: [evMatch('a', { categoryScheme: 'dhs', categoryCode: 'A' })],
    }),
    [],
  ],
  [
    'verified downloads of known files (possession evidenced)',
    { type: 'known_files_by_evidence_kind', evidenceKinds: ['download_verified'], saturation: 10 },
    evidence({
      observations: [evObs('a', { evidenceKind: 'download_verified' }), evObs('b')],
      matches: [evMatch('a'), evMatch('b')],
    }),
    [{ points: 2.89, evidenceIds: ['a'] }],
  ],
  [
    'distinct known files, log-scaled; repeated sightings of one file count once',
    { type: 'distinct_known_files', saturation: 500 },
    evidence({
      observations: [evObs('a'), evObs('a2', { fileKey: 'sha1:a' }), evObs('b'), evObs('c')],
      matches: [evMatch('a'), evMatch('a2'), evMatch('b'), evMatch('c')],
    }),
    [{ points: 2.23, evidenceIds: ['a', 'a2', 'b', 'c'] }],
  ],
  [
    'distinct series, log-scaled',
    { type: 'distinct_series', saturation: 20 },
    evidence({
      observations: [evObs('a'), evObs('b'), evObs('c')],
      matches: [
        evMatch('a', { series: 'S1' }),
        evMatch('b', { series: 's1' }),
        evMatch('c', { series: 'S2' }),
      ],
    }),
    [{ points: 3.61, evidenceIds: ['a', 'b', 'c'] }],
  ],
  [
    'distinct UTC days active with known material',
    { type: 'distinct_days_active', saturation: 30 },
    evidence({
      observations: [
        evObs('a', { observedAt: day(1) }),
        evObs('b', { observedAt: '2024-01-01T23:30:00-00:00' }),
        evObs('c', { observedAt: day(3) }),
        evObs('u', { observedAt: day(9) }),
      ],
      matches: [evMatch('a'), evMatch('b'), evMatch('c')],
    }),
    [{ points: 3.2, evidenceIds: ['a', 'b', 'c'] }],
  ],
  [
    'recency: half the weight one half-life after the last known sighting',
    { type: 'recency', halfLifeDays: 30 },
    evidence({
      asOf: day(32),
      observations: [evObs('a', { observedAt: day(1) }), evObs('b', { observedAt: day(2) })],
      matches: [evMatch('a'), evMatch('b')],
    }),
    [{ points: 5, evidenceIds: ['b'] }],
  ],
  [
    'CyberTip incident type',
    { type: 'tip_incident_type', incidentTypes: ['Online Enticement of Children for Sexual Acts'] },
    evidence({
      tips: [
        evTip('T1', { incidentType: 'online enticement of children for sexual acts' }),
        evTip('T2'),
      ],
    }),
    [{ points: 10, evidenceIds: ['tip:T1'] }],
  ],
  [
    'CyberTip file annotation',
    { type: 'tip_annotation', annotations: ['infant'], scope: 'file' },
    evidence({
      tips: [
        evTip('T1', {
          files: [
            { id: 'tip:T1/file:F1', fileAnnotations: ['Infant'], industryClassification: null },
          ],
        }),
      ],
    }),
    [{ points: 10, evidenceIds: ['tip:T1/file:F1'] }],
  ],
  [
    'a report-scoped annotation rule ignores file annotations',
    { type: 'tip_annotation', annotations: ['infant'], scope: 'report' },
    evidence({
      tips: [
        evTip('T1', {
          files: [
            { id: 'tip:T1/file:F1', fileAnnotations: ['infant'], industryClassification: null },
          ],
        }),
      ],
    }),
    [],
  ],
  [
    'registry match',
    { type: 'registry_match' },
    evidence({ registryMatch: { isMatch: true, evidenceId: 'registry:check-7' } }),
    [{ points: 10, evidenceIds: ['registry:check-7'] }],
  ],
  [
    'a recorded registry check without a match earns nothing',
    { type: 'registry_match' },
    evidence({ registryMatch: { isMatch: false, evidenceId: 'registry:check-8' } }),
    [],
  ],
];

describe('factors', () => {
  it.each(cases)('%s', (_, factor, input, expected) => {
    expect(scoreWith(factor, input)).toEqual(expected);
  });
});
