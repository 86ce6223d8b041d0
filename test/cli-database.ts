import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { inject } from 'vitest';
import { cloneTemplate } from './db.js';
import { databaseUrl, dropDatabase } from './pg-admin.js';

/**
 * A database that both a test's core and an in-process `vigil` command can open by configuration:
 * an embedded data directory (PGlite; one process at a time, so close the core before running the
 * CLI) or a fresh clone of the migrated template on the PostgreSQL server. `env` is what the CLI
 * gets; close() removes it.
 */
export async function createCliDatabase(): Promise<{
  env: Record<string, string>;
  close: () => Promise<void>;
}> {
  const testDb = inject('testDb');
  if (testDb.engine === 'pglite') {
    const dir = mkdtempSync(join(tmpdir(), 'vigil-cli-db-'));
    // Start the directory from the migrated template rather than an initdb and every migration.
    const pglite = await PGlite.create({
      dataDir: join(dir, 'data'),
      loadDataDir: new Blob([readFileSync(testDb.template)]),
    });
    await pglite.close();
    return {
      env: { VIGIL_DATA_DIR: join(dir, 'data') },
      close: async () => rmSync(dir, { recursive: true, force: true }),
    };
  }
  const name = `vigil_t_${randomBytes(6).toString('hex')}`;
  await cloneTemplate(testDb.url!, name, testDb.template);
  return {
    env: { DATABASE_URL: databaseUrl(testDb.url!, name) },
    close: () => dropDatabase(testDb.url!, name),
  };
}
