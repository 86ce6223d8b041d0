import type { LinkDecision } from './link.types.js';

/** One pair constraint that an analyst decision implies. */
export type PairConstraint = { a: string; b: string; kind: 'must' | 'cannot'; decisionId: string };

function pairKey(a: string, b: string): string {
  return a < b ? `${a}\n${b}` : `${b}\n${a}`;
}

/**
 * Turns decisions into pair constraints; decisions apply in time order, so on any pair the latest
 * decision wins (a later merge lifts an earlier split of the same nodes, and the other way round);
 * the result is in decision order, so merges are applied in the order analysts made them.
 */
export function pairConstraints(decisions: readonly LinkDecision[]): PairConstraint[] {
  const ordered = [...decisions].sort(
    (x, y) =>
      x.decidedAt.getTime() - y.decidedAt.getTime() || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0),
  );
  const latest = new Map<string, PairConstraint>();
  for (const decision of ordered) {
    const pairs: Array<[string, string]> =
      decision.kind === 'merge'
        ? decision.refs.slice(1).map((ref): [string, string] => [decision.refs[0]!, ref])
        : decision.sideA.flatMap((a) => decision.sideB.map((b): [string, string] => [a, b]));
    for (const [a, b] of pairs) {
      if (a === b) continue;
      const kind = decision.kind === 'merge' ? 'must' : 'cannot';
      // Delete first so the map keeps pairs in the order of the decision that last set them.
      latest.delete(pairKey(a, b));
      latest.set(pairKey(a, b), {
        a: a < b ? a : b,
        b: a < b ? b : a,
        kind,
        decisionId: decision.id,
      });
    }
  }
  return [...latest.values()];
}
