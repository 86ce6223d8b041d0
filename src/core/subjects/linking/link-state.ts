import { observationRef, tipPersonRef, type CyberTipRow } from '#core/subjects/cybertip.schema.js';
import type { AttributionRow, ObservationRow } from '#core/subjects/subjects.schema.js';
import { groupBy } from '#shared/collections.js';
import { groupEdges } from './group-edges.js';
import { ValidationError } from '#shared/errors.js';
import { zodIssues } from '#shared/zod-error.js';
import {
  DEFAULT_LINK_OPTIONS,
  LinkOptionsSchema,
  type LinkEdge,
  type LinkOptions,
} from './link.types.js';
import { observationMembers, tipMembers, type GroupedMember, type Member } from './members.js';

/** A batch of rows to link: observations with their attributions, and CyberTips. */
export type LinkBatch = {
  observations: readonly ObservationRow[];
  attributions?: readonly AttributionRow[];
  tips?: readonly CyberTipRow[];
};

/**
 * What linking remembers between batches: per node, what it contributed to which groups; per group,
 * its members and the links they imply. Only the groups a new batch touches are recomputed.
 */
export type LinkState = {
  readonly options: LinkOptions;
  readonly nodes: ReadonlySet<string>;
  /** Per node: what it contributed, to spot a row that comes back changed. */
  readonly contributions: ReadonlyMap<string, readonly GroupedMember[]>;
  readonly groups: ReadonlyMap<string, readonly Member[]>;
  readonly edgesByGroup: ReadonlyMap<string, readonly LinkEdge[]>;
};

/** An empty linking state with the given options; throws ValidationError for invalid options. */
export function emptyLinkState(options: Partial<LinkOptions> = {}): LinkState {
  const parsed = LinkOptionsSchema.safeParse({ ...DEFAULT_LINK_OPTIONS, ...options });
  if (!parsed.success) throw new ValidationError('invalid link options', zodIssues(parsed.error));
  return {
    options: parsed.data,
    nodes: new Set(),
    contributions: new Map(),
    groups: new Map(),
    edgesByGroup: new Map(),
  };
}

function incomingByNode(batch: LinkBatch): Map<string, GroupedMember[]> {
  const attributionById = new Map((batch.attributions ?? []).map((a) => [a.observationId, a]));
  const out = new Map<string, GroupedMember[]>();
  for (const o of batch.observations) {
    out.set(observationRef(o.id), observationMembers(o, attributionById.get(o.id)));
  }
  for (const tip of batch.tips ?? []) {
    const byRef = groupBy(tipMembers(tip), (g) => g.member.ref);
    tip.persons.forEach((_, i) => {
      const ref = tipPersonRef(tip.reportId, i);
      out.set(ref, byRef.get(ref) ?? []);
    });
  }
  return out;
}

function sameContribution(x: readonly GroupedMember[], y: readonly GroupedMember[]): boolean {
  return (
    x.length === y.length &&
    x.every((a, i) => {
      const b = y[i]!;
      return (
        a.groupKey === b.groupKey &&
        a.member.rowId === b.member.rowId &&
        a.member.atMs === b.member.atMs &&
        a.member.strongClientKey === b.member.strongClientKey &&
        a.member.ipKey === b.member.ipKey
      );
    })
  );
}

/**
 * Adds a batch to a state and returns the new state (the old one is unchanged). A row already known
 * with the same linking facts changes nothing; one that comes back changed (say, an attribution that
 * now flags a Tor exit) replaces its earlier contribution.
 */
export function addToLinkState(state: LinkState, batch: LinkBatch): LinkState {
  const nodes = new Set(state.nodes);
  const contributions = new Map(state.contributions);
  const groups = new Map(state.groups);
  const edgesByGroup = new Map(state.edgesByGroup);
  const removed = new Map<string, Set<string>>();
  const added = new Map<string, Member[]>();
  for (const [ref, grouped] of incomingByNode(batch)) {
    const previous = contributions.get(ref);
    if (previous && sameContribution(previous, grouped)) continue;
    for (const { groupKey: key } of previous ?? []) {
      removed.set(key, (removed.get(key) ?? new Set()).add(ref));
    }
    for (const { groupKey, member } of grouped) {
      const list = added.get(groupKey) ?? [];
      list.push(member);
      added.set(groupKey, list);
    }
    nodes.add(ref);
    contributions.set(ref, grouped);
  }
  for (const key of new Set([...removed.keys(), ...added.keys()])) {
    const gone = removed.get(key);
    const kept = (groups.get(key) ?? []).filter((m) => !gone?.has(m.ref));
    const members = [...kept, ...(added.get(key) ?? [])];
    groups.set(key, members);
    edgesByGroup.set(key, groupEdges(key, members, state.options));
  }
  return { options: state.options, nodes, contributions, groups, edgesByGroup };
}
