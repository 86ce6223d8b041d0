import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { BIN } from './process.js';

const README = fileURLToPath(new URL('../README.md', import.meta.url));

/** The shell lines of the README's CLI recipe (the code block after `<!-- cli-recipe -->`). */
function recipe(): string[] {
  const text = readFileSync(README, 'utf8');
  const start = text.indexOf('<!-- cli-recipe -->');
  const block = /```sh\n([\s\S]*?)```/.exec(text.slice(start));
  if (start < 0 || !block) throw new Error('README has no <!-- cli-recipe --> block');
  return block[1]!
    .split('\n')
    .map((l) => l.replace(/\s+#.*$/, '').trim())
    .filter((l) => l.length > 0);
}

describe('the README CLI recipe (real processes)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vigil-e2e-recipe-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('runs as written: ingest says what comes next, the queue counts what awaits scoring, then ranks', async () => {
    const outputs: string[] = [];
    for (const line of recipe()) {
      expect(line.startsWith('npx vigil ')).toBe(true);
      // As a user types it, through a shell (globs), with `npx vigil` being this checkout's bin.
      const command = line.replace(/^npx vigil /, `"${process.execPath}" "${BIN}" `);
      const { stdout } = await promisify(execFile)('sh', ['-c', command], {
        cwd: dir,
        env: { ...process.env, VIGIL_DATA_DIR: join(dir, 'data'), VIGIL_LOG_LEVEL: 'silent' },
      }).catch((error: { code: number; stdout: string; stderr: string }) => {
        throw new Error(`\`${line}\` exited ${error.code}:\n${error.stdout}\n${error.stderr}`);
      });
      outputs.push(stdout);
    }
    const lines = recipe();
    const at = (prefix: string, nth = 0) =>
      outputs[lines.map((l, i) => (l.startsWith(prefix) ? i : -1)).filter((i) => i >= 0)[nth]!]!;
    expect(at('npx vigil ingest')).toMatch(
      /Next: `vigil rescore` links and scores the \d+ observations/,
    );
    expect(at('npx vigil queue', 0)).toMatch(/\d+ observations await scoring: run `vigil rescore`/);
    const ranked = at('npx vigil queue', 1);
    expect(ranked).not.toMatch(/await scoring/);
    expect(ranked).toMatch(/^ +1 {2}sub_/m);
    expect(ranked).toMatch(/ISPs: \S/);
    expect(ranked).toMatch(/places: \S/);
    expect(ranked).toMatch(/first seen 2015-\d\d-\d\d \d\d:\d\d UTC, last seen 2015-/);
  }, 600_000);
});
