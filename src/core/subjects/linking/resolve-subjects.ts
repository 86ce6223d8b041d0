import { groupBy, minOf } from '#shared/collections.js';
import { createHash } from 'node:crypto';
import { ConstrainedUnionFind } from './constrained-union-find.js';
import { activeDecisions, type ActiveMerge } from './decisions.js';
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

type MergeOutcome = { kind: 'joined' | 'blocked'; edge: LinkEdge; byTag: string };

/**
 * Joins a merge's nodes: each node joins the first group of the merge it may join, so a node a
 * split keeps apart stays out while the rest still merge (a star through that node would not).
 */
function applyMerge(uf: ConstrainedUnionFind, merge: ActiveMerge): MergeOutcome[] {
  const groups: string[] = [];
  const out: MergeOutcome[] = [];
  for (const ref of merge.refs) {
    let lastBlock: MergeOutcome | undefined;
    let isPlaced = false;
    for (const group of groups) {
      const edge: LinkEdge = {
        rule: 'analyst_merge',
        a: group < ref ? group : ref,
        b: group < ref ? ref : group,
        confidence: confidence(1),
        evidence: { rows: [group, ref].sort(), decisionId: merge.id },
      };
      const outcome = uf.union(group, ref);
      if (outcome.kind === 'blocked') {
        lastBlock = { kind: 'blocked', edge, byTag: outcome.byTag };
        continue;
      }
      if (outcome.kind === 'joined') out.push({ kind: 'joined', edge, byTag: '' });
      isPlaced = true;
      break;
    }
    if (isPlaced) continue;
    if (lastBlock) out.push(lastBlock);
    groups.push(ref);
  }
  return out;
}

/**
 * Groups the state's nodes into subjects: analyst merges first, then automatic links strongest
 * first (Kruskal order), skipping any link an analyst's split forbids (decisions.ts: the latest
 * decision wins).
 */
export function resolveSubjects(
  state: LinkState,
  decisions: readonly LinkDecision[] = [],
): LinkResult {
  const uf = new ConstrainedUnionFind();
  for (const node of [...state.nodes].sort()) uf.add(node);
  const { merges, splits } = activeDecisions(decisions);
  for (const s of splits) uf.split(s.id, s.sideA, s.sideB);
  const splitOrder = new Map(splits.map((s) => [s.id, s.order]));
  const spanning: LinkEdge[] = [];
  const conflicts: LinkResult['conflicts'] = [];
  const blocked: BlockedLink[] = [];
  for (const merge of merges) {
    for (const outcome of applyMerge(uf, merge)) {
      if (outcome.kind === 'joined') spanning.push(outcome.edge);
      else if ((splitOrder.get(outcome.byTag) ?? -1) > merge.order) {
        // A later split overrides this part of the merge: reported, not a conflict.
        blocked.push({ edge: outcome.edge, blockedByDecisionId: outcome.byTag });
      } else if (!conflicts.some((c) => c.decisionId === merge.id)) {
        conflicts.push({ decisionId: merge.id, reason: `contradicts split ${outcome.byTag}` });
      }
    }
  }
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
