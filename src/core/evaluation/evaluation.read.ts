import type { Db } from '#platform/db/client.js';
import type { LinkResult } from '#core/subjects/linking/link.types.js';

const PAGE = 5000;

/** The stored subjects (of one agency, or all) with their node refs, in key order. */
export async function readSubjectNodes(
  db: Db,
  agency: string | undefined,
): Promise<Map<string, string[]>> {
  const nodes = new Map<string, string[]>();
  let after = '';
  for (;;) {
    let q = db
      .selectFrom('subjectMember as m')
      .innerJoin('subject as s', 's.key', 'm.subjectKey')
      .select(['m.nodeRef', 'm.subjectKey'])
      .where('m.nodeRef', '>', after);
    if (agency !== undefined) q = q.where('s.agencyCode', '=', agency);
    const page = await q.orderBy('m.nodeRef').limit(PAGE).execute();
    for (const row of page) {
      const list = nodes.get(row.subjectKey) ?? [];
      list.push(row.nodeRef);
      nodes.set(row.subjectKey, list);
    }
    if (page.length < PAGE) break;
    after = page[page.length - 1]!.nodeRef;
  }
  return new Map([...nodes.entries()].sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0)));
}

/**
 * The stored subjects as a linking result, so the evidence the baselines rank is grouped exactly
 * as the queue's subjects are (links are not needed to rank; cohesion is not used by baselines).
 */
export function storedLinking(nodes: ReadonlyMap<string, readonly string[]>): LinkResult {
  return {
    subjects: [...nodes.entries()].map(([key, refs]) => ({
      key,
      nodeRefs: [...refs],
      observationIds: refs.filter((r) => r.startsWith('obs:')).map((r) => r.slice(4)),
      tipPersonRefs: refs.filter((r) => r.startsWith('tip:')),
      links: [],
      cohesion: { level: 'high' as const, value: 1 },
    })),
    blocked: [],
    conflicts: [],
  };
}
