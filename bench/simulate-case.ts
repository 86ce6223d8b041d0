/**
 * One measured simulator run in its own process (so peak RSS belongs to this case alone), used by
 * simulate.bench.ts. Args: `world <scale> <rows> [main|<workers>]` (rows in the main thread, the default, or in that many worker threads) or `baseline <rows>`. Prints one JSON line.
 * Every file goes to /dev/null: the figure is the generator's cost, not the disk's.
 */
import { createWriteStream, readdirSync, readFileSync } from 'node:fs';
import { once } from 'node:events';
import { simulate } from '#core/simulation/simulate.js';
import { ChunkedWriter, type OutputSink, type TextSink } from '#core/simulation/sink.js';
import type { Scale } from '#core/simulation/behaviours.js';
import { inProcessRows } from '#core/simulation/row-generator.js';
import { workerRows } from '#platform/simulation/row-workers.js';

const devNull = (): TextSink => {
  const stream = createWriteStream('/dev/null', { highWaterMark: 1 << 20 });
  return {
    write: (chunk) =>
      stream.write(chunk) ? undefined : once(stream, 'drain').then(() => undefined),
    close: () => new Promise<void>((ok) => stream.end(ok)),
  };
};
// The row phase is the time between opening and closing observations.csv; building the world
// ends when the first file is opened. CPU time is taken too: on a shared machine it varies less.
const phase = { built: 0, opened: 0, closed: 0, cpuOpened: 0, cpuClosed: 0 };
const cpuNow = () => {
  const cpu = process.cpuUsage();
  return (cpu.user + cpu.system) / 1e6;
};
/**
 * CPU seconds of each thread of this process (Linux /proc; empty elsewhere), sampled while rows are
 * written, so that the busiest thread's share shows how the row work splits over worker threads.
 * A worker's last sample is up to one interval before it exits.
 */
const TICK = 100; // USER_HZ
const threadCpu = new Map<string, { first: number; last: number }>();
const sampleThreads = (initial = false) => {
  let tasks: string[] = [];
  try {
    tasks = readdirSync('/proc/self/task');
  } catch {
    return;
  }
  for (const tid of tasks) {
    try {
      const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'latin1');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const cpu = (Number(fields[11]) + Number(fields[12])) / TICK;
      const seen = threadCpu.get(tid);
      if (seen) seen.last = cpu;
      // A thread first seen after the phase began started in it.
      else threadCpu.set(tid, { first: initial ? cpu : 0, last: cpu });
    } catch {
      // the thread exited between the listing and the read
    }
  }
};
let sampler: ReturnType<typeof setInterval> | undefined;

const sink: OutputSink = {
  open: (path) => {
    phase.built ||= performance.now();
    const out = devNull();
    if (path !== 'observations.csv') return out;
    phase.opened = performance.now();
    phase.cpuOpened = cpuNow();
    sampleThreads(true);
    sampler = setInterval(sampleThreads, 250);
    return {
      write: (chunk) => out.write(chunk),
      close: async () => {
        await out.close();
        sampleThreads();
        clearInterval(sampler);
        phase.closed = performance.now();
        phase.cpuClosed = cpuNow();
      },
    };
  },
};

const [mode, a, b] = process.argv.slice(2);
const t0 = performance.now();
let rows: number;
if (mode === 'baseline') {
  // The same number of fixed lines of a typical row's length, through the same chunking and stream.
  rows = Number(a);
  phase.opened = performance.now();
  phase.cpuOpened = cpuNow();
  const line =
    '2015-03-02T14:05:11.250Z,gnutella,142.51.231.17,6346,5A1F0C9E3B7D4E2F8A6C1B0D9E8F7A6B,LimeWire/5.5.16,sha1,VGMT4NSHA2AWVOR6EVYXQUGCNSONBWE5,IMG_4821.jpg,3884358,query_hit,ice-station-3,,\n';
  const w = new ChunkedWriter(devNull());
  for (let i = 0; i < rows; i++) {
    const wait = w.push(line);
    if (wait) await wait;
  }
  await w.close();
  phase.closed = performance.now();
  phase.cpuClosed = cpuNow();
} else {
  const threads = process.argv[5] ?? 'main';
  const truth = await simulate(
    { seed: 1, scale: a as Scale, rows: Number(b) },
    sink,
    threads === 'main' ? inProcessRows : workerRows(Number(threads)),
  );
  rows = truth.summary.observations.rows;
}
const seconds = (performance.now() - t0) / 1000;
const cpuSeconds = cpuNow();
const rowSeconds = (phase.closed - phase.opened) / 1000;
const rowCpuSeconds = phase.cpuClosed - phase.cpuOpened;
console.log(
  JSON.stringify({
    rows,
    seconds,
    buildSeconds: phase.built ? (phase.built - t0) / 1000 : 0,
    rowSeconds,
    cpuSeconds,
    rowCpuSeconds,
    rowsPerSecond: rows / rowSeconds,
    rowsPerRowCpuSecond: rows / rowCpuSeconds,
    // CPU seconds of the busiest threads in the row phase, most first.
    threadCpuSeconds: [...threadCpu.values()]
      .map((t) => t.last - t.first)
      .sort((x, y) => y - x)
      .slice(0, 4),
    maxRssMiB: process.resourceUsage().maxRSS / 1024,
  }),
);
