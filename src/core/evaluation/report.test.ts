import { describe, expect, it } from 'vitest';
import type { GroundTruth } from './evaluation.types.js';
import { evaluateRankings, formatReports } from './report.js';

const truth: GroundTruth = new Map([
  ['A', { isHighRisk: true, childrenAtRisk: 2, type: 'producer' as const }],
  ['B', { isHighRisk: false, childrenAtRisk: 0, type: 'occasional_viewer' as const }],
]);

describe(formatReports.name, () => {
  it('evaluates named rankings and renders them as a Markdown table', () => {
    const reports = evaluateRankings({ score: ['A', 'B'], volume: ['B', 'A'] }, truth, 1);
    expect(formatReports(reports)).toBe(
      [
        '| ranking | K | high-risk reached | children reached | precision@K | recall@K | NDCG@K |',
        '| --- | --- | --- | --- | --- | --- | --- |',
        '| score | 1 | 1 / 1 | 2 / 2 | 1.000 | 1.000 | 1.000 |',
        '| volume | 1 | 0 / 1 | 0 / 2 | 0.000 | 0.000 | 0.000 |',
      ].join('\n'),
    );
  });
});
