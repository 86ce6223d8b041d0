import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const dir = mkdtempSync(join(tmpdir(), 'vigil-e2e-sim-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const vigil = (...args: string[]) =>
  spawnSync('node', ['bin/vigil.js', ...args], {
    encoding: 'utf8',
    env: { ...process.env, DATABASE_URL: '', VIGIL_LOG_LEVEL: 'silent' },
  });

type Counts = { accepted: number; duplicates: number; rejected: number };

describe('vigil ingest of a `vigil simulate --dirty` world', () => {
  it('rejects exactly what the simulator planted', () => {
    const out = join(dir, 'world');
    const data = join(dir, 'data');
    expect(vigil('simulate', '--out', out, '--dirty', '--seed', '7').status).toBe(0);
    expect(
      vigil('attribution', 'import-tor', join(out, 'tor-exit-addresses'), '--data-dir', data)
        .status,
    ).toBe(0);
    const tips = readdirSync(join(out, 'tips')).map((f) => join(out, 'tips', f));
    const run = vigil(
      'ingest',
      join(out, 'observations.csv'),
      ...tips,
      '--json',
      '--data-dir',
      data,
    );
    expect(run.status).toBe(2);
    const files = (JSON.parse(run.stdout) as { files: Array<Counts & { file: string }> }).files;
    const truth = JSON.parse(readFileSync(join(out, 'truth.json'), 'utf8')) as {
      dirty: { expected: Record<string, Partial<Counts>> };
    };
    // Hash-set files in truth.json belong to the hashsets domain; intake takes the log and the tips.
    const mine = Object.entries(truth.dirty.expected).filter(
      ([path]) => path === 'observations.csv' || path.startsWith('tips/'),
    );
    expect(mine.length).toBeGreaterThan(10);
    for (const [path, want] of mine) {
      const got = files.find((f) => f.file === path.split('/').pop());
      // byReason and formulaCells use the simulator's own vocabulary; the counts are what must agree.
      const { accepted, duplicates, rejected } = want;
      expect({ path, ...got }).toMatchObject({ path, accepted, duplicates, rejected });
    }
  }, 300_000); // simulate, import-tor and ingest as processes: slow on a loaded 2-core machine
});
