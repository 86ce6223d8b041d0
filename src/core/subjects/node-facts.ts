import { groupBy } from '#shared/collections.js';
import { observationRef, tipPersonRef } from './cybertip.schema.js';
import { observationMembers, tipMembers } from './linking/members.js';
import type { NodeFacts } from './linking/relink-region.js';
import type { StoredRows } from './subjects.read.js';

/** cyrb53: a fast 53-bit string hash (a crypto hash per node cost as much as linking itself). */
function cyrb53(text: string, seed: number): number {
  let h1 = 0xdeadbeef ^ seed;
  let h2 = 0x41c6ce57 ^ seed;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

/**
 * A digest of a value's JSON: two seeded 53-bit hashes (106 bits). It only tells whether one
 * node's inputs changed between two runs, never anything across nodes, so it need not be a
 * cryptographic hash.
 */
function digestOf(value: unknown): string {
  const text = JSON.stringify(value);
  return `${cyrb53(text, 1).toString(36)}.${cyrb53(text, 2).toString(36)}`;
}

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
