import { describe, expect, it } from 'vitest';
import { DEFAULT_RULE_SET } from '#core/scoring/default-rule-set.js';
import { RuleSet } from '#core/scoring/engine/rule-set.js';
import { evidence, evMatch, evObs } from '#test/scoring-factories.js';
import { rankByDistinctKnownFiles, rankByMostRecent, rankByScore } from './baselines.js';

const subjects = [
  evidence({
    subjectKey: 'many-benign',
    observations: [evObs('a1'), evObs('a2'), evObs('a3')],
    matches: [
      evMatch('a1', { kind: 'benign' }),
      evMatch('a2', { kind: 'benign' }),
      evMatch('a3', { kind: 'benign' }),
    ],
  }),
  evidence({
    subjectKey: 'two-known',
    observations: [evObs('b1', { observedAt: '2024-03-01T00:00:00Z' }), evObs('b2')],
    matches: [evMatch('b1'), evMatch('b2')],
  }),
  evidence({
    subjectKey: 'one-known-recent',
    observations: [evObs('c1', { observedAt: '2024-05-01T00:00:00Z' })],
    matches: [evMatch('c1')],
  }),
  evidence({ subjectKey: 'a-tips-only' }),
];

describe('baselines', () => {
  it('ranks by distinct known files; benign files count for nothing; ties by key', () => {
    expect(rankByDistinctKnownFiles(subjects)).toEqual([
      'two-known',
      'one-known-recent',
      'a-tips-only',
      'many-benign',
    ]);
  });

  it('ranks by most recent observation; never-observed subjects last', () => {
    expect(rankByMostRecent(subjects)).toEqual([
      'one-known-recent',
      'two-known',
      'many-benign',
      'a-tips-only',
    ]);
  });

  it('ranks by threat score', () => {
    const ruleSet = RuleSet.fromDefinition(DEFAULT_RULE_SET);
    const ranked = rankByScore(subjects.map((s) => ruleSet.evaluate(s)));
    expect(ranked.slice(0, 2)).toEqual(['two-known', 'one-known-recent']);
    expect(ranked).toHaveLength(4);
  });
});
