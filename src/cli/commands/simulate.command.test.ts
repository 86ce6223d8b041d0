import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { TruthSchema } from '#core/simulation/truth.schema.js';
import { runCli } from '../main.js';
import type { CliContext } from '../context.js';

const root = mkdtempSync(join(tmpdir(), 'vigil-simulate-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function fakeCtx() {
  const out: string[] = [];
  const err: string[] = [];
  const ctx: CliContext = {
    env: {},
    stdout: (t) => void out.push(t),
    stderr: (t) => void err.push(t),
  };
  return { ctx, out, err };
}

function hashDir(dir: string): string {
  const hash = createHash('sha256');
  const walk = (d: string, rel: string) => {
    for (const name of readdirSync(d).sort()) {
      const path = join(d, name);
      if (statSync(path).isDirectory()) walk(path, `${rel}${name}/`);
      else hash.update(`${rel}${name}\0`).update(readFileSync(path));
    }
  };
  walk(dir, '');
  return hash.digest('hex');
}

const simulate = async (out: string, ...flags: string[]) => {
  const { ctx, out: stdout, err } = fakeCtx();
  const code = await runCli(['node', 'vigil', 'simulate', '--out', join(root, out), ...flags], ctx);
  return { code, stdout: stdout.join(''), stderr: err.join('') };
};

describe('vigil simulate', () => {
  it('writes the same bytes for the same seed and different bytes for another', async () => {
    expect((await simulate('a', '--seed', '42', '--scale', 'tiny', '--dirty')).code).toBe(0);
    expect((await simulate('b', '--seed', '42', '--scale', 'tiny', '--dirty')).code).toBe(0);
    const other = await simulate('c', '--seed', '43', '--days', '30', '--start', '2016-06-01');
    expect(other.code).toBe(0);
    expect(other.stdout).toMatch(/Wrote \d+ files to .*observations/);
    expect(hashDir(join(root, 'a'))).toBe(hashDir(join(root, 'b')));
    expect(hashDir(join(root, 'a'))).not.toBe(hashDir(join(root, 'c')));
    const truth = TruthSchema.parse(
      JSON.parse(readFileSync(join(root, 'c', 'truth.json'), 'utf8')),
    );
    expect(truth.parameters).toMatchObject({
      seed: 43,
      days: 30,
      start: '2016-06-01',
      dirty: false,
    });
    expect(readdirSync(join(root, 'a', 'hashsets', 'dirty')).length).toBeGreaterThan(3);
  });

  it('takes another region from a file and rejects an invalid one', async () => {
    const { ontarioRegion } = await import('#core/simulation/simulate.js');
    const region = { ...ontarioRegion(), name: 'sudbury-only' };
    region.municipalities = region.municipalities.filter((m) => m.name === 'Greater Sudbury');
    writeFileSync(join(root, 'region.json'), JSON.stringify(region));
    expect((await simulate('r', '--region', join(root, 'region.json'))).code).toBe(0);
    const truth = TruthSchema.parse(
      JSON.parse(readFileSync(join(root, 'r', 'truth.json'), 'utf8')),
    );
    expect(truth.parameters.region).toBe('sudbury-only');
    expect(new Set(truth.subjects.map((s) => s.municipality))).toEqual(
      new Set(['Greater Sudbury']),
    );
    writeFileSync(join(root, 'bad-region.json'), JSON.stringify({ ...region, municipalities: [] }));
    const bad = await simulate('r2', '--region', join(root, 'bad-region.json'));
    expect(bad.code).toBe(2);
  });

  it.each([
    [['--scale', 'huge'], /--scale must be one of/],
    [['--seed', 'abc'], /--seed must be an integer/],
    [['--start', '2015-13-45'], /--start must be a date/],
    [['--region', '/nonexistent/region.json'], /--region \/nonexistent/],
  ])('rejects bad flags %j with exit code 2', async (flags, message) => {
    const result = await simulate('bad', ...flags);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
  });
});
