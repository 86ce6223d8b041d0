import { createHash } from 'node:crypto';
import { groupBy } from '#shared/collections.js';
import { observationRef, tipPersonRef } from './cybertip.schema.js';
import { observationMembers, tipMembers } from './linking/members.js';
import type { NodeFacts } from './linking/relink-region.js';
import type { StoredRows } from './subjects.read.js';

const digestOf = (value: unknown): string =>
  createHash('sha256').update(JSON.stringify(value)).digest('base64url').slice(0, 22);

/**
 * Per node, the groups it links through and a digest of everything its subject's links and score
 * read from it: the observation (or the whole tip), its attribution, its hash set matches and its
 * agency. A node whose digest is unchanged since the last run cannot change any subject by itself.
 */
export function nodeFactsOf(rows: Pick<StoredRows, keyof StoredRows>): Map<string, NodeFacts> {
  const out = new Map<string, NodeFacts>();
  const attributionById = new Map(rows.attributions.map((a) => [a.observationId, a]));
  const matchesById = groupBy(rows.matches, (m) => m.observationId);
  for (const o of rows.observations) {
    const ref = observationRef(o.id);
    const attribution = attributionById.get(o.id);
    const grouped = observationMembers(o, attribution);
    const matches = (matchesById.get(o.id) ?? []).map((m) => JSON.stringify(m)).sort();
    out.set(ref, {
      groupKeys: grouped.map((g) => g.groupKey),
      digest: digestOf([o, attribution ?? null, matches, rows.agencyByNode.get(ref) ?? null]),
    });
  }
  for (const tip of rows.tips) {
    const tipDigest = digestOf(tip);
    const byRef = groupBy(tipMembers(tip), (g) => g.member.ref);
    tip.persons.forEach((_, i) => {
      const ref = tipPersonRef(tip.reportId, i);
      out.set(ref, {
        groupKeys: (byRef.get(ref) ?? []).map((g) => g.groupKey),
        digest: digestOf([tipDigest, i, rows.agencyByNode.get(ref) ?? null]),
      });
    });
  }
  return out;
}
