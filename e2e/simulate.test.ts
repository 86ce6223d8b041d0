import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { TruthSchema } from '#core/simulation/truth.schema.js';
import { run } from './process.js';

describe('vigil simulate (real process)', () => {
  const out = mkdtempSync(join(tmpdir(), 'vigil-e2e-sim-'));
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it('writes a tiny dirty world whose truth names every file written', async () => {
    const result = await run([
      'simulate',
      '--out',
      out,
      '--scale',
      'tiny',
      '--seed',
      '5',
      '--dirty',
    ]);
    expect(result.code).toBe(0);
    expect(result.output).toMatch(/Wrote \d+ files/);
    const truth = TruthSchema.parse(JSON.parse(readFileSync(join(out, 'truth.json'), 'utf8')));
    const written = readdirSync(out, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile() && e.name !== 'truth.json')
      .map((e) => join(e.parentPath, e.name).slice(out.length + 1))
      .sort();
    expect(written).toEqual(Object.keys(truth.files).sort());
    expect(truth.dirty?.expected['observations.csv']?.rejected).toBeGreaterThan(30);
  });

  it('exits 2 on a bad scale', async () => {
    const result = await run(['simulate', '--out', out, '--scale', 'enormous']);
    expect(result.code).toBe(2);
    expect(result.output).toMatch(/--scale must be one of/);
  });
});
