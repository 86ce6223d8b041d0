import { describe, expect, it } from 'vitest';
import { RULE_SET_V1 } from '#core/scoring/default-rule-set.js';
import { RuleSet } from '#core/scoring/engine/rule-set.js';
import { SubjectEvidenceSchema } from '#core/scoring/engine/subject-evidence.js';
import type { HashMatchRow } from '#core/subjects/subjects.schema.js';
import { linkSubjects } from '#core/subjects/linking/link-subjects.js';
import { attr, guid, obs, tip } from '#test/subject-factories.js';
import { buildSubjectEvidence } from './build-subject-evidence.js';

const known = (observationId: string, extra: Partial<HashMatchRow> = {}): HashMatchRow => ({
  observationId,
  hashSetId: 'hs-known',
  hashSetName: 'Synthetic known set',
  hashSetVersion: '3',
  kind: 'known',
  categoryScheme: null,
  categoryCode: null,
  series: null,
  victimIdentified: null,
  isDistributed: null,
  ...extra,
});

const observations = [
  obs('o1', { clientId: guid('a'), evidenceKind: 'download_verified' }),
  obs('o2', {
    clientId: guid('a'),
    ip: '99.240.12.30',
    at: '2024-01-05T00:00:00Z',
    hash: 'b'.repeat(40),
  }),
  obs('o3', { ip: '8.8.4.4', at: '2024-01-02T00:00:00Z' }),
];
const matches = [known('o1', { categoryScheme: 'caid', categoryCode: 'A' }), known('o3')];
const attributions = [{ ...attr('o1'), agencyCode: 'GSPS' }, attr('o3', ['tor'])];
const tips = [
  tip(
    'T1',
    {
      ipCaptureEvents: [
        { ip: '99.240.12.30', dateTime: new Date('2024-01-05T03:00:00Z'), port: null },
      ],
      emails: ['x@example.org'],
    },
    {
      incidentType: 'Online Enticement of Children for Sexual Acts',
      files: [
        {
          fileId: 'F1',
          md5: null,
          fileAnnotations: ['possibleSelfProduction'],
          industryClassification: 'A1',
        },
      ],
    },
  ),
];

describe(buildSubjectEvidence.name, () => {
  const sut = buildSubjectEvidence(observations, matches, attributions, tips);

  it('builds one valid engine input per linked subject', () => {
    expect(sut).toHaveLength(2);
    for (const e of sut) expect(SubjectEvidenceSchema.safeParse(e).success).toBe(true);
  });

  it('carries observations, matches, attributions and linked tips into the subject', () => {
    const main = sut.find((e) => e.observations.some((o) => o.id === 'o1'))!;
    expect(main.observations.map((o) => [o.id, o.fileKey, o.hasJurisdiction])).toEqual([
      ['o1', `sha1:${'a9993e364706816aba3e25717850c26c9cd0d89d'}`, true],
      ['o2', `sha1:${'b'.repeat(40)}`, false],
    ]);
    expect(main.matches).toEqual([
      {
        observationId: 'o1',
        hashSetId: 'hs-known',
        hashSetVersion: '3',
        kind: 'known',
        categoryScheme: 'caid',
        categoryCode: 'A',
        series: null,
        victimIdentified: null,
      },
    ]);
    expect(main.tips).toEqual([
      {
        id: 'tip:T1',
        incidentType: 'Online Enticement of Children for Sexual Acts',
        reportAnnotations: [],
        files: [
          {
            id: 'tip:T1/file:F1',
            fileAnnotations: ['possibleSelfProduction'],
            industryClassification: 'A1',
          },
        ],
        ipEvents: [{ ip: '99.240.12.30', port: null, possibleProxy: false }],
        hasAccountIdentifiers: true,
      },
    ]);
    expect(main.linkCohesion).toBe(0.6);
    expect(main.asOf).toBe('2024-01-05T03:00:00.000Z');
  });

  it('uses a given linking result, asOf and registry matches', () => {
    const linking = linkSubjects({ observations, attributions, tips });
    const key = linking.subjects[0]!.key;
    const out = buildSubjectEvidence(observations, matches, attributions, tips, {
      linking,
      asOf: new Date('2024-02-01T00:00:00Z'),
      registryMatches: new Map([[key, 'registry:check-1']]),
    });
    expect(out.map((e) => e.subjectKey)).toEqual(linking.subjects.map((s) => s.key));
    expect(out[0]?.registryMatch).toEqual({ isMatch: true, evidenceId: 'registry:check-1' });
    expect(out[1]?.registryMatch).toBeNull();
    expect(out[0]?.asOf).toBe('2024-02-01T00:00:00.000Z');
  });

  it('scores the rows end to end, with every point traceable to a row', () => {
    const ruleSet = RuleSet.fromDefinition(RULE_SET_V1);
    const scores = sut.map((e) => ruleSet.evaluate(e));
    const main = scores.find((s) => s.matched.some((m) => m.ruleId === 'tip_enticement'))!;
    expect(main.matched.map((m) => m.ruleId)).toEqual([
      'possible_production',
      'tip_enticement',
      'tip_possible_self_production',
      'category_severity',
      'distribution_verified',
      'volume',
      'persistence',
      'recency',
    ]);
    expect(
      main.matched
        .flatMap((m) => m.evidenceIds)
        .filter((id) => !['o1', 'o2', 'tip:T1/file:F1', 'tip:T1'].includes(id)),
    ).toEqual([]);
    const torOnly = scores.find((s) => s !== main)!;
    expect(torOnly.attribution.flags).toContain('tor');
    expect(torOnly.attribution.confidence.level).toBe('low');
  });
});
