import { sql, type Kysely } from 'kysely';
import type { Database } from '#platform/db/tables.js';

type Db = Kysely<Database>;

/** The facts a manifest records and a restore must reproduce. */
export class BackupRepository {
  /** Rows per table of the public schema, by table name. */
  async countRows(db: Db): Promise<Record<string, number>> {
    const tables = await sql<{ name: string }>`
      select table_name as name from information_schema.tables
      where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`.execute(db);
    const counts: Record<string, number> = {};
    for (const { name } of tables.rows) {
      const result = await sql<{
        n: number;
      }>`select count(*)::int8 as n from ${sql.table(name)}`.execute(db);
      counts[name] = result.rows[0]?.n ?? 0;
    }
    return counts;
  }

  async auditHead(db: Db): Promise<{ seq: number; hash: string } | null> {
    const row = await db
      .selectFrom('auditLog')
      .select(['seq', 'hash'])
      .orderBy('seq', 'desc')
      .limit(1)
      .executeTakeFirst();
    return row ? { seq: row.seq, hash: row.hash } : null;
  }

  async appliedMigrations(db: Db): Promise<number[]> {
    const rows = await db
      .selectFrom('schemaMigration')
      .select('version')
      .orderBy('version')
      .execute();
    return rows.map((r) => r.version);
  }
}
