import type { SubjectEvidence, SubjectScore } from '#core/scoring/index.js';
import type { LinkResult } from './linking/link.types.js';
import type { NodeFacts } from './linking/relink-region.js';
import { topReasonsOf } from './queue.view.js';
import type { SubjectWrite } from './subjects.repository.js';
import type { StoredRows } from './subjects.read.js';

/** The agency with most of a subject's nodes (ties: the lowest code); null when none has any. */
function agencyOf(nodeRefs: readonly string[], agencyByNode: ReadonlyMap<string, string>) {
  const counts = new Map<string, number>();
  for (const ref of nodeRefs) {
    const code = agencyByNode.get(ref);
    if (code) counts.set(code, (counts.get(code) ?? 0) + 1);
  }
  return (
    [...counts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]?.[0] ?? null
  );
}

/**
 * The names the queue's municipality filter finds a subject by (migration 0012): each attributed
 * municipality in lower case, as attributed ("toronto (old toronto)") and before its brackets
 * ("toronto"), distinct and sorted.
 */
export function municipalityKeys(places: ReadonlyArray<string | null | undefined>): string[] {
  const names = new Set<string>();
  for (const place of places) {
    if (!place) continue;
    const name = place.toLowerCase();
    names.add(name);
    names.add(name.split(' (')[0]!);
  }
  return [...names].sort();
}

/**
 * Turns a linking result and its scores into the rows to store (pure): one write per subject of
 * `linking` that has a score in `scores`; members carry their node facts for the next run.
 */
export function subjectWrites(
  linking: LinkResult,
  evidence: readonly SubjectEvidence[],
  scores: readonly SubjectScore[],
  rows: StoredRows,
  now: Date,
  facts: ReadonlyMap<string, NodeFacts> = new Map(),
): SubjectWrite[] {
  const seenAt = new Map(rows.observations.map((o) => [o.id, o.observedAt.getTime()]));
  const placeOf = new Map(rows.attributions.map((a) => [a.observationId, a.municipality]));
  const evidenceByKey = new Map(evidence.map((e) => [e.subjectKey, e]));
  const scoreByKey = new Map(scores.map((s) => [s.subjectKey, s]));
  return linking.subjects.flatMap((s) => {
    if (!scoreByKey.has(s.key)) return [];
    const times = s.observationIds.flatMap((id) => seenAt.get(id) ?? []);
    const score = scoreByKey.get(s.key)!;
    const asOf = evidenceByKey.get(s.key)!.asOf;
    const write: SubjectWrite = {
      subject: {
        key: s.key,
        agencyCode: agencyOf(s.nodeRefs, rows.agencyByNode),
        firstSeen: times.length ? new Date(Math.min(...times)) : null,
        lastSeen: times.length ? new Date(Math.max(...times)) : null,
        observationCount: s.observationIds.length,
        tipPersonCount: s.tipPersonRefs.length,
        linkCount: s.links.length,
        // The current score, kept on the row so the queue reads one table.
        ruleSetVersion: score.ruleSetVersion,
        score: score.score,
        maxScore: score.maxScore,
        attributionLevel: score.attribution.confidence.level,
        attributionConfidence: score.attribution.confidence.value,
        attributionFlags: score.attribution.flags,
        municipalities: municipalityKeys(s.observationIds.map((id) => placeOf.get(id))),
        topReasons: JSON.stringify(topReasonsOf(score.matched)),
        scoredAt: now,
      },
      members: s.nodeRefs.map((ref) => ({
        nodeRef: ref,
        subjectKey: s.key,
        observationId: ref.startsWith('obs:') ? ref.slice('obs:'.length) : null,
        groupKeys: [...(facts.get(ref)?.groupKeys ?? [])],
        inputDigest: facts.get(ref)?.digest ?? '',
      })),
      links: s.links.map((l, ordinal) => ({
        subjectKey: s.key,
        ordinal,
        rule: l.rule,
        nodeA: l.a,
        nodeB: l.b,
        evidenceIds: l.evidence.rows,
        identifier: l.evidence.identifier ?? null,
        confidenceLevel: l.confidence.level,
        confidence: l.confidence.value,
      })),
      score: {
        subjectKey: s.key,
        ruleSetVersion: score.ruleSetVersion,
        score: score.score,
        maxScore: score.maxScore,
        // The whole assessment plus the moment recency was measured from: enough to reproduce it.
        explanation: JSON.stringify({ ...score, asOf }),
        evidenceAsOf: new Date(asOf),
        attributionLevel: score.attribution.confidence.level,
        attributionConfidence: score.attribution.confidence.value,
        attributionFlags: score.attribution.flags,
        scoredAt: now,
      },
    };
    return [write];
  });
}
