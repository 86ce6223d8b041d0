import { describe, expect, it } from 'vitest';
import { DEFAULT_RULE_SET, RULE_SET_V1 } from '#core/scoring/default-rule-set.js';
import { ValidationError } from '#shared/errors.js';
import { evidence, evMatch, evObs, evTip } from '#test/scoring-factories.js';
import { compareScores, RuleSet } from './rule-set.js';
import { SubjectScoreSchema } from './score.schema.js';

const rule = { id: 'r', description: 'd', weight: 5, factor: { type: 'registry_match' } };

function rejection(input: unknown): unknown {
  try {
    RuleSet.fromDefinition(input);
  } catch (error) {
    return error;
  }
  return undefined;
}

describe(RuleSet.name, () => {
  it.each<[string, unknown, string]>([
    [
      'an unknown factor type',
      { ...DEFAULT_RULE_SET, rules: [{ ...rule, factor: { type: 'vibes' } }] },
      'rules.0.factor.type',
    ],
    [
      'a negative weight',
      { ...DEFAULT_RULE_SET, rules: [{ ...rule, weight: -1 }] },
      'rules.0.weight',
    ],
    ['a duplicate rule id', { ...DEFAULT_RULE_SET, rules: [rule, rule] }, 'rules.1.id'],
    [
      'a saturation of zero',
      {
        ...DEFAULT_RULE_SET,
        rules: [{ ...rule, factor: { type: 'distinct_series', saturation: 0 } }],
      },
      'rules.0.factor.saturation',
    ],
    ['a version of zero', { ...DEFAULT_RULE_SET, version: 0 }, 'version'],
    ['no attribution parameters', { ...DEFAULT_RULE_SET, attribution: undefined }, 'attribution'],
    ['no rules', { ...DEFAULT_RULE_SET, rules: [] }, 'rules'],
  ])('rejects a definition with %s, naming the path', (_, input, path) => {
    const error = rejection(input);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).details).toEqual(
      expect.arrayContaining([expect.objectContaining({ path })]),
    );
  });

  it('serialises to the definition it was built from, and rebuilds to the same scores', () => {
    const sut = RuleSet.fromDefinition(DEFAULT_RULE_SET);
    const copy = RuleSet.fromDefinition(JSON.parse(JSON.stringify(sut.serialize())));
    const input = evidence({
      observations: [evObs('a')],
      matches: [evMatch('a', { series: 'S' })],
    });
    expect(sut.serialize()).toEqual(DEFAULT_RULE_SET);
    expect(copy.evaluate(input)).toEqual(sut.evaluate(input));
  });

  it('labels a score as an assessment with its rule set version, and sums the points', () => {
    const sut = RuleSet.fromDefinition(RULE_SET_V1).evaluate(
      evidence({
        observations: [evObs('a', { evidenceKind: 'download_verified' }), evObs('b')],
        matches: [evMatch('a', { categoryScheme: 'caid', categoryCode: 'A' })],
        tips: [evTip('T1', { incidentType: 'Online Enticement of Children for Sexual Acts' })],
      }),
    );
    expect(sut.isAssessment).toBe(true);
    expect(SubjectScoreSchema.parse(JSON.parse(JSON.stringify(sut)))).toEqual(sut);
    expect(sut.ruleSetVersion).toBe(1);
    expect(sut.maxScore).toBe(100);
    expect(sut.matched.map((m) => m.ruleId)).toEqual([
      'possible_production',
      'tip_enticement',
      'category_severity',
      'distribution_verified',
      'volume',
      'persistence',
      'recency',
    ]);
    expect(sut.score).toBeCloseTo(
      sut.matched.reduce((s, m) => s + m.points, 0),
      6,
    );
  });

  it('gives nothing for benign-only matches', () => {
    const sut = RuleSet.fromDefinition(DEFAULT_RULE_SET).evaluate(
      evidence({
        observations: [evObs('a', { evidenceKind: 'download_verified' }), evObs('b')],
        matches: [evMatch('a', { kind: 'benign' }), evMatch('b', { kind: 'benign' })],
      }),
    );
    expect(sut).toMatchObject({ score: 0, matched: [] });
  });

  it('traces every point to evidence rows of the subject', () => {
    const input = evidence({
      observations: [
        evObs('a', { evidenceKind: 'download_verified' }),
        evObs('b'),
        evObs('c', { evidenceKind: 'browse_host' }),
      ],
      matches: [
        evMatch('a', {
          series: 'S',
          victimIdentified: true,
          categoryScheme: 'ncmec',
          categoryCode: 'A1',
        }),
        evMatch('b'),
      ],
      tips: [
        evTip('T1', {
          reportAnnotations: ['possibleSelfProduction'],
          files: [
            { id: 'tip:T1/file:1', fileAnnotations: ['infant'], industryClassification: 'A2' },
          ],
        }),
      ],
      registryMatch: { isMatch: true, evidenceId: 'registry:1' },
    });
    const known = new Set(['a', 'b', 'c', 'tip:T1', 'tip:T1/file:1', 'registry:1']);
    const sut = RuleSet.fromDefinition(RULE_SET_V1).evaluate(input);
    expect(sut.matched).toHaveLength(RULE_SET_V1.rules.length - 1);
    for (const m of sut.matched) {
      expect(m.evidenceIds.length).toBeGreaterThan(0);
      expect(m.evidenceIds.filter((id) => !known.has(id))).toEqual([]);
    }
  });

  it('orders a queue by threat, then attribution, then key', () => {
    const ruleSet = RuleSet.fromDefinition(DEFAULT_RULE_SET);
    const strong = evidence({
      subjectKey: 'b',
      observations: [evObs('a')],
      matches: [evMatch('a')],
    });
    const torStrong = evidence({
      subjectKey: 'a',
      observations: [evObs('a', { flags: ['tor'] })],
      matches: [evMatch('a')],
    });
    const weak = evidence({ subjectKey: 'c', observations: [evObs('a')] });
    const ranked = [weak, torStrong, strong].map((e) => ruleSet.evaluate(e)).sort(compareScores);
    expect(ranked.map((s) => s.subjectKey)).toEqual(['b', 'a', 'c']);
  });
});
