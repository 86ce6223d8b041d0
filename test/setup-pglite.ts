import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import type { TestProject } from 'vitest/node';
import { pgliteParsers, wrapPglite } from '#platform/db/client.js';
import { migrateAsOwner } from '#platform/db/migrate.js';

/** Migrates one PGlite once and saves its data directory as the template every file loads. */
export default async function setup(project: TestProject) {
  const dir = mkdtempSync(join(tmpdir(), 'vigil-test-'));
  const handle = wrapPglite(await PGlite.create({ parsers: pgliteParsers() }));
  await migrateAsOwner(handle);
  const dump = await (handle.raw as { pglite: PGlite }).pglite.dumpDataDir('none');
  await handle.close();
  const path = join(dir, 'template.tar');
  writeFileSync(path, Buffer.from(await dump.arrayBuffer()));
  project.provide('testDb', { engine: 'pglite', template: path });
  return () => rmSync(dir, { recursive: true, force: true });
}

declare module 'vitest' {
  export interface ProvidedContext {
    testDb: { engine: 'pglite' | 'pg'; template: string; url?: string };
  }
}
