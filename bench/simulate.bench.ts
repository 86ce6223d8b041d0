import { execFileSync } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import type { BenchResult } from './run.js';

type Case = {
  rows: number;
  seconds: number;
  buildSeconds: number;
  rowSeconds: number;
  rowsPerSecond: number;
  rowsPerRowCpuSecond: number;
  threadCpuSeconds: number[];
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

const columns = (c: Case) => ({
  'rows/s': c.rowsPerSecond.toFixed(0),
  'rows/CPU-s': c.rowsPerRowCpuSecond.toFixed(0),
  'rows/busiest-thread CPU-s': c.threadCpuSeconds[0]
    ? (c.rows / c.threadCpuSeconds[0]).toFixed(0)
    : '',
  'peak RSS MiB': c.maxRssMiB.toFixed(0),
  'build s': c.buildSeconds.toFixed(1),
  'rows phase s': c.rowSeconds.toFixed(2),
  'total s': c.seconds.toFixed(1),
});

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
      ...columns(base),
    });
    rows.push({
      case: `${scale}: simulate (all files)`,
      ...columns(sim),
      'rows phase / baseline': (sim.rowSeconds / base.rowSeconds).toFixed(1),
    });
  }
  // Large: rows generated in this thread, then by one worker thread per core (what `vigil
  // simulate` does), same seed and so the same bytes.
  const workers = availableParallelism();
  for (const n of [1_000_000, 10_000_000]) {
    const main = measure('world', 'large', String(n), 'main');
    const pool = measure('world', 'large', String(n), String(workers));
    const label = `large world, ${n.toLocaleString('en')} rows streamed`;
    rows.push({ case: `${label}, main thread`, ...columns(main) });
    rows.push({
      case: `${label}, ${workers} worker threads`,
      ...columns(pool),
      'rows/s vs main thread': (pool.rowsPerSecond / main.rowsPerSecond).toFixed(2),
    });
  }
  return {
    suite: 'Simulate: synthetic world generation (vigil simulate)',
    rows,
    notes: [
      "Each case runs in its own process so that peak RSS is its own; every file is written to /dev/null, so the figures are the generator's cost, not the disk's. rows/s counts the row phase only (observations.csv opened to closed); rows/CPU-s divides the same rows by the process's CPU time in that phase (steadier than wall time on a shared machine); build s is the time to build the world (until the first file is opened); total s also includes writing the other files.",
      'Large scale: RSS at 1M and 10M rows shows whether memory stays flat as rows grow (the world is built once; rows are streamed with backpressure, at most two chunks of about 16k rows per worker in flight).',
      'rows/busiest-thread CPU-s divides the rows by the CPU time of the busiest thread in the row phase (Linux /proc; sampled every 250 ms): the rate with a free core per thread, which is what the threads bring on a quiet machine.',
      'Worker threads: rows/CPU-s counts the CPU of every thread; on a shared machine the wall-clock gain of the threads is capped by the CPU the scheduler gives the process, so compare on a quiet machine.',
    ],
  };
}
