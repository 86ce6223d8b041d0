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
  return sut.evaluate(input).matched.map(({ points, evidenceIds, reason }) => ({
    points,
    evidenceIds,
    reason,
  }));
}

const sole: FactorDefinition = {
  type: 'sole_source_unmatched',
  minKnownFiles: 1,
  maxSharingSubjects: 1,
  minFiles: 2,
  fullShare: 0.5,
  evidenceKinds: [...KINDS],
};

/** Known file k, unmatched files u1..u3; u3 is also shared by another subject. */
const shared = (counts: Record<string, number> | undefined) =>
  evidence({
    observations: ['k', 'u1', 'u2', 'u3'].map((id) => evObs(id)),
    matches: [evMatch('k')],
    ...(counts ? { fileSubjectCounts: counts } : {}),
  });

describe('sole_source_unmatched', () => {
  it('counts unmatched files no one else shares, by their share of the files', () => {
    const [hit] = scoreWith(
      sole,
      shared({ 'sha1:k': 9, 'sha1:u1': 1, 'sha1:u2': 1, 'sha1:u3': 2 }),
    );
    // 2 of 4 files (50%) reach the full share.
    expect(hit).toMatchObject({ points: 10, evidenceIds: ['k', 'u1', 'u2'] });
    expect(hit?.reason).toContain('2 files in no hash set');
  });

  it('scales below the full share, and gives nothing under minFiles or without counts', () => {
    const counts = { 'sha1:k': 1, 'sha1:u1': 1, 'sha1:u2': 1, 'sha1:u3': 1 };
    expect(scoreWith({ ...sole, fullShare: 1 }, shared(counts))[0]?.points).toBe(7.5);
    expect(scoreWith({ ...sole, minFiles: 4 }, shared(counts))).toEqual([]);
    expect(scoreWith(sole, shared(undefined))).toEqual([]);
    expect(scoreWith({ ...sole, minKnownFiles: 2 }, shared(counts))).toEqual([]);
  });
});

const focus: FactorDefinition = {
  type: 'series_concentration',
  minKnownFiles: 4,
  topSeries: 1,
  floorShare: 0.25,
  fullShare: 0.75,
};
const collection = (series: string[]) =>
  evidence({
    observations: series.map((_, i) => evObs(`o${i}`)),
    matches: series.map((s, i) => evMatch(`o${i}`, { series: s })),
  });

describe('series_concentration', () => {
  it.each([
    [['A', 'A', 'A', 'B'], 10, ['o0', 'o1', 'o2']],
    [['A', 'A', 'B', 'C'], 5, ['o0', 'o1']],
  ])('scores %j by the share of its top series', (series, points, ids) => {
    expect(scoreWith(focus, collection(series))).toEqual([
      expect.objectContaining({ points, evidenceIds: ids }),
    ]);
  });

  it('gives nothing for a broad collection or too few known files', () => {
    expect(scoreWith(focus, collection(['A', 'B', 'C', 'D']))).toEqual([]);
    expect(scoreWith(focus, collection(['A', 'A', 'A']))).toEqual([]);
  });

  it('rejects a rule set whose full share is not above its floor', () => {
    expect(() =>
      RuleSet.fromDefinition({
        ...DEFAULT_RULE_SET,
        rules: [{ id: 'r', description: 'd', weight: 1, factor: { ...focus, fullShare: 0.25 } }],
      }),
    ).toThrow('invalid rule set');
  });
});

describe('rule set v2', () => {
  it('traces every point of every rule to evidence rows of the subject', () => {
    const ids = ['k1', 'k2', 'k3', 'k4', 'k5', 'u1', 'u2', 'u3'];
    const input = evidence({
      observations: ids.map((id) =>
        evObs(id, { evidenceKind: id === 'k5' ? 'query_hit' : 'download_verified' }),
      ),
      matches: ids
        .filter((id) => id.startsWith('k'))
        .map((id) =>
          evMatch(id, {
            series: 'S',
            victimIdentified: true,
            categoryScheme: 'caid',
            categoryCode: 'A',
          }),
        ),
      fileSubjectCounts: Object.fromEntries(ids.map((id) => [`sha1:${id}`, 1])),
      tips: [
        evTip('T1', {
          incidentType: 'Online Enticement of Children for Sexual Acts',
          reportAnnotations: ['sextortion', 'escalateToHighPriority'],
          files: [
            {
              id: 'tip:T1/file:1',
              fileAnnotations: ['infant', 'possibleSelfProduction'],
              industryClassification: 'A1',
            },
          ],
        }),
      ],
      registryMatch: { isMatch: true, evidenceId: 'registry:1' },
    });
    const known = new Set([...ids, 'tip:T1', 'tip:T1/file:1', 'registry:1']);
    const sut = RuleSet.fromDefinition(DEFAULT_RULE_SET).evaluate(input);
    expect(sut.ruleSetVersion).toBe(2);
    expect(sut.matched.map((m) => m.ruleId).sort()).toEqual(
      DEFAULT_RULE_SET.rules.map((r) => r.id).sort(),
    );
    for (const m of sut.matched) {
      expect(m.evidenceIds.length).toBeGreaterThan(0);
      expect(m.evidenceIds.filter((id) => !known.has(id))).toEqual([]);
    }
    expect(sut.score).toBeCloseTo(
      sut.matched.reduce((s, m) => s + m.points, 0),
      6,
    );
  });

  it('weights sum to 100', () => {
    expect(DEFAULT_RULE_SET.rules.reduce((s, r) => s + r.weight, 0)).toBe(100);
  });
});
