import type { LinkDecision } from './link.types.js';

/** What a node contributes to linking and scoring now: its group keys and a digest of its inputs. */
export type NodeFacts = { groupKeys: readonly string[]; digest: string };

/** What the last run stored for a node: its facts then and the subject it went to. */
export type StoredNode = NodeFacts & { subjectKey: string };

/** The part of the store a run must re-resolve. */
export type RelinkRegion = {
  /** Current nodes to re-resolve (whole subjects and everything that may link to them). */
  nodes: Set<string>;
  /** The region's nodes plus the gone ones it reached: decisions naming any of them apply. */
  closure: Set<string>;
  /** Stored subjects whose nodes are in the region: replaced by the region's new subjects. */
  oldKeys: Set<string>;
  /** Nodes that are new, came back changed, or are named by a new decision. */
  dirty: number;
  /** Stored nodes that no longer exist (a superseded observation). */
  removed: string[];
};

/** `tip:<doc>#<n>` -> `tip:<doc>`: the persons of one tip are read and linked together. */
function unitOf(ref: string): string | undefined {
  return ref.startsWith('tip:') ? ref.slice(0, ref.lastIndexOf('#')) : undefined;
}

const decisionNodes = (d: LinkDecision): readonly string[] =>
  d.kind === 'merge' ? d.refs : [...d.sideA, ...d.sideB];

function indexBy<T>(
  items: Iterable<[string, T]>,
  keysOf: (item: T, ref: string) => Iterable<string>,
) {
  const out = new Map<string, string[]>();
  for (const [ref, item] of items) {
    for (const key of keysOf(item, ref)) {
      const list = out.get(key);
      if (list) list.push(ref);
      else out.set(key, [ref]);
    }
  }
  return out;
}

/**
 * Finds the nodes a run must re-resolve: those that are new, changed, gone or named by a new
 * decision, every member of a group (client id, IP, identifier) they belong to now or belonged to,
 * then, until nothing more is added, every node of a stored subject holding one of them, of a
 * decision naming one, and of the same tip. Links and decisions never cross the region's border,
 * so resolving the region alone gives what resolving everything would (the equivalence test).
 */
export function relinkRegion(
  current: ReadonlyMap<string, NodeFacts>,
  stored: ReadonlyMap<string, StoredNode>,
  decisions: readonly LinkDecision[],
  newDecisionIds: ReadonlySet<string>,
): RelinkRegion {
  const touchedGroups = new Set<string>();
  const seeds: string[] = [];
  const removed: string[] = [];
  for (const [ref, facts] of current) {
    const before = stored.get(ref);
    if (before && before.digest === facts.digest) continue;
    seeds.push(ref);
    for (const key of facts.groupKeys) touchedGroups.add(key);
    for (const key of before?.groupKeys ?? []) touchedGroups.add(key);
  }
  for (const [ref, before] of stored) {
    if (current.has(ref)) continue;
    removed.push(ref);
    seeds.push(ref);
    for (const key of before.groupKeys) touchedGroups.add(key);
  }
  for (const d of decisions) if (newDecisionIds.has(d.id)) seeds.push(...decisionNodes(d));
  const dirty = seeds.length - removed.length;
  for (const [ref, facts] of current) {
    if (facts.groupKeys.some((key) => touchedGroups.has(key))) seeds.push(ref);
  }

  const bySubject = indexBy(stored, (node) => [node.subjectKey]);
  const byDecision = indexBy(
    decisions.map((d): [string, LinkDecision] => [d.id, d]),
    (d) => decisionNodes(d),
  );
  const decisionById = new Map(decisions.map((d) => [d.id, d]));
  const byUnit = indexBy(
    [...new Set([...current.keys(), ...stored.keys()])].map((ref): [string, string] => [ref, ref]),
    (ref) => [unitOf(ref) ?? ''].filter(Boolean),
  );

  const inRegion = new Set<string>();
  const oldKeys = new Set<string>();
  const seenDecisions = new Set<string>();
  const queue = [...seeds];
  const visit = (ref: string) => {
    if (!inRegion.has(ref)) queue.push(ref);
  };
  while (queue.length > 0) {
    const ref = queue.pop()!;
    if (inRegion.has(ref)) continue;
    inRegion.add(ref);
    const key = stored.get(ref)?.subjectKey;
    if (key !== undefined && !oldKeys.has(key)) {
      oldKeys.add(key);
      for (const node of bySubject.get(key) ?? []) visit(node);
    }
    for (const id of byDecision.get(ref) ?? []) {
      if (seenDecisions.has(id)) continue;
      seenDecisions.add(id);
      for (const node of decisionNodes(decisionById.get(id)!)) visit(node);
    }
    const unit = unitOf(ref);
    if (unit !== undefined) for (const node of byUnit.get(unit) ?? []) visit(node);
  }
  const nodes = new Set([...inRegion].filter((ref) => current.has(ref)));
  return { nodes, closure: inRegion, oldKeys, dirty, removed };
}

/**
 * The decisions that name a node of the region's closure (by construction, all their nodes are in
 * it, and so is every decision that revokes or is revoked by one of them).
 */
export function decisionsTouching(
  decisions: readonly LinkDecision[],
  nodes: ReadonlySet<string>,
): LinkDecision[] {
  return decisions.filter((d) => decisionNodes(d).some((ref) => nodes.has(ref)));
}
