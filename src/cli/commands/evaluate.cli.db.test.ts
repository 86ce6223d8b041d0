import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { testEngine } from '#test/db.js';
import { runCli } from '../main.js';

// The CLI opens its own embedded database in a data directory, so this file runs once (PGlite).
describe.skipIf(testEngine() === 'pg')('vigil evaluate', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vigil-cli-evaluate-'));
  const dataDir = join(dir, 'data');
  const world = join(dir, 'world');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const cli = async (...args: string[]) => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runCli(['node', 'vigil', ...args], {
      env: { VIGIL_DATA_DIR: dataDir, VIGIL_LOG_LEVEL: 'silent' },
      stdout: (s: string) => void out.push(s),
      stderr: (s: string) => void err.push(s),
    });
    return { code, out: out.join('\n'), err: err.join('\n') };
  };

  it('rejects a missing, unreadable or invalid truth file with exit code 2, naming the field', async () => {
    expect((await cli('evaluate', '--truth', join(dir, 'nope.json'))).code).toBe(2);
    writeFileSync(join(dir, 'broken.json'), '{"format":');
    const broken = await cli('evaluate', '--truth', join(dir, 'broken.json'));
    expect(broken.code).toBe(2);
    expect(broken.err).toContain('not readable JSON');
    writeFileSync(join(dir, 'wrong.json'), JSON.stringify({ format: 'something-else/1' }));
    const wrong = await cli('evaluate', '--truth', join(dir, 'wrong.json'));
    expect(wrong.code).toBe(2);
    expect(wrong.err).toContain('format');
  });

  it('evaluates the (empty) queue against a simulated truth, as a table or JSON', async () => {
    expect((await cli('simulate', '--out', world, '--seed', '9', '--scale', 'tiny')).code).toBe(0);
    const truthFile = join(world, 'truth.json');
    const json = await cli('evaluate', '--truth', truthFile, '--warrants', '5', '--json');
    expect(json.code).toBe(0);
    const result = JSON.parse(json.out) as {
      k: number;
      world: { seed: number };
      reports: Array<{ name: string; highRiskReached: number; consideredKeys: number }>;
      outcomes: null;
    };
    expect(result).toMatchObject({ k: 5, world: { seed: 9 }, outcomes: null });
    expect(result.reports.map((r) => [r.name, r.consideredKeys, r.highRiskReached])).toEqual([
      ['vigil', 0, 0],
      ['volume', 0, 0],
      ['recency', 0, 0],
    ]);
    const text = await cli('evaluate', '--truth', truthFile);
    expect(text.code).toBe(0);
    expect(text.out).toContain('SYNTHETIC world): seed 9');
    expect(text.out).toContain('| vigil | 30 |');
    expect(JSON.parse(readFileSync(truthFile, 'utf8')).parameters.seed).toBe(9);
    // Without a truth file: the queue against recorded case outcomes (none here).
    const outcomes = await cli('evaluate', '--json');
    expect(outcomes.code).toBe(0);
    expect(JSON.parse(outcomes.out)).toMatchObject({ k: 30, outcomes: null });
    expect((await cli('evaluate')).out).toContain('Real outcomes: no case has one yet');
    expect((await cli('evaluate', '--truth', truthFile, '--warrants', '0')).code).toBe(2);
    expect((await cli('evaluate', '--truth', truthFile, '--agency', 'bad code!')).code).toBe(2);
  }, 180_000);
});
