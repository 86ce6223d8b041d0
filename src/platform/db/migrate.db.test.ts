import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '#test/db.js';
import { ConflictError } from '#shared/errors.js';
import type { DatabaseHandle } from './client.js';
import { migrateAsOwner, migrationStatus, readMigrations } from './migrate.js';
import { EXPECTED_COLUMNS } from './tables.columns.js';

describe('migrations', () => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await createTestDatabase();
  });
  afterAll(async () => handle.close());

  it('leaves nothing pending on the migrated template', async () => {
    const status = await migrationStatus(handle.db);
    expect(status.pending).toEqual([]);
    expect(status.applied).toEqual(readMigrations().map((m) => m.version));
  });

  it('applies nothing the second time', async () => {
    expect(await migrateAsOwner(handle)).toEqual([]);
  });

  it('creates every column the typed layer declares (drift guard)', async () => {
    const rows = await sql<{ tableName: string; columnName: string }>`
      select table_name, column_name from information_schema.columns
      where table_schema = current_schema()`.execute(handle.db);
    const actual = new Set(rows.rows.map((r) => `${r.tableName}.${r.columnName}`));
    const missing = EXPECTED_COLUMNS.filter((c) => !actual.has(c));
    expect(missing).toEqual([]);
  });

  it('refuses a migration edited after it was applied', async () => {
    const edited = readMigrations().map((m, i) => (i === 0 ? { ...m, checksum: 'edited' } : m));
    await expect(migrationStatus(handle.db, edited)).rejects.toBeInstanceOf(ConflictError);
  });

  it('applies a new migration once, and in sequence', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vigil-mig-'));
    const current = readMigrations();
    for (const m of current) {
      writeFileSync(join(dir, `${String(m.version).padStart(4, '0')}_${m.name}.sql`), m.sql);
    }
    const next = String(current.length + 1).padStart(4, '0');
    writeFileSync(join(dir, `${next}_probe.sql`), 'create table probe (id integer primary key);');
    expect(await migrateAsOwner(handle, readMigrations(dir))).toEqual([current.length + 1]);
    expect(await migrateAsOwner(handle, readMigrations(dir))).toEqual([]);
    writeFileSync(join(dir, '0099_gap.sql'), 'select 1;');
    expect(() => readMigrations(dir)).toThrow(/out of sequence/);
  });
});
