import type { Selectable } from 'kysely';
import type { Db } from '#platform/db/client.js';
import type { RuleSetTable } from '#platform/db/tables.js';

export type RuleSetRow = Selectable<RuleSetTable>;

/** Kysely queries of `rule_set` (append-only: rows are inserted, never updated). */
export class RuleSetsRepository {
  /** Inserts a version unless it exists; true when this call inserted it. */
  async insertIfAbsent(db: Db, row: RuleSetRow): Promise<boolean> {
    const inserted = await db
      .insertInto('ruleSet')
      .values(row)
      .onConflict((oc) => oc.column('version').doNothing())
      .returning('version')
      .execute();
    return inserted.length > 0;
  }

  findLatest(db: Db): Promise<RuleSetRow | undefined> {
    return db
      .selectFrom('ruleSet')
      .selectAll()
      .orderBy('version', 'desc')
      .limit(1)
      .executeTakeFirst();
  }

  findByVersion(db: Db, version: number): Promise<RuleSetRow | undefined> {
    return db.selectFrom('ruleSet').selectAll().where('version', '=', version).executeTakeFirst();
  }

  listAll(db: Db): Promise<RuleSetRow[]> {
    return db.selectFrom('ruleSet').selectAll().orderBy('version', 'desc').execute();
  }
}
