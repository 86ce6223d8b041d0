import type { EvaluationReport, GroundTruth, TruthSubject, TruthType } from './evaluation.types.js';

const GRADES: Record<TruthType, number> = {
  producer: 3,
  hands_on: 2,
  high_volume_collector: 1,
  occasional_viewer: 0,
  innocent: 0,
};

/** Graded relevance: producer 3, hands-on 2, high-volume collector 1, others 0 (no type: high risk 2). */
export function relevanceOf(subject: TruthSubject | undefined): number {
  if (!subject) return 0;
  if (subject.type) return GRADES[subject.type];
  return subject.isHighRisk ? 2 : 0;
}

/** Discounted cumulative gain with exponential gain: sum of (2^rel - 1) / log2(rank + 1). */
export function dcg(grades: readonly number[]): number {
  return grades.reduce((sum, rel, i) => sum + (2 ** rel - 1) / Math.log2(i + 2), 0);
}

/**
 * Evaluates the first K of a ranking (keys in the truth's key space) against the ground truth;
 * a truth subject reached twice counts once.
 *
 * @example
 * evaluateRanking('score', ['s1', 's7'], truth, 30).highRiskReached
 */
export function evaluateRanking(
  name: string,
  rankedKeys: readonly string[],
  truth: GroundTruth,
  k = 30,
): EvaluationReport {
  const top = rankedKeys.slice(0, k);
  const seen = new Set<string>();
  const grades: number[] = [];
  let highRiskReached = 0;
  let childrenAtRiskReached = 0;
  let unknownKeys = 0;
  let repeatedKeys = 0;
  for (const key of top) {
    const subject = truth.get(key);
    if (!subject) unknownKeys += 1;
    else if (seen.has(key)) repeatedKeys += 1;
    const isNew = subject !== undefined && !seen.has(key);
    grades.push(isNew ? relevanceOf(subject) : 0);
    if (isNew) {
      seen.add(key);
      highRiskReached += subject.isHighRisk ? 1 : 0;
      childrenAtRiskReached += subject.childrenAtRisk;
    }
  }
  const all = [...truth.values()];
  const highRiskTotal = all.filter((s) => s.isHighRisk).length;
  const ideal = dcg(
    all
      .map(relevanceOf)
      .sort((x, y) => y - x)
      .slice(0, k),
  );
  return {
    name,
    k,
    consideredKeys: top.length,
    highRiskReached,
    highRiskTotal,
    childrenAtRiskReached,
    childrenAtRiskTotal: all.reduce((sum, s) => sum + s.childrenAtRisk, 0),
    precisionAtK: highRiskReached / k,
    recallAtK: highRiskTotal === 0 ? 0 : highRiskReached / highRiskTotal,
    ndcgAtK: ideal === 0 ? 0 : dcg(grades) / ideal,
    unknownKeys,
    repeatedKeys,
  };
}

/** Maps ranked subject keys to truth keys (unmapped keys stay as they are, so they count unknown). */
export function toTruthKeys(
  rankedKeys: readonly string[],
  subjectToTruth: ReadonlyMap<string, string>,
): string[] {
  return rankedKeys.map((key) => subjectToTruth.get(key) ?? key);
}
