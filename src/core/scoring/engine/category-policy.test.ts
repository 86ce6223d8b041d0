import { describe, expect, it } from 'vitest';
import { DEFAULT_RULE_SET, RULE_SET_V1 } from '#core/scoring/default-rule-set.js';
import { categoryText, isLeadCategory } from '#core/scoring/category-policy.js';
import { evidence, evMatch, evObs } from '#test/scoring-factories.js';
import { RuleSet } from './rule-set.js';

const day = (d: number): string => new Date(Date.UTC(2024, 0, d)).toISOString();
const vics = (code: string) => ({ categoryScheme: 'vics_us', categoryCode: code });

describe('category policy in scoring', () => {
  it.each([
    ['VICS US 0 Non-Pertinent', 'vics_us', '0', false],
    ['VICS US 4 Comparison', 'vics_us', '4', false],
    ['DHS CAT-5 Non-pertinent', 'dhs', '5', false],
    ['CAID non-indecent', 'caid', 'non-indecent', false],
    ['VICS US 1', 'vics_us', '1', true],
    ['an uncategorised known entry', null, null, true],
    ['a custom code', 'custom', 'anything', true],
  ])('decides whether %s makes a lead', (_, scheme, code, isLead) => {
    expect(isLeadCategory(scheme, code)).toBe(isLead);
  });

  it.each([RULE_SET_V1, DEFAULT_RULE_SET])(
    'scores 0 a subject whose only matches are VICS US 0 or 4 (rule set v$version)',
    (definition) => {
      const sut = RuleSet.fromDefinition(definition).evaluate(
        evidence({
          asOf: day(20),
          observations: [
            evObs('a', { evidenceKind: 'download_verified', observedAt: day(1) }),
            evObs('b', { observedAt: day(5) }),
            evObs('c', { evidenceKind: 'browse_host', observedAt: day(20) }),
          ],
          matches: [
            evMatch('a', { ...vics('0'), series: 'S', victimIdentified: true }),
            evMatch('b', vics('4')),
            evMatch('c', vics('0')),
          ],
        }),
      );
      expect(sut).toMatchObject({ score: 0, matched: [] });
    },
  );

  it.each([RULE_SET_V1, DEFAULT_RULE_SET])(
    'lets VICS US 0 and 4 matches add nothing beside a category 1 match (rule set v$version)',
    (definition) => {
      const ruleSet = RuleSet.fromDefinition(definition);
      const lead = {
        observations: [evObs('a', { observedAt: day(1) })],
        matches: [evMatch('a', vics('1'))],
      };
      const alone = ruleSet.evaluate(evidence({ asOf: day(20), ...lead }));
      const mixed = ruleSet.evaluate(
        evidence({
          asOf: day(20),
          observations: [
            ...lead.observations,
            evObs('b', { evidenceKind: 'download_verified', observedAt: day(10) }),
            evObs('c', { observedAt: day(20) }),
          ],
          matches: [
            ...lead.matches,
            evMatch('b', { ...vics('0'), series: 'S', victimIdentified: true }),
            evMatch('c', vics('4')),
          ],
        }),
      );
      expect(alone.score).toBeGreaterThan(0);
      expect(mixed.score).toBe(alone.score);
      expect(mixed.matched).toEqual(alone.matched);
    },
  );

  it('counts a file as known when one set grades it 1 and another 4', () => {
    const sut = RuleSet.fromDefinition(DEFAULT_RULE_SET).evaluate(
      evidence({
        observations: [evObs('a')],
        matches: [evMatch('a', vics('4')), evMatch('a', { ...vics('1'), hashSetId: 'hs2' })],
      }),
    );
    expect(sut.score).toBeGreaterThan(0);
  });

  it('words a category by its label', () => {
    expect(categoryText('vics_us', '1')).toBe('VICS US 1 (Child Abuse Material)');
    expect(categoryText('dhs', '3')).toBe('DHS 3');
    expect(categoryText(null, null)).toBe('uncategorised');
  });
});
