import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '#platform/db/client.js';
import { testEngine } from '#test/db.js';
import { runCli } from '../main.js';

// The CLI opens its own embedded database in a data directory, so this file runs once (PGlite).
describe.skipIf(testEngine() === 'pg')('vigil ingest (audit)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vigil-cli-'));
  const dataDir = join(dir, 'data');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const cli = (...args: string[]) =>
    runCli(['node', 'vigil', ...args], {
      env: { VIGIL_DATA_DIR: dataDir, VIGIL_LOG_LEVEL: 'silent' },
      stdout: () => undefined,
      stderr: () => undefined,
    });

  it('writes one audit row per ingest run, and one per jurisdiction change', async () => {
    // dirty.csv has rejected rows: exit 2, yet the import itself happened and is audited.
    expect(await cli('ingest', 'test/fixtures/intake/dirty.csv')).toBe(2);
    expect(await cli('jurisdiction', 'list')).toBe(0);
    const handle = await openDatabase({ kind: 'pglite', dataDir });
    try {
      const rows = await handle.db
        .selectFrom('auditLog')
        .select(['action', 'outcome', 'entry'])
        .orderBy('seq')
        .execute();
      expect(rows.map((r) => `${r.action}:${r.outcome}`)).toEqual([
        'intake.import:success',
        'jurisdiction.list:success',
      ]);
      expect(JSON.parse(rows[0]!.entry)).toMatchObject({ source: 'cli' });
    } finally {
      await handle.close();
    }
  }, 180_000);
});
