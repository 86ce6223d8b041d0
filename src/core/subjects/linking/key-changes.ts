import type { LinkResult } from './link.types.js';

/** Where an earlier subject's nodes went: one key (renamed or merged) or several (split). */
export type SubjectKeyChange = { from: string; to: string[] };

/**
 * Lists the subjects of an earlier result whose key is gone from a later one, with the keys their
 * nodes now belong to, so stored notes and scores can follow them (keys follow the lowest node ref,
 * so a merge or a lower ref joining renames a subject). Nodes missing later are ignored.
 */
export function subjectKeyChanges(before: LinkResult, after: LinkResult): SubjectKeyChange[] {
  const keyOfNode = new Map<string, string>();
  for (const s of after.subjects) for (const ref of s.nodeRefs) keyOfNode.set(ref, s.key);
  const out: SubjectKeyChange[] = [];
  for (const s of before.subjects) {
    const to = [...new Set(s.nodeRefs.flatMap((ref) => keyOfNode.get(ref) ?? []))].sort();
    if (to.length !== 1 || to[0] !== s.key) out.push({ from: s.key, to });
  }
  return out;
}
