import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { inject } from 'vitest';
import { openPg, pgliteParsers, wrapPglite, type DatabaseHandle } from '#platform/db/client.js';
import { databaseUrl, dropDatabase } from './pg-admin.js';

/**
 * A fresh, migrated database for one test file: a PGlite loaded from the template, or a clone of
 * the template database on the PostgreSQL server (when VIGIL_TEST_DATABASE_URL is set, the db-pg
 * project runs the same files that way). Close it in afterAll.
 */
export async function createTestDatabase(): Promise<DatabaseHandle> {
  const testDb = inject('testDb');
  if (testDb.engine === 'pglite') {
    const blob = new Blob([readFileSync(testDb.template)]);
    const pglite = await PGlite.create({ loadDataDir: blob, parsers: pgliteParsers() });
    return wrapPglite(pglite);
  }
  const url = testDb.url!;
  const name = `vigil_t_${randomBytes(6).toString('hex')}`;
  await cloneTemplate(url, name, testDb.template);
  // The application's pool logs in as vigil_app_login (test/setup-pg.ts), a non-superuser member
  // of vigil_app, as a deployment should; asOwner() uses the configured superuser.
  const handle = openPg(databaseUrl(appLoginUrl(url), name), 4, databaseUrl(url, name));
  return {
    ...handle,
    close: async () => {
      await handle.close();
      await dropDatabase(url, name);
    },
  };
}

/**
 * An empty database (no migrations applied) on the engine of this run, for tests of a migration
 * over rows written before it; its `db` runs as the owner throughout. Close it in afterAll.
 */
export async function createEmptyTestDatabase(): Promise<DatabaseHandle> {
  const testDb = inject('testDb');
  if (testDb.engine === 'pglite') {
    return wrapPglite(await PGlite.create({ parsers: pgliteParsers() }), undefined, null);
  }
  const url = testDb.url!;
  const name = `vigil_e_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  const handle = openPg(databaseUrl(url, name), 2, undefined, null);
  return {
    ...handle,
    close: async () => {
      await handle.close();
      await dropDatabase(url, name);
    },
  };
}

/** The login role the application's pool uses in tests on a PostgreSQL server. */
export const APP_LOGIN_ROLE = 'vigil_app_login';

/** The same server URL, logged in as vigil_app_login (trust authentication on the test server). */
export function appLoginUrl(url: string): string {
  const u = new URL(url);
  u.username = APP_LOGIN_ROLE;
  u.password = '';
  return u.toString();
}

/** Which engine this run of the db project uses. */
export function testEngine(): 'pglite' | 'pg' {
  return inject('testDb').engine;
}

// Two files cloning at once can find the template "being accessed by other users" (55006).
export async function cloneTemplate(url: string, name: string, template: string): Promise<void> {
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    for (let attempt = 1; ; attempt++) {
      try {
        await admin.query(`create database ${name} template ${template}`);
        return;
      } catch (error) {
        if ((error as { code?: string }).code !== '55006' || attempt >= 20) throw error;
        await new Promise((resolve) => setTimeout(resolve, 100 * attempt));
      }
    }
  } finally {
    await admin.end();
  }
}

/**
 * An empty database (no migration applied) on the engine of this run, for tests that migrate step
 * by step: an in-memory PGlite, or a new database on the PostgreSQL server; its `db` runs as the
 * owner throughout. Close it in afterAll.
 */
export async function createEmptyDatabase(): Promise<DatabaseHandle> {
  const testDb = inject('testDb');
  if (testDb.engine === 'pglite') {
    return wrapPglite(await PGlite.create({ parsers: pgliteParsers() }), undefined, null);
  }
  const url = testDb.url!;
  const name = `vigil_e_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  const handle = openPg(databaseUrl(url, name), 2, undefined, null);
  return {
    ...handle,
    close: async () => {
      await handle.close();
      await dropDatabase(url, name);
    },
  };
}
