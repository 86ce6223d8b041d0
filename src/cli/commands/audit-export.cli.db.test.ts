import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../main.js';

/** `vigil audit verify|checkpoint` are audited; an export is checked with the public key alone. */
describe(
  'vigil audit: audited verification, export and off-machine check',
  { timeout: 120_000 },
  () => {
    let dir: string;
    const out: string[] = [];
    const err: string[] = [];
    const run = (...args: string[]) =>
      runCli(['node', 'vigil', ...args], {
        env: { VIGIL_DATA_DIR: join(dir, 'data'), VIGIL_LOG_LEVEL: 'silent' },
        stdout: (t) => void out.push(t),
        stderr: (t) => void err.push(t),
      });
    beforeAll(() => {
      dir = mkdtempSync(join(tmpdir(), 'vigil-audit-cli-'));
    });
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it('audits verify and checkpoint as the CLI operator, and exports checkpoints a third party can check', async () => {
      expect(await run('audit', 'verify')).toBe(0);
      // The key in the data directory is found without --key-file.
      const key = join(dir, 'data', 'audit-signing.key');
      expect(await run('audit', 'keygen', '--out', key)).toBe(0);
      expect(await run('audit', 'checkpoint', '--out', join(dir, 'cp.json'))).toBe(0);
      expect(await run('audit', 'checkpoint', '--out', join(dir, 'cp2.json'))).toBe(0);
      const exported = join(dir, 'export.json');
      expect(await run('audit', 'export-checkpoints', '--out', exported)).toBe(0);
      expect(out.join('\n')).toMatch(/Exported 2 checkpoints/);

      const pglite = await PGlite.create({ dataDir: join(dir, 'data') });
      const rows = await pglite.query<{ action: string; entry: string }>(
        'select action, entry from audit_log order by seq',
      );
      await pglite.close();
      expect(rows.rows.map((r) => r.action)).toEqual([
        'audit.verify',
        'audit.checkpoint',
        'audit.checkpoint',
        'audit.checkpoint_export',
      ]);
      for (const r of rows.rows) {
        expect(JSON.parse(r.entry)).toMatchObject({
          source: 'cli',
          actor: { kind: 'system', id: 'vigil-cli' },
          outcome: 'success',
        });
      }

      // Off the machine: the export and the public key alone, no database.
      out.length = 0;
      const off = { VIGIL_DATA_DIR: join(dir, 'nowhere') };
      const check = (file: string, pub: string) =>
        runCli(['node', 'vigil', 'audit', 'verify-checkpoints', file, '--public-key', pub], {
          env: off,
          stdout: (t) => void out.push(t),
          stderr: (t) => void err.push(t),
        });
      expect(await check(exported, `${key}.pub`)).toBe(0);
      expect(out.join('\n')).toMatch(/OK: 2 checkpoints; chain head [0-9a-f]{64} at 2 entries/);
      const other = join(dir, 'other.key');
      expect(await run('audit', 'keygen', '--out', other)).toBe(0);
      expect(await check(exported, `${other}.pub`)).not.toBe(0);
      const edited = JSON.parse(readFileSync(exported, 'utf8')) as {
        checkpoints: Array<{ checkpoint: { headHash: string } }>;
      };
      edited.checkpoints[1]!.checkpoint.headHash = 'f'.repeat(64);
      writeFileSync(join(dir, 'edited.json'), JSON.stringify(edited));
      err.length = 0;
      expect(await check(join(dir, 'edited.json'), `${key}.pub`)).not.toBe(0);
      expect(err.join('\n')).toMatch(/Checkpoint 2 .*signature/);
    });
  },
);
