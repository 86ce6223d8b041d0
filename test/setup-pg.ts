import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { openPg } from '#platform/db/client.js';
import { migrateAsOwner } from '#platform/db/migrate.js';
import { databaseUrl, dropDatabase } from './pg-admin.js';

/** The login role test/db.ts connects the application as: not a superuser, member of vigil_app. */
async function ensureAppLogin(url: string): Promise<void> {
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    await admin.query(`do $$ begin
      if not exists (select 1 from pg_roles where rolname = 'vigil_app_login') then
        create role vigil_app_login login nosuperuser nocreatedb nocreaterole in role vigil_app;
      end if;
    exception when duplicate_object or unique_violation then null;
    end $$`);
  } finally {
    await admin.end();
  }
}

/** Migrates one template database on the server; each test file clones it (CREATE … TEMPLATE). */
export default async function setup(project: TestProject) {
  const url = process.env.VIGIL_TEST_DATABASE_URL;
  if (!url) throw new Error('VIGIL_TEST_DATABASE_URL is not set');
  const template = `vigil_tpl_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create database ${template}`);
  await admin.end();
  const handle = openPg(databaseUrl(url, template), 1);
  await migrateAsOwner(handle);
  await handle.close();
  await ensureAppLogin(url);
  project.provide('testDb', { engine: 'pg', template, url });
  return () => dropDatabase(url, template);
}
