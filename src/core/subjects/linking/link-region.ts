import { observationRef, tipPersonRef } from '#core/subjects/cybertip.schema.js';
import type { LinkDecision, LinkOptions, LinkResult } from './link.types.js';
import type { LinkBatch } from './link-state.js';
import { linkSubjects } from './link-subjects.js';
import {
  decisionsTouching,
  relinkRegion,
  type NodeFacts,
  type RelinkRegion,
  type StoredNode,
} from './relink-region.js';

/** An incremental relink: the region re-resolved and the subjects it now forms. */
export type RegionLinking = { region: RelinkRegion; linking: LinkResult };

/** The rows of a batch whose nodes are in the region (a tip whole: its persons go together). */
export function batchOf(batch: LinkBatch, nodes: ReadonlySet<string>): LinkBatch {
  const observations = batch.observations.filter((o) => nodes.has(observationRef(o.id)));
  const ids = new Set(observations.map((o) => o.id));
  return {
    observations,
    attributions: (batch.attributions ?? []).filter((a) => ids.has(a.observationId)),
    tips: (batch.tips ?? []).filter((t) =>
      t.persons.some((_, i) => nodes.has(tipPersonRef(t.reportId, i))),
    ),
  };
}

/**
 * Re-links only the region that new, changed or gone nodes and new decisions touch
 * (`relinkRegion`); every stored subject outside it stays as it is. `batch` holds every current
 * row, `facts` their `nodeFactsOf`, `stored` what the last run stored per node.
 *
 * @example
 * const { region, linking } = linkRegion(rows, nodeFactsOf(rows), stored, decisions, newIds);
 * // stored subjects region.oldKeys are replaced by linking.subjects
 */
export function linkRegion(
  batch: LinkBatch,
  facts: ReadonlyMap<string, NodeFacts>,
  stored: ReadonlyMap<string, StoredNode>,
  decisions: readonly LinkDecision[],
  newDecisionIds: ReadonlySet<string>,
  options: Partial<LinkOptions> = {},
): RegionLinking {
  const region = relinkRegion(facts, stored, decisions, newDecisionIds);
  const linking = linkSubjects(
    batchOf(batch, region.nodes),
    decisionsTouching(decisions, region.closure),
    options,
  );
  return { region, linking };
}
