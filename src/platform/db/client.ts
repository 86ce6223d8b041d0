import { PGlite, types as pgliteTypes } from '@electric-sql/pglite';
import { CamelCasePlugin, Kysely, PostgresDialect, type PostgresPool } from 'kysely';
import pg from 'pg';
import type { Config } from '../config.js';
import { CopyAwarePgPool } from './copy.js';
import { lockDataDir } from './lock.js';
import { PGlitePool } from './pglite-pool.js';
import type { Database } from './tables.js';

export type Db = Kysely<Database>;

/**
 * The role every application connection runs as (migration 0018): DML on the tables, only SELECT
 * and INSERT on audit_log, owner of nothing, so no statement of the app can alter the audit log or
 * disable its trigger. Migrations alone run as the owner, through `asOwner`.
 */
export const APP_ROLE = 'vigil_app';

/** An open database: the typed handle, which engine it is, and how to close it. */
export type DatabaseHandle = {
  db: Db;
  engine: 'pglite' | 'pg';
  /** The raw engine, for the few bulk paths (COPY) that Kysely does not cover. */
  raw: { kind: 'pglite'; pglite: PGlite } | { kind: 'pg'; pool: pg.Pool };
  close: () => Promise<void>;
  /**
   * Runs `fn` on a connection as the owner of the schema (the configured superuser or owner role):
   * migrations, and tests that tamper with the audit log on purpose. Never for request handling.
   */
  asOwner: <T>(fn: (db: Db) => Promise<T>) => Promise<T>;
};

// Both engines return the same JS types: int8 as number (counts; no column holds values past
// 2^53), date as 'YYYY-MM-DD' text (never shifted by a time zone), numeric as text.
const INT8 = 20;
const DATE = 1082;
const pgTypes = {
  getTypeParser: (oid: number, format?: 'text' | 'binary') => {
    if (oid === INT8) return (v: string) => Number(v);
    if (oid === DATE) return (v: string) => v;
    return pg.types.getTypeParser(oid, format);
  },
} as pg.CustomTypesConfig;

/**
 * Opens the configured database: PGlite in the data directory (taking its exclusive lock) or a
 * PostgreSQL server. Throws DataDirLockedError when another process holds the directory.
 */
export async function openDatabase(config: Config['database']): Promise<DatabaseHandle> {
  if (config.kind === 'pg') return openPg(config.url, 10, config.ownerUrl);
  const lock = lockDataDir(config.dataDir);
  try {
    const pglite = await PGlite.create({ dataDir: config.dataDir, parsers: pgliteParsers() });
    return wrapPglite(pglite, () => lock.release());
  } catch (error) {
    lock.release();
    throw error;
  }
}

/**
 * Opens a PostgreSQL server database through a pool whose every connection starts as vigil_app
 * (the startup option `-c role=vigil_app`: a connection that cannot take the role fails, never runs
 * as the login role). `url` should log in as a non-superuser member of vigil_app (then no statement
 * can leave the role); `ownerUrl` (default `url`) is the schema owner, used by `asOwner` only.
 */
export function openPg(
  url: string,
  poolSize = 10,
  ownerUrl = url,
  /** null: the login role itself (tests of migrations over an empty database only). */
  role: string | null = APP_ROLE,
): DatabaseHandle {
  const pool = pgPool(url, poolSize, role);
  const db = kyselyOver(new CopyAwarePgPool(pool));
  return {
    db,
    engine: 'pg',
    raw: { kind: 'pg', pool },
    close: () => db.destroy(),
    asOwner: async (fn) => {
      const owner = kyselyOver(new CopyAwarePgPool(pgPool(ownerUrl, 1)));
      try {
        return await fn(owner);
      } finally {
        await owner.destroy();
      }
    },
  };
}

function pgPool(url: string, max: number, role: string | null = null): pg.Pool {
  const pool = new pg.Pool({
    connectionString: url,
    max,
    types: pgTypes,
    ...(role ? { options: `-c role=${role}` } : {}),
  });
  // An idle client losing its server connection must not crash the process.
  pool.on('error', () => undefined);
  return pool;
}

function kyselyOver(pool: PostgresPool): Db {
  return new Kysely<Database>({
    dialect: new PostgresDialect({ pool }),
    plugins: [new CamelCasePlugin()],
  });
}

/**
 * Wraps an already created PGlite (tests load one from a migrated template). Its one connection
 * runs the application's queries as vigil_app and `asOwner` callers as the superuser `postgres`,
 * switching role whenever it changes hands (see PGlitePool).
 */
export function wrapPglite(
  pglite: PGlite,
  onClose?: () => void,
  /** null: the superuser (tests of migrations over an empty database only). */
  role: string | null = APP_ROLE,
): DatabaseHandle {
  const app = new PGlitePool(pglite, role);
  const db = kyselyOver(app);
  return {
    db,
    engine: 'pglite',
    raw: { kind: 'pglite', pglite },
    close: async () => {
      await db.destroy();
      onClose?.();
    },
    asOwner: async (fn) => {
      const owner = kyselyOver(app.asOwner());
      try {
        return await fn(owner);
      } finally {
        await owner.destroy();
      }
    },
  };
}

export function pgliteParsers(): Record<number, (value: string) => unknown> {
  return { [pgliteTypes.INT8]: (v) => Number(v), [pgliteTypes.DATE]: (v) => v };
}
