import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { openPg } from '#platform/db/client.js';
import { migrate } from '#platform/db/migrate.js';
import { databaseUrl, dropDatabase } from './pg-admin.js';

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
  await migrate(handle.db);
  await handle.close();
  project.provide('testDb', { engine: 'pg', template, url });
  return () => dropDatabase(url, template);
}
