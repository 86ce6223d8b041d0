import type { EvaluationReport, GroundTruth } from './evaluation.types.js';
import { evaluateRanking } from './metrics.js';

/** Evaluates several named rankings (e.g. score, volume, recency) against one truth at one K. */
export function evaluateRankings(
  rankings: Readonly<Record<string, readonly string[]>>,
  truth: GroundTruth,
  k = 30,
): EvaluationReport[] {
  return Object.entries(rankings).map(([name, keys]) => evaluateRanking(name, keys, truth, k));
}

const fixed = (n: number): string => n.toFixed(3);

/** What the two counted columns mean: the truth's terms, or the outcomes' (outcomes.ts). */
export type ReportLabels = { positive: string; children: string };
const TRUTH_LABELS: ReportLabels = { positive: 'high-risk reached', children: 'children reached' };
export const OUTCOME_LABELS: ReportLabels = {
  positive: 'confirmed reached',
  children: 'victims identified reached',
};

/** Renders reports as a Markdown table, for the "Evaluation results" section of docs/SCORING.md. */
export function formatReports(
  reports: readonly EvaluationReport[],
  labels: ReportLabels = TRUTH_LABELS,
): string {
  const header = [
    'ranking',
    'K',
    labels.positive,
    labels.children,
    'precision@K',
    'recall@K',
    'NDCG@K',
  ];
  const rows = reports.map((r) => [
    r.name,
    String(r.k),
    `${r.highRiskReached} / ${r.highRiskTotal}`,
    `${r.childrenAtRiskReached} / ${r.childrenAtRiskTotal}`,
    fixed(r.precisionAtK),
    fixed(r.recallAtK),
    fixed(r.ndcgAtK),
  ]);
  return [header, header.map(() => '---'), ...rows]
    .map((cells) => `| ${cells.join(' | ')} |`)
    .join('\n');
}
