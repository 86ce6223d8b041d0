import { sql } from 'kysely';
import type { Db } from '#platform/db/client.js';
import type { Insertable, Selectable } from 'kysely';
import type {
  SubjectLinkTable,
  SubjectMemberTable,
  SubjectScoreTable,
  SubjectTable,
} from '#platform/db/tables.js';

/** Rows per insert statement (well under PostgreSQL's 65,535 bind parameters). */
const CHUNK = 2000;

/** One subject as it should be stored after a relink, with its members, links and score. */
export type SubjectWrite = {
  subject: Omit<Insertable<SubjectTable>, 'updatedAt'>;
  members: Insertable<SubjectMemberTable>[];
  links: Insertable<SubjectLinkTable>[];
  score: Insertable<SubjectScoreTable>;
};

/** What a write changed: subjects added, changed (or renamed away) and scores written. */
export type WriteCounts = { added: number; changed: number; removed: number; scored: number };

async function insertChunked<T>(items: T[], insert: (chunk: T[]) => Promise<unknown>) {
  for (let i = 0; i < items.length; i += CHUNK) await insert(items.slice(i, i + CHUNK));
}

const sameSubject = (a: Omit<Insertable<SubjectTable>, 'updatedAt'>, b: Selectable<SubjectTable>) =>
  a.agencyCode === b.agencyCode &&
  (a.firstSeen as Date | null)?.getTime() === b.firstSeen?.getTime() &&
  (a.lastSeen as Date | null)?.getTime() === b.lastSeen?.getTime() &&
  a.observationCount === b.observationCount &&
  a.tipPersonCount === b.tipPersonCount &&
  a.linkCount === b.linkCount &&
  a.ruleSetVersion === b.ruleSetVersion &&
  a.score === b.score &&
  a.maxScore === b.maxScore &&
  a.attributionLevel === b.attributionLevel &&
  a.attributionConfidence === b.attributionConfidence &&
  (a.attributionFlags ?? []).join(',') === b.attributionFlags.join(',') &&
  (a.municipalities ?? []).join(',') === b.municipalities.join(',') &&
  a.topReasons === b.topReasons;

/** Which stored subjects an incremental run replaces (docs/SCORING.md, "Relinking"). */
export type PartialWrite = {
  /** Subjects re-linked or re-scored; those in `relinkedKeys` get their members and links rewritten. */
  writes: SubjectWrite[];
  /** Keys of the subjects re-linked: the region's old keys and its new ones. */
  relinkedKeys: ReadonlySet<string>;
};

/** Kysely queries of the subject tables; the caller owns the transaction. */
export class SubjectsRepository {
  /**
   * Replaces the stored subjects with `writes`: vanished subjects are deleted (their scores are
   * kept), members and links are rewritten, and a subject or score row changes only when its
   * content differs, so a re-run with the same rows changes nothing.
   */
  async replaceAll(trx: Db, writes: SubjectWrite[], now: Date): Promise<WriteCounts> {
    const existing = new Map(
      (await trx.selectFrom('subject').selectAll().execute()).map((s) => [s.key, s]),
    );
    const keep = new Set(writes.map((w) => w.subject.key));
    const removed = [...existing.keys()].filter((k) => !keep.has(k));
    await insertChunked(removed, (keys) =>
      trx.deleteFrom('subject').where('key', 'in', keys).execute(),
    );
    await trx.deleteFrom('subjectMember').execute();
    await trx.deleteFrom('subjectLink').execute();
    const counts = await this.upsert(trx, writes, existing, now);
    await this.insertMembersAndLinks(trx, writes);
    counts.scored = await this.upsertScores(trx, writes);
    return { ...counts, removed: removed.length };
  }

