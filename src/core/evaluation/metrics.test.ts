import { describe, expect, it } from 'vitest';
import type { GroundTruth } from './evaluation.types.js';
import { dcg, evaluateRanking, relevanceOf, toTruthKeys } from './metrics.js';

const truth: GroundTruth = new Map([
  ['A', { isHighRisk: true, childrenAtRisk: 2, type: 'producer' as const }],
  ['B', { isHighRisk: true, childrenAtRisk: 1, type: 'hands_on' as const }],
  ['C', { isHighRisk: false, childrenAtRisk: 0, type: 'high_volume_collector' as const }],
  ['D', { isHighRisk: false, childrenAtRisk: 0, type: 'occasional_viewer' as const }],
  ['E', { isHighRisk: false, childrenAtRisk: 0, type: 'innocent' as const }],
  ['F', { isHighRisk: true, childrenAtRisk: 3, type: 'hands_on' as const }],
]);

// Hand-computed: DCG uses (2^rel - 1) / log2(rank + 1); ideal grades are 3, 2, 2, 1, 0, 0.
// K=3: DCG = 1/1 + 7/log2(3) = 5.416502; IDCG = 7 + 3/log2(3) + 3/2 = 10.392789.
// K=5: DCG adds B: 3/log2(5) = 1.292030 -> 6.708532; IDCG adds 1/log2(5) = 0.430677 -> 10.823466.
const ranking = ['C', 'A', 'X', 'B', 'A', 'F'];

describe(evaluateRanking.name, () => {
  it.each([
    [
      3,
      {
        highRiskReached: 1,
        childrenAtRiskReached: 2,
        precisionAtK: 1 / 3,
        recallAtK: 1 / 3,
        ndcgAtK: 0.521179,
        unknownKeys: 1,
        repeatedKeys: 0,
      },
    ],
    [
      5,
      {
        highRiskReached: 2,
        childrenAtRiskReached: 3,
        precisionAtK: 0.4,
        recallAtK: 2 / 3,
        ndcgAtK: 0.619813,
        unknownKeys: 1,
        repeatedKeys: 1,
      },
    ],
  ])('evaluates the first %d', (k, expected) => {
    const sut = evaluateRanking('test', ranking, truth, k);
    expect(sut).toMatchObject({
      name: 'test',
      k,
      consideredKeys: k,
      highRiskTotal: 3,
      childrenAtRiskTotal: 6,
      highRiskReached: expected.highRiskReached,
      childrenAtRiskReached: expected.childrenAtRiskReached,
      unknownKeys: expected.unknownKeys,
      repeatedKeys: expected.repeatedKeys,
    });
    expect(sut.precisionAtK).toBeCloseTo(expected.precisionAtK, 6);
    expect(sut.recallAtK).toBeCloseTo(expected.recallAtK, 6);
    expect(sut.ndcgAtK).toBeCloseTo(expected.ndcgAtK, 5);
  });

  it('defaults to K = 30 and divides precision by K even for a shorter list', () => {
    const sut = evaluateRanking('short', ['A', 'B', 'F'], truth);
    expect(sut).toMatchObject({
      k: 30,
      consideredKeys: 3,
      highRiskReached: 3,
      recallAtK: 1,
      childrenAtRiskReached: 6,
    });
    expect(sut.precisionAtK).toBeCloseTo(0.1, 10);
  });

  it('scores the ideal order 1 and an empty truth 0', () => {
    expect(evaluateRanking('ideal', ['A', 'B', 'F', 'C'], truth, 4).ndcgAtK).toBeCloseTo(1, 10);
    expect(evaluateRanking('empty', ['A'], new Map(), 4)).toMatchObject({
      ndcgAtK: 0,
      recallAtK: 0,
      unknownKeys: 1,
    });
  });

  it.each([
    [{ isHighRisk: true, childrenAtRisk: 0, type: 'producer' as const }, 3],
    [{ isHighRisk: true, childrenAtRisk: 0 }, 2],
    [{ isHighRisk: false, childrenAtRisk: 0 }, 0],
    [undefined, 0],
  ])('grades %o as %d', (subject, grade) => {
    expect(relevanceOf(subject)).toBe(grade);
  });

  it('computes DCG by hand', () => {
    expect(dcg([3, 0, 1])).toBeCloseTo(7 + 0 + 1 / 2, 10);
  });

  it('maps subject keys into the truth key space', () => {
    expect(toTruthKeys(['s1', 's2'], new Map([['s1', 'A']]))).toEqual(['A', 's2']);
  });
});
