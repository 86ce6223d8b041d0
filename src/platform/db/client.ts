import { PGlite, types as pgliteTypes } from '@electric-sql/pglite';
import { CamelCasePlugin, Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { Config } from '../config.js';
import { CopyAwarePgPool } from './copy.js';
import { lockDataDir } from './lock.js';
import { PGlitePool } from './pglite-pool.js';
import type { Database } from './tables.js';

export type Db = Kysely<Database>;

/** An open database: the typed handle, which engine it is, and how to close it. */
export type DatabaseHandle = {
  db: Db;
  engine: 'pglite' | 'pg';
  /** The raw engine, for the few bulk paths (COPY) that Kysely does not cover. */
  raw: { kind: 'pglite'; pglite: PGlite } | { kind: 'pg'; pool: pg.Pool };
  close: () => Promise<void>;
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
  if (config.kind === 'pg') return openPg(config.url);
  const lock = lockDataDir(config.dataDir);
  try {
    const pglite = await PGlite.create({ dataDir: config.dataDir, parsers: pgliteParsers() });
    return wrapPglite(pglite, () => lock.release());
  } catch (error) {
    lock.release();
    throw error;
  }
}

/** Opens a PostgreSQL server database through a pool. */
export function openPg(url: string, poolSize = 10): DatabaseHandle {
  const pool = new pg.Pool({ connectionString: url, max: poolSize, types: pgTypes });
  // An idle client losing its server connection must not crash the process.
  pool.on('error', () => undefined);
  const db = new Kysely<Database>({
    dialect: new PostgresDialect({ pool: new CopyAwarePgPool(pool) }),
    plugins: [new CamelCasePlugin()],
  });
  return { db, engine: 'pg', raw: { kind: 'pg', pool }, close: () => db.destroy() };
}

/** Wraps an already created PGlite (tests load one from a migrated template). */
export function wrapPglite(pglite: PGlite, onClose?: () => void): DatabaseHandle {
  const db = new Kysely<Database>({
    dialect: new PostgresDialect({ pool: new PGlitePool(pglite) }),
    plugins: [new CamelCasePlugin()],
  });
  return {
    db,
    engine: 'pglite',
    raw: { kind: 'pglite', pglite },
    close: async () => {
      await db.destroy();
      onClose?.();
    },
  };
}

export function pgliteParsers(): Record<number, (value: string) => unknown> {
  return { [pgliteTypes.INT8]: (v) => Number(v), [pgliteTypes.DATE]: (v) => v };
}
