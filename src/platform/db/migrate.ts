import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { ConflictError } from '#shared/errors.js';
import type { DatabaseHandle, Db } from './client.js';

export const MIGRATIONS_DIR = fileURLToPath(new URL('../../../migrations/', import.meta.url));

export type Migration = { version: number; name: string; sql: string; checksum: string };
export type MigrationStatus = { applied: number[]; pending: number[] };

const FILE_NAME = /^(\d{4})_([a-z0-9_]+)\.sql$/;
// Any constant: serialises concurrent migrators (several `serve` processes on one server).
const ADVISORY_LOCK_KEY = 7_388_451;

/** Reads `NNNN_name.sql` files in version order; throws on a gap or a badly named file. */
export function readMigrations(dir: string = MIGRATIONS_DIR): Migration[] {
  const migrations = readdirSync(dir)
    .filter((f) => f.endsWith('.sql'))
    .sort()
    .map((file) => {
      const match = FILE_NAME.exec(file);
      if (!match) throw new ConflictError(`Migration file name not NNNN_snake_name.sql: ${file}`);
      const text = readFileSync(`${dir}/${file}`, 'utf8');
      return {
        version: Number(match[1]),
        name: match[2]!,
        sql: text,
        checksum: createHash('sha256').update(text).digest('hex'),
      };
    });
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) throw new ConflictError(`Migration ${m.version} is out of sequence`);
  });
  return migrations;
}

/**
 * Applies every pending migration, each in its own transaction under an advisory lock, and
 * records it in `schema_migration`. Throws ConflictError if an applied file was edited since.
 */
export async function migrate(db: Db, migrations = readMigrations()): Promise<number[]> {
  await ensureTable(db);
  const applied: number[] = [];
  for (const migration of migrations) {
    const didApply = await db.transaction().execute(async (trx) => {
      await sql`select pg_advisory_xact_lock(${ADVISORY_LOCK_KEY})`.execute(trx);
      const existing = await trx
        .selectFrom('schemaMigration')
        .select(['checksum'])
        .where('version', '=', migration.version)
        .executeTakeFirst();
      if (existing) {
        assertUnchanged(migration, existing.checksum);
        return false;
      }
      await sql.raw(migration.sql).execute(trx);
      await trx
        .insertInto('schemaMigration')
        .values({ version: migration.version, name: migration.name, checksum: migration.checksum })
        .execute();
      return true;
    });
    if (didApply) applied.push(migration.version);
  }
  return applied;
}

/** `migrate` on the owner's connection of an open database (the application role may not). */
export function migrateAsOwner(
  handle: Pick<DatabaseHandle, 'asOwner'>,
  migrations?: Migration[],
): Promise<number[]> {
  return handle.asOwner((db) => migrate(db, migrations));
}

/**
 * Which known migrations are applied and which are pending; throws if an applied one changed.
 * Read-only, so the application role (which may not create tables) can ask.
 */
export async function migrationStatus(
  db: Db,
  migrations = readMigrations(),
): Promise<MigrationStatus> {
  const { rows: exists } = await sql<{
    table: string | null;
  }>`select to_regclass('schema_migration')::text as table`.execute(db);
  const rows = exists[0]?.table
    ? await db.selectFrom('schemaMigration').select(['version', 'checksum']).execute()
    : [];
  const byVersion = new Map(rows.map((r) => [r.version, r.checksum]));
  for (const m of migrations) {
    const checksum = byVersion.get(m.version);
    if (checksum !== undefined) assertUnchanged(m, checksum);
  }
  return {
    applied: rows.map((r) => r.version).sort((a, b) => a - b),
    pending: migrations.filter((m) => !byVersion.has(m.version)).map((m) => m.version),
  };
}

async function ensureTable(db: Db): Promise<void> {
  await sql`create table if not exists schema_migration (
    version integer primary key,
    name text not null,
    checksum text not null,
    applied_at timestamptz not null default now()
  )`.execute(db);
}

function assertUnchanged(migration: Migration, checksum: string): void {
  if (checksum !== migration.checksum) {
    throw new ConflictError(
      `Migration ${migration.version}_${migration.name} was edited after it was applied; migrations are forward-only`,
    );
  }
}
