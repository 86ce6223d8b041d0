import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { sql } from 'kysely';
import type { PostgresPool, PostgresPoolClient } from 'kysely';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { Db } from './client.js';

/**
 * Bulk load through `COPY … FROM STDIN` on the connection of `db` (a transaction's connection when
 * `db` is a transaction). `statement` is the COPY statement (`COPY t (a, b) FROM STDIN WITH (…)`),
 * `data` the whole payload in that statement's format.
 */
export type CopyIn = (db: Db, statement: string, data: string) => Promise<void>;

// Kysely has no COPY: the statement travels as an ordinary query with this marker and the payload
// as its one parameter; the pools below (pg and PGlite) recognise it and run a real COPY on the
// same connection, so it joins the caller's transaction like any other query.
const MARKER = '/* vigil:copy-in */ ';
const COPY_IN = /^COPY\s[^;]*\sFROM\s+STDIN\b[^;]*$/i;

export const copyIn: CopyIn = async (db, statement, data) => {
  if (!COPY_IN.test(statement)) throw new Error(`not a COPY … FROM STDIN statement: ${statement}`);
  await sql`${sql.raw(MARKER + statement)} ${data}`.execute(db);
};

/** The COPY statement and payload of a marked query, or null for any other query. */
export function copyOf(
  sqlText: string,
  parameters: ReadonlyArray<unknown>,
): { statement: string; data: string } | null {
  if (!sqlText.startsWith(MARKER)) return null;
  const data = parameters[0];
  if (parameters.length !== 1 || typeof data !== 'string') {
    throw new Error('a COPY query takes exactly one text payload');
  }
  return { statement: sqlText.slice(MARKER.length).replace(/\s*\$1$/, ''), data };
}

/** A pg pool whose clients run marked COPY queries through pg-copy-streams. */
export class CopyAwarePgPool implements PostgresPool {
  constructor(readonly pool: pg.Pool) {}

  async connect(): Promise<PostgresPoolClient> {
    const client = await this.pool.connect();
    return {
      query: ((sqlText: string, parameters: ReadonlyArray<unknown>) => {
        // A cursor (Kysely's stream()) passes a submittable object: not ours to look at.
        if (typeof sqlText !== 'string') return client.query(sqlText);
        const copy = copyOf(sqlText, parameters);
        if (!copy) return client.query(sqlText, parameters as unknown[]);
        return pipeline(Readable.from([copy.data]), client.query(copyFrom(copy.statement))).then(
          () => ({ command: 'COPY', rowCount: 0, rows: [] }),
        );
      }) as PostgresPoolClient['query'],
      release: (destroy?: boolean) => client.release(destroy),
    } as PostgresPoolClient;
  }

  end(): Promise<void> {
    return this.pool.end();
  }
}
