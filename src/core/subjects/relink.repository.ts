import type { Insertable, Selectable } from 'kysely';
import type { Db } from '#platform/db/client.js';
import type { SubjectRelinkStateTable } from '#platform/db/tables.js';
import type { SubjectKeyChange } from './linking/key-changes.js';
import { confidence, type LinkEdge, type LinkRule } from './linking/link.types.js';
import type { StoredNode } from './linking/relink-region.js';

/** Rows per page or IN list (well under PostgreSQL's bind-parameter limit). */
const PAGE = 5000;

export type RelinkState = Selectable<SubjectRelinkStateTable>;

/** What the last run stored per node: its subject, group keys and input digest. */
export async function readStoredNodes(db: Db): Promise<Map<string, StoredNode>> {
  const out = new Map<string, StoredNode>();
  let after = '';
  for (;;) {
    const page = await db
      .selectFrom('subjectMember')
      .select(['nodeRef', 'subjectKey', 'groupKeys', 'inputDigest'])
      .where('nodeRef', '>', after)
      .orderBy('nodeRef')
      .limit(PAGE)
      .execute();
    for (const m of page) {
      out.set(m.nodeRef, {
        subjectKey: m.subjectKey,
        groupKeys: m.groupKeys,
        digest: m.inputDigest,
      });
    }
    if (page.length < PAGE) return out;
    after = page[page.length - 1]!.nodeRef;
  }
}

/** The stored links of the given subjects, in their stored order. */
export async function readLinksOf(
  db: Db,
  keys: readonly string[],
): Promise<Map<string, LinkEdge[]>> {
  const out = new Map<string, LinkEdge[]>();
  for (let i = 0; i < keys.length; i += PAGE) {
    const rows = await db
      .selectFrom('subjectLink')
      .selectAll()
      .where('subjectKey', 'in', keys.slice(i, i + PAGE))
      .orderBy('subjectKey')
      .orderBy('ordinal')
      .execute();
    for (const r of rows) {
      const list = out.get(r.subjectKey) ?? [];
      list.push({
        rule: r.rule as LinkRule,
        a: r.nodeA,
        b: r.nodeB,
        confidence: confidence(r.confidence),
        evidence: {
          rows: r.evidenceIds,
          ...(r.identifier === null ? {} : { identifier: r.identifier }),
        },
      });
      out.set(r.subjectKey, list);
    }
  }
  return out;
}

/** The last run's parameters, or undefined before the first (incremental-aware) run. */
export async function readRelinkState(db: Db): Promise<RelinkState | undefined> {
  return db.selectFrom('subjectRelinkState').selectAll().where('id', '=', 1).executeTakeFirst();
}

/** Records what this run ran with. */
export async function writeRelinkState(
  db: Db,
  state: Omit<Insertable<SubjectRelinkStateTable>, 'id'>,
): Promise<void> {
  await db
    .insertInto('subjectRelinkState')
    .values({ id: 1, ...state })
    .onConflict((oc) => oc.column('id').doUpdateSet(state))
    .execute();
}

/** Records where vanished subject keys went. */
export async function insertKeyChanges(
  db: Db,
  changes: readonly SubjectKeyChange[],
  now: Date,
): Promise<void> {
  for (let i = 0; i < changes.length; i += PAGE) {
    await db
      .insertInto('subjectKeyChange')
      .values(
        changes.slice(i, i + PAGE).map((c) => ({ fromKey: c.from, toKeys: c.to, changedAt: now })),
      )
      .onConflict((oc) => oc.columns(['fromKey', 'changedAt']).doNothing())
      .execute();
  }
}
