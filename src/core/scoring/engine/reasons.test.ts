import { describe, expect, it } from 'vitest';
import { DEFAULT_RULE_SET, RULE_SET_V1 } from '#core/scoring/default-rule-set.js';
import { evidence, evMatch, evObs, evTip } from '#test/scoring-factories.js';
import { RuleSet } from './rule-set.js';
import type { SubjectEvidence } from './subject-evidence.js';

const day = (d: number): string => new Date(Date.UTC(2026, 11, d)).toISOString();

function reasons(definition: typeof DEFAULT_RULE_SET, input: SubjectEvidence) {
  const score = RuleSet.fromDefinition(definition).evaluate(input);
  return {
    byRule: Object.fromEntries(score.matched.map((m) => [m.ruleId, m.reason])),
    all: [...score.matched.map((m) => m.reason), ...score.attribution.reasons],
  };
}

describe('score reasons', () => {
  const one = evidence({
    asOf: day(9),
    observations: [evObs('a', { evidenceKind: 'download_verified', observedAt: day(7) })],
    matches: [evMatch('a', { categoryScheme: 'vics_us', categoryCode: '1', series: 'S' })],
    tips: [
      evTip('T1', {
        files: [{ id: 'tip:T1/file:1', fileAnnotations: [], industryClassification: 'A1' }],
      }),
    ],
  });

  it('words counts with proper plurals, never "(s)"', () => {
    const { byRule, all } = reasons(RULE_SET_V1, one);
    expect(byRule.volume).toBe('1 distinct known file');
    expect(byRule.distribution_verified).toBe('1 known file seen in verified downloads');
    expect(byRule.persistence).toBe('active with known material on 1 day (7 Dec 2026)');
    for (const reason of all) expect(reason).not.toMatch(/\(s\)/);
  });

  it('names categories by their label, not their code', () => {
    const { byRule } = reasons(DEFAULT_RULE_SET, one);
    expect(byRule.category_severity).toBe(
      'most severe category: NCMEC A1 (Prepubescent minor, sex act), severity 1',
    );
    const vics = reasons(
      DEFAULT_RULE_SET,
      evidence({
        observations: [evObs('a')],
        matches: [evMatch('a', { categoryScheme: 'vics_us', categoryCode: '1' })],
      }),
    );
    expect(vics.byRule.category_severity).toBe(
      'most severe category: VICS US 1 (Child Abuse Material), severity 0.6',
    );
  });

  it('writes readable UTC dates, never raw ISO timestamps', () => {
    const { byRule, all } = reasons(DEFAULT_RULE_SET, one);
    expect(byRule.recency).toBe(
      'last seen with known material on 7 Dec 2026, 2 days before the latest evidence (9 Dec 2026)',
    );
    for (const reason of all) expect(reason).not.toMatch(/\d{4}-\d{2}-\d{2}/);
  });

  it('keeps the evidence ids behind each reason', () => {
    const score = RuleSet.fromDefinition(DEFAULT_RULE_SET).evaluate(one);
    expect(score.matched.find((m) => m.ruleId === 'category_severity')?.evidenceIds).toEqual([
      'tip:T1/file:1',
    ]);
    expect(score.matched.find((m) => m.ruleId === 'recency')?.evidenceIds).toEqual(['a']);
  });
});
