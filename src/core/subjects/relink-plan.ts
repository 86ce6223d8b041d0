import { maxOf, minOf } from '#shared/collections.js';
import type { SubjectKeyChange } from './linking/key-changes.js';
import { confidence, type LinkEdge, type Subject } from './linking/link.types.js';
import type { StoredNode } from './linking/relink-region.js';
import type { StoredRows } from './subjects.read.js';

/**
 * The moment recency is measured from: the latest time in the rows (as `buildSubjectEvidence`
 * takes it by default), so a score reproduces from the same rows.
 */
export function latestTimeOf(rows: Pick<StoredRows, 'observations' | 'tips'>): Date {
  const times = [
    ...rows.observations.map((o) => o.observedAt.getTime()),
    ...rows.tips.flatMap((t) =>
      t.persons.flatMap((p) =>
        p.ipCaptureEvents.flatMap((e) => (e.dateTime ? [e.dateTime.getTime()] : [])),
      ),
    ),
  ];
  return new Date(maxOf(times, 0));
}

/** Stored node refs per subject key, sorted, leaving out the given keys. */
export function storedSubjects(
  stored: ReadonlyMap<string, StoredNode>,
  except: ReadonlySet<string>,
): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const [ref, node] of stored) {
    if (except.has(node.subjectKey)) continue;
    const list = out.get(node.subjectKey);
    if (list) list.push(ref);
    else out.set(node.subjectKey, [ref]);
  }
  for (const refs of out.values()) refs.sort();
  return out;
}

/**
 * A stored subject as linking gave it: `links` are its stored links (needed only when it is
 * scored again: they give its cohesion and link count), empty otherwise.
 */
export function subjectOf(key: string, nodeRefs: string[], links: LinkEdge[] = []): Subject {
  return {
    key,
    nodeRefs,
    observationIds: nodeRefs.filter((r) => r.startsWith('obs:')).map((r) => r.slice(4)),
    tipPersonRefs: nodeRefs.filter((r) => r.startsWith('tip:')),
    links,
    cohesion: confidence(
      minOf(
        links.map((l) => l.confidence.value),
        1,
      ),
    ),
  };
}

export const fileKeyById = (rows: Pick<StoredRows, 'observations'>) =>
  new Map(rows.observations.map((o) => [`obs:${o.id}`, `${o.hashType}:${o.hash}`]));

/** How many of the given node groups hold each file (as `buildSubjectEvidence` counts subjects). */
export function subjectsPerFile(
  groups: Iterable<readonly string[]>,
  fileOf: ReadonlyMap<string, string>,
) {
  const counts = new Map<string, number>();
  for (const refs of groups) {
    for (const file of new Set(refs.flatMap((r) => fileOf.get(r) ?? []))) {
      counts.set(file, (counts.get(file) ?? 0) + 1);
    }
  }
  return counts;
}

/**
 * The files whose count of subjects changed when the region's old subjects (their current nodes)
 * became its new ones; a subject outside the region holding one is scored again, since a score
 * reads how many subjects share each of its files.
 */
export function filesWithNewCounts(
  rows: Pick<StoredRows, 'observations'>,
  oldGroups: Iterable<readonly string[]>,
  newGroups: Iterable<readonly string[]>,
): Set<string> {
  const fileOf = fileKeyById(rows);
  const before = subjectsPerFile(oldGroups, fileOf);
  const after = subjectsPerFile(newGroups, fileOf);
  return new Set(
    [...new Set([...before.keys(), ...after.keys()])].filter((f) => before.get(f) !== after.get(f)),
  );
}

/** The stored subjects (by key) holding any of the files. */
export function subjectsHoldingFiles(
  rows: Pick<StoredRows, 'observations'>,
  subjects: ReadonlyMap<string, readonly string[]>,
  files: ReadonlySet<string>,
): Set<string> {
  const fileOf = fileKeyById(rows);
  const out = new Set<string>();
  if (files.size === 0) return out;
  for (const [key, refs] of subjects) {
    if (refs.some((r) => files.has(fileOf.get(r) ?? ''))) out.add(key);
  }
  return out;
}

/** Where each of the stored keys that no longer exist went (by their nodes). */
export function keyChangesOf(
  stored: ReadonlyMap<string, StoredNode>,
  subjects: readonly Subject[],
  onlyKeys?: ReadonlySet<string>,
): SubjectKeyChange[] {
  const keyOfNode = new Map<string, string>();
  const keys = new Set<string>();
  for (const s of subjects) {
    keys.add(s.key);
    for (const ref of s.nodeRefs) keyOfNode.set(ref, s.key);
  }
  const to = new Map<string, Set<string>>();
  for (const [ref, node] of stored) {
    if (keys.has(node.subjectKey) || (onlyKeys && !onlyKeys.has(node.subjectKey))) continue;
    const set = to.get(node.subjectKey) ?? new Set<string>();
    const now = keyOfNode.get(ref);
    if (now) set.add(now);
    to.set(node.subjectKey, set);
  }
  return [...to.entries()]
    .map(([from, set]) => ({ from, to: [...set].sort() }))
    .sort((x, y) => (x.from < y.from ? -1 : 1));
}