  /**
   * Replaces only some subjects: the old keys of `relinkedKeys` that no write names are deleted,
   * the members and links of every relinked key are rewritten, and each write's subject and score
   * rows change only when their content differs. Subjects not named stay as they are.
   */
  async replaceSome(trx: Db, { writes, relinkedKeys }: PartialWrite, now: Date) {
    const named = [...new Set([...relinkedKeys, ...writes.map((w) => w.subject.key)])];
    const existing = new Map<string, Selectable<SubjectTable>>();
    await insertChunked(named, async (keys) => {
      const rows = await trx.selectFrom('subject').selectAll().where('key', 'in', keys).execute();
      for (const row of rows) existing.set(row.key, row);
    });
    const keep = new Set(writes.map((w) => w.subject.key));
    const relinked = [...relinkedKeys];
    const removed = relinked.filter((k) => existing.has(k) && !keep.has(k));
    await insertChunked(removed, (keys) =>
      trx.deleteFrom('subject').where('key', 'in', keys).execute(),
    );
    await insertChunked(relinked, async (keys) => {
      await trx.deleteFrom('subjectMember').where('subjectKey', 'in', keys).execute();
      await trx.deleteFrom('subjectLink').where('subjectKey', 'in', keys).execute();
    });
    const counts = await this.upsert(trx, writes, existing, now);
    await this.insertMembersAndLinks(
      trx,
      writes.filter((w) => relinkedKeys.has(w.subject.key)),
    );
    counts.scored = await this.upsertScores(trx, writes);
    return { ...counts, removed: removed.length };
  }

  private async upsert(
    trx: Db,
    writes: SubjectWrite[],
    existing: ReadonlyMap<string, Selectable<SubjectTable>>,
    now: Date,
  ): Promise<WriteCounts> {
    const counts: WriteCounts = { added: 0, changed: 0, removed: 0, scored: 0 };
    const upserts = writes.filter((w) => {
      const old = existing.get(w.subject.key);
      if (!old) counts.added += 1;
      else if (!sameSubject(w.subject, old)) counts.changed += 1;
      else return false;
      return true;
    });
    await insertChunked(upserts, (chunk) =>
      trx
        .insertInto('subject')
        .values(chunk.map((w) => ({ ...w.subject, updatedAt: now })))
        .onConflict((oc) =>
          oc.column('key').doUpdateSet((eb) => ({
            agencyCode: eb.ref('excluded.agencyCode'),
            firstSeen: eb.ref('excluded.firstSeen'),
            lastSeen: eb.ref('excluded.lastSeen'),
            observationCount: eb.ref('excluded.observationCount'),
            tipPersonCount: eb.ref('excluded.tipPersonCount'),
            linkCount: eb.ref('excluded.linkCount'),
            updatedAt: eb.ref('excluded.updatedAt'),
            ruleSetVersion: eb.ref('excluded.ruleSetVersion'),
            score: eb.ref('excluded.score'),
            maxScore: eb.ref('excluded.maxScore'),
            attributionLevel: eb.ref('excluded.attributionLevel'),
            attributionConfidence: eb.ref('excluded.attributionConfidence'),
            attributionFlags: eb.ref('excluded.attributionFlags'),
            municipalities: eb.ref('excluded.municipalities'),
            topReasons: eb.ref('excluded.topReasons'),
            scoredAt: eb.ref('excluded.scoredAt'),
          })),
        )
        .execute(),
    );
    return counts;
  }

  private async insertMembersAndLinks(trx: Db, writes: SubjectWrite[]): Promise<void> {
    await insertChunked(
      writes.flatMap((w) => w.members),
      (chunk) => trx.insertInto('subjectMember').values(chunk).execute(),
    );
    await insertChunked(
      writes.flatMap((w) => w.links),
      (chunk) => trx.insertInto('subjectLink').values(chunk).execute(),
    );
  }

  /** Upserts the scores; returns how many rows were written (an unchanged one keeps its row). */
  private async upsertScores(trx: Db, writes: SubjectWrite[]): Promise<number> {
    let scored = 0;
    for (let i = 0; i < writes.length; i += CHUNK) {
      const chunk = writes.slice(i, i + CHUNK).map((w) => w.score);
      const written = await trx
        .insertInto('subjectScore')
        .values(chunk)
        .onConflict((oc) =>
          oc
            .columns(['subjectKey', 'ruleSetVersion'])
            .doUpdateSet((eb) => ({
              score: eb.ref('excluded.score'),
              maxScore: eb.ref('excluded.maxScore'),
              explanation: eb.ref('excluded.explanation'),
              evidenceAsOf: eb.ref('excluded.evidenceAsOf'),
              attributionLevel: eb.ref('excluded.attributionLevel'),
              attributionConfidence: eb.ref('excluded.attributionConfidence'),
              attributionFlags: eb.ref('excluded.attributionFlags'),
              scoredAt: eb.ref('excluded.scoredAt'),
            }))
            // An unchanged score keeps its row (and its scored_at).
            .where(sql<boolean>`subject_score.explanation is distinct from excluded.explanation`),
        )
        .returning('subjectKey')
        .execute();
      scored += written.length;
    }
    return scored;
  }
}
