import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { testEngine } from '#test/db.js';
import { runCli } from './main.js';

// The CLI opens its own embedded database in a data directory, so this file runs once (PGlite).
describe.skipIf(testEngine() === 'pg')('CLI error messages', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vigil-cli-err-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  async function cli(isTty: boolean, ...args: string[]) {
    let stderr = '';
    const code = await runCli(['node', 'vigil', ...args], {
      env: { VIGIL_DATA_DIR: join(dir, 'data'), VIGIL_LOG_LEVEL: 'silent' },
      stdout: () => undefined,
      stderr: (t) => (stderr += t),
      isTty,
    });
    return { code, stderr };
  }

  it('prints a missing --agency as a message of its own, not inside the help', async () => {
    const run = await cli(false, 'report', '--from', '2015-03-01', '--to', '2015-05-31');
    expect(run.code).toBe(2);
    expect(run.stderr.split('\n')[0]).toBe('Name the agency');
    expect(run.stderr).not.toContain('Usage:');
  }, 180_000);
});
