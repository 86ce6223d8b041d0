import type { LinkDecision } from './link.types.js';

/** A merge to apply: its nodes, in the order analysts decided. */
export type ActiveMerge = { id: string; order: number; refs: readonly string[] };
/** A split still in force: no subject may hold a node of each side. */
export type ActiveSplit = {
  id: string;
  order: number;
  sideA: readonly string[];
  sideB: readonly string[];
};

const byTime = (x: LinkDecision, y: LinkDecision) =>
  x.decidedAt.getTime() - y.decidedAt.getTime() || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0);

/**
 * Orders decisions in time and drops what a later decision overrides, so the latest decision wins:
 * a merge naming nodes on both sides of an earlier split revokes that split (the analyst joined
 * what was split); a split always holds against merges, earlier ones included, which lose only the
 * joins it forbids.
 */
export function activeDecisions(decisions: readonly LinkDecision[]): {
  merges: ActiveMerge[];
  splits: ActiveSplit[];
} {
  const merges: ActiveMerge[] = [];
  let splits: ActiveSplit[] = [];
  [...decisions].sort(byTime).forEach((decision, order) => {
    if (decision.kind === 'split') {
      splits.push({ id: decision.id, order, sideA: decision.sideA, sideB: decision.sideB });
      return;
    }
    const refs = new Set(decision.refs);
    splits = splits.filter(
      (s) => !(s.sideA.some((r) => refs.has(r)) && s.sideB.some((r) => refs.has(r))),
    );
    merges.push({ id: decision.id, order, refs: decision.refs });
  });
  return { merges, splits };
}
