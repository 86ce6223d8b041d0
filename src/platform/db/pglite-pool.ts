import type { PGlite, Results } from '@electric-sql/pglite';
import type { PostgresPool, PostgresPoolClient, PostgresQueryResult } from 'kysely';
import { copyOf } from './copy.js';

// Statements that would change the connection's role. The application never issues them; on a
// PostgreSQL server a non-superuser login role makes them fail anyway, but PGlite's one session is
// always the superuser `postgres`, so the application pool refuses them outright. A guard, not a
// boundary: code running in the process could still reach PGlite directly.
const ROLE_CHANGE =
  /\b(?:set|reset)\s+(?:(?:session|local)\s+)?(?:"?role"?|session\s+authorization)(?![\w$])|\bset_config\b|^\s*do\b/i;

/** Which role the one connection currently runs as; shared by the pools over one PGlite. */
type ConnectionState = { tail: Promise<void>; role: string | null };

/**
 * Presents one PGlite instance to Kysely's PostgresDialect as a pool of exactly one connection.
 *
 * PGlite is a single connection: if two async callers shared it, a query of one would join the
 * other's open transaction. So `connect()` hands the connection to one caller at a time and the
 * next caller waits until it is released; Kysely releases after each query, or after COMMIT or
 * ROLLBACK of a transaction. Inside `db.transaction().execute(fn)`, always use the `trx` given to
 * `fn`: the outer `db` there would wait for the transaction's own connection forever (on a
 * PostgreSQL server it would silently run outside the transaction, which is as wrong).
 *
 * `role` is the role the connection runs as while this pool holds it (`SET ROLE` when it changes
 * hands; null: the session's own superuser, for migrations). The application's pool runs as
 * vigil_app; `asOwner()` gives a pool over the same connection that runs as the superuser.
 */
export class PGlitePool implements PostgresPool {
  readonly #state: ConnectionState;

  constructor(
    readonly pglite: PGlite,
    readonly role: string | null,
    state?: ConnectionState,
  ) {
    this.#state = state ?? { tail: Promise.resolve(), role: null };
  }

  /** A pool over the same connection that runs as the session's superuser (never closes it). */
  asOwner(): PostgresPool {
    const owner = new PGlitePool(this.pglite, null, this.#state);
    return { connect: () => owner.connect(), end: async () => undefined };
  }

  async connect(): Promise<PostgresPoolClient> {
    let release!: () => void;
    const state = this.#state;
    const previous = state.tail;
    state.tail = new Promise<void>((resolve) => (release = resolve));
    await previous;
    let released = false;
    const pglite = this.pglite;
    const role = this.role;
    try {
      if (state.role !== role) {
        await pglite.exec(role === null ? 'reset role' : `set role ${role}`);
        state.role = role;
      }
    } catch (error) {
      release();
      throw error;
    }
    return {
      query: (async <R>(sql: string, parameters: ReadonlyArray<unknown>) => {
        if (role !== null && ROLE_CHANGE.test(sql)) {
          throw new Error('the application connection may not change its role');
        }
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
    await this.#state.tail;
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
