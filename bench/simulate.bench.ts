import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { BenchResult } from './run.js';

type Case = {
  rows: number;
  seconds: number;
  rowSeconds: number;
  rowsPerSecond: number;
  maxRssMiB: number;
};

const script = fileURLToPath(new URL('./simulate-case.ts', import.meta.url));
const measure = (...args: string[]): Case =>
  JSON.parse(
    execFileSync(process.execPath, ['--import', 'tsx', script, ...args], { encoding: 'utf8' })
      .trim()
      .split('\n')
      .at(-1)!,
  ) as Case;

/** `vigil simulate` throughput and peak RSS per scale, against writing as many fixed CSV lines. */
export async function run(): Promise<BenchResult> {
  const rows: BenchResult['rows'] = [];
  for (const [scale, target] of [
    ['small', 100_000],
    ['medium', 5_000_000],
  ] as const) {
    const base = measure('baseline', String(target));
    const sim = measure('world', scale, String(target));
    rows.push({
      case: `${scale}: ${target.toLocaleString('en')} fixed lines (baseline)`,
      'rows/s': base.rowsPerSecond.toFixed(0),
      'peak RSS MiB': base.maxRssMiB.toFixed(0),
      'rows phase s': base.rowSeconds.toFixed(2),
      'total s': base.seconds.toFixed(1),
    });
    rows.push({
      case: `${scale}: simulate (all files)`,
      'rows/s': sim.rowsPerSecond.toFixed(0),
      'peak RSS MiB': sim.maxRssMiB.toFixed(0),
      'rows phase s': sim.rowSeconds.toFixed(2),
      'total s': sim.seconds.toFixed(1),
      'rows phase / baseline': (sim.rowSeconds / base.rowSeconds).toFixed(1),
    });
  }
  for (const n of [1_000_000, 10_000_000]) {
    const sim = measure('world', 'large', String(n));
    rows.push({
      case: `large world, ${n.toLocaleString('en')} rows streamed`,
      'rows/s': sim.rowsPerSecond.toFixed(0),
      'peak RSS MiB': sim.maxRssMiB.toFixed(0),
      'rows phase s': sim.rowSeconds.toFixed(2),
      'total s': sim.seconds.toFixed(1),
    });
  }
  return {
    suite: 'Simulate: synthetic world generation (vigil simulate)',
    rows,
    notes: [
      "Each case runs in its own process so that peak RSS is its own; every file is written to /dev/null, so the figures are the generator's cost, not the disk's. rows/s counts the row phase only (observations.csv opened to closed); total s also includes building the world and writing the other files.",
      'Large scale: RSS at 1M and 10M rows shows whether memory stays flat as rows grow (the world is built once; rows are streamed with backpressure).',
    ],
  };
}
