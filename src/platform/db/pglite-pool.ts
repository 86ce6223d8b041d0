import type { PGlite, Results } from '@electric-sql/pglite';
import type { PostgresPool, PostgresPoolClient, PostgresQueryResult } from 'kysely';
import { copyOf } from './copy.js';

/**
 * Presents one PGlite instance to Kysely's PostgresDialect as a pool of exactly one connection.
 *
 * PGlite is a single connection: if two async callers shared it, a query of one would join the
 * other's open transaction. So `connect()` hands the connection to one caller at a time and the
 * next caller waits until it is released; Kysely releases after each query, or after COMMIT or
 * ROLLBACK of a transaction. Inside `db.transaction().execute(fn)`, always use the `trx` given to
 * `fn`: the outer `db` there would wait for the transaction's own connection forever (on a
 * PostgreSQL server it would silently run outside the transaction, which is as wrong).
 */
export class PGlitePool implements PostgresPool {
  #tail: Promise<void> = Promise.resolve();

  constructor(readonly pglite: PGlite) {}

  async connect(): Promise<PostgresPoolClient> {
    let release!: () => void;
    const previous = this.#tail;
    this.#tail = new Promise<void>((resolve) => (release = resolve));
    await previous;
    let released = false;
    const pglite = this.pglite;
    return {
      query: (async <R>(sql: string, parameters: ReadonlyArray<unknown>) => {
        const copy = copyOf(sql, parameters);
        if (copy) {
          // PGlite reads COPY … FROM STDIN data from a Blob given as '/dev/blob'.
          const statement = copy.statement.replace(/\bFROM\s+STDIN\b/i, "FROM '/dev/blob'");
          await pglite.query(statement, [], { blob: new Blob([copy.data]) });
          return { command: 'COPY', rowCount: 0, rows: [] };
        }
        return toPgResult<R>(
          parameters.length === 0
            ? // Parameterless SQL goes through the simple protocol so that migrations
              // (several statements in one file) run as they do on a PostgreSQL server.
              lastOf(await pglite.exec(sql))
            : await pglite.query<R>(sql, parameters as unknown[]),
        );
      }) as PostgresPoolClient['query'],
      release: () => {
        if (released) return;
        released = true;
        release();
      },
    };
  }

  async end(): Promise<void> {
    await this.#tail;
    await this.pglite.close();
  }
}

function lastOf(results: Results[]): Results {
  return results.at(-1) ?? { rows: [], fields: [], affectedRows: 0 };
}

function toPgResult<R>(result: Results<unknown>): PostgresQueryResult<R> {
  const command = (result as { command?: string }).command;
  return {
    command: (command ?? 'SELECT') as PostgresQueryResult<R>['command'],
    rowCount: result.affectedRows ?? result.rows.length,
    rows: result.rows as R[],
  };
}
