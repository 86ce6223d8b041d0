import { groupBy, minOf } from '#shared/collections.js';
import { createHash } from 'node:crypto';
import { ConstrainedUnionFind } from './constrained-union-find.js';
import { pairConstraints } from './decisions.js';
import {
  confidence,
  type BlockedLink,
  type LinkDecision,
  type LinkEdge,
  type LinkResult,
  type Subject,
} from './link.types.js';
import type { LinkState } from './link-state.js';

/** Sorts links strongest first, then by a stable text key (computed once per link, not per comparison). */
function strongestFirst(edges: readonly LinkEdge[]): LinkEdge[] {
  return edges
    .map((edge) => ({
      edge,
      key: `${edge.rule}\n${edge.a}\n${edge.b}\n${edge.evidence.rows.join(',')}`,
    }))
    .sort(
      (x, y) =>
        y.edge.confidence.value - x.edge.confidence.value ||
        (x.key < y.key ? -1 : x.key > y.key ? 1 : 0),
    )
    .map((x) => x.edge);
}

/** Stable subject key: a digest of the subject's lowest node ref. */
export function subjectKeyFor(lowestRef: string): string {
  return `sub_${createHash('sha256').update(lowestRef).digest('hex').slice(0, 20)}`;
}

/**
 * Groups the state's nodes into subjects: analyst merges first, then automatic links strongest
 * first (Kruskal order), skipping any link an analyst's split forbids.
 */
export function resolveSubjects(
  state: LinkState,
  decisions: readonly LinkDecision[] = [],
): LinkResult {
  const uf = new ConstrainedUnionFind();
  for (const node of [...state.nodes].sort()) uf.add(node);
  const constraints = pairConstraints(decisions);
  for (const c of constraints) if (c.kind === 'cannot') uf.cannotLink(c.a, c.b, c.decisionId);
  const spanning: LinkEdge[] = [];
  const conflicts: LinkResult['conflicts'] = [];
  for (const c of constraints.filter((x) => x.kind === 'must')) {
    const merge: LinkEdge = {
      rule: 'analyst_merge',
      a: c.a,
      b: c.b,
      confidence: confidence(1),
      evidence: { rows: [c.a, c.b], decisionId: c.decisionId },
    };
    const outcome = uf.union(c.a, c.b);
    if (outcome.kind === 'joined') spanning.push(merge);
    if (outcome.kind === 'blocked') {
      conflicts.push({ decisionId: c.decisionId, reason: `contradicts split ${outcome.byTag}` });
    }
  }
  const blocked: BlockedLink[] = [];
  const edges = strongestFirst([...state.edgesByGroup.values()].flat());
  for (const link of edges) {
    const outcome = uf.union(link.a, link.b);
    if (outcome.kind === 'joined') spanning.push(link);
    if (outcome.kind === 'blocked') {
      blocked.push({ edge: link, blockedByDecisionId: outcome.byTag });
    }
  }
  const members = groupBy([...state.nodes].sort(), (node) => uf.find(node));
  const linksByRoot = groupBy(spanning, (link) => uf.find(link.a));
  const subjects: Subject[] = [...members.entries()].map(([root, nodeRefs]) => {
    const links = linksByRoot.get(root) ?? [];
    const weakest = minOf(
      links.map((l) => l.confidence.value),
      1,
    );
    return {
      key: subjectKeyFor(nodeRefs[0]!),
      nodeRefs,
      observationIds: nodeRefs.filter((r) => r.startsWith('obs:')).map((r) => r.slice(4)),
      tipPersonRefs: nodeRefs.filter((r) => r.startsWith('tip:')),
      links,
      cohesion: confidence(weakest),
    };
  });
  subjects.sort((x, y) => (x.key < y.key ? -1 : x.key > y.key ? 1 : 0));
  return { subjects, blocked, conflicts };
}
