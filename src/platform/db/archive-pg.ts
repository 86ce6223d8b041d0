import { sql } from 'kysely';
import pg from 'pg';
import type { DatabaseDumper, DatabaseLoader } from '#core/backup/backup.ports.js';
import { ConfigError } from '#shared/errors.js';
import { openPg, type Db } from './client.js';

/**
 * The grants of migration 0018 (the application role: full DML but SELECT and INSERT only on the
 * audit log, read-only migration record), applied again after a restore, since pg_restore runs
 * with --no-privileges (the archive names no roles of the machine it came from).
 */
const APP_ROLE_GRANTS = `
grant usage on schema public to vigil_app;
grant select, insert, update, delete on all tables in schema public to vigil_app;
revoke update, delete, truncate, references, trigger on audit_log from vigil_app;
grant usage, select on all sequences in schema public to vigil_app;
alter default privileges in schema public grant select, insert, update, delete on tables to vigil_app;
alter default privileges in schema public grant usage, select on sequences to vigil_app;
revoke insert, update, delete, truncate on schema_migration from vigil_app;
`;
import { connectionFor, runPgTool, type PgTools } from './pg-tools.js';

/**
 * pg_dump of the server database, in custom format, of the very snapshot the manifest's facts are
 * read in: a repeatable-read transaction exports its snapshot and pg_dump runs with --snapshot.
 */
export function pgDumper(db: Db, url: string, tools: PgTools): DatabaseDumper {
  const conn = connectionFor(url);
  return {
    engine: 'pg',
    dump: (read) =>
      db
        .transaction()
        .setIsolationLevel('repeatable read')
        .setAccessMode('read only')
        .execute(async (trx) => {
          const snapshot = await sql<{ id: string }>`select pg_export_snapshot() as id`.execute(
            trx,
          );
          const facts = await read(trx);
          const dump = await runPgTool(
            tools,
            'pg_dump',
            [
              '--format=custom',
              '--no-owner',
              `--snapshot=${snapshot.rows[0]!.id}`,
              `--dbname=${conn.dbname}`,
            ],
            conn.password !== undefined ? { password: conn.password } : {},
          );
          return { facts, dump };
        }),
  };
}

/** pg_restore into an existing server database (created beforehand, e.g. with createdb). */
export function pgLoader(url: string, tools: PgTools): DatabaseLoader {
  const conn = connectionFor(url);
  const name = new URL(url).pathname.slice(1);
  return {
    engine: 'pg',
    target: `database ${name}`,
    async hasData() {
      const client = new pg.Client({ connectionString: url });
      try {
        await client.connect();
      } catch (error) {
        if ((error as { code?: string }).code === '3D000') {
          throw new ConfigError(
            `Database ${name} does not exist: create it first (createdb ${name}), then restore into it`,
            undefined,
            { cause: error },
          );
        }
        throw error;
      }
      try {
        const result = await client.query<{ n: string }>(
          `select count(*) as n from information_schema.tables where table_schema = 'public'`,
        );
        return Number(result.rows[0]?.n ?? 0) > 0;
      } finally {
        await client.end();
      }
    },
    async load(dump, { replace }) {
      await runPgTool(
        tools,
        'pg_restore',
        [
          '--no-owner',
          '--no-privileges',
          '--exit-on-error',
          '--single-transaction',
          ...(replace ? ['--clean', '--if-exists'] : []),
          `--dbname=${conn.dbname}`,
        ],
        { input: dump, ...(conn.password !== undefined ? { password: conn.password } : {}) },
      );
      // --no-privileges leaves the restored tables without the application role's grants.
      const owner = openPg(url, 1, url, null);
      try {
        await sql.raw(APP_ROLE_GRANTS).execute(owner.db);
      } finally {
        await owner.close();
      }
    },
    open: async () => {
      const handle = openPg(url, 2);
      return { db: handle.db, close: handle.close };
    },
  };
}
