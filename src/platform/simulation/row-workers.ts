import { availableParallelism } from 'node:os';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import {
  addCounters,
  emptyCounters,
  inProcessRows,
  type RowChunk,
  type RowChunkRunner,
  type RowCounters,
  type RowPlan,
} from '#core/simulation/row-generator.js';
import type { RowTables } from '#core/simulation/row-tables.js';

/** Below this many chunks (about 16k rows each) starting threads costs more than it saves. */
const MIN_CHUNKS = 8;
/** Chunks generated but not yet written, per worker: bounds memory whatever the number of rows. */
const AHEAD_PER_WORKER = 2;

/**
 * The worker is TypeScript run through tsx, like the rest of Vigil (bin/vigil.js): a small
 * CommonJS bootstrap registers tsx's loader in the new thread, then imports the entry.
 */
const BOOTSTRAP = `
const { workerData } = require('node:worker_threads');
import(workerData.tsx).then((tsx) => { tsx.register(); return import(workerData.entry); });
`;
/** tsx's ESM API (`tsx/esm/api`, import condition): its CommonJS twin registers a wrong path. */
const TSX_API = pathToFileURL(
  createRequire(import.meta.url)
    .resolve('tsx/esm/api')
    .replace(/\.cjs$/, '.mjs'),
).href;
// The sources run through tsx (.ts); `npm run build:cli`'s build/ holds the compiled .js.
const ENTRY = new URL(
  import.meta.url.endsWith('.ts') ? './row-worker.ts' : './row-worker.js',
  import.meta.url,
).href;

/** One worker thread per core, or this thread alone on a single core. */
export function defaultRowRunner(): RowChunkRunner {
  const cores = availableParallelism();
  return cores < 2 ? inProcessRows : workerRows(cores);
}

/**
 * A RowChunkRunner over `workers` worker threads: chunks are handed out in
 * index order to whichever thread is free and written in index order, at most
 * `AHEAD_PER_WORKER × workers` in flight. The world's tables are copied once into shared memory,
 * so the threads read them without a copy each. Small worlds run in this thread.
 */
export function workerRows(workers: number): RowChunkRunner {
  return async (plan, consume) => {
    if (workers < 1 || plan.chunks < MIN_CHUNKS) return inProcessRows(plan, consume);
    return runPool({ ...plan, tables: sharedTables(plan.tables) }, workers, consume);
  };
}

type Reply = { ready?: true; chunk?: RowChunk; counters?: RowCounters };

async function runPool(
  plan: RowPlan,
  size: number,
  consume: (chunk: RowChunk) => Promise<void>,
): Promise<RowCounters> {
  const ready = new Map<number, RowChunk>();
  const idle: Worker[] = [];
  const totals = emptyCounters(plan.subjectWeight.length);
  let dispatched = 0;
  let written = 0;
  let failure: Error | undefined;
  let wake: (() => void) | undefined;
  const notify = () => {
    wake?.();
    wake = undefined;
  };
  const dispatch = () => {
    while (
      idle.length &&
      dispatched < plan.chunks &&
      dispatched - written < size * AHEAD_PER_WORKER
    ) {
      send(idle.pop()!, dispatched++);
    }
  };
  let finished = 0;
  const threads = Array.from({ length: size }, () => {
    const worker = new Worker(BOOTSTRAP, {
      eval: true,
      workerData: { plan, tsx: TSX_API, entry: ENTRY },
    });
    worker.on('message', (reply: Reply) => {
      if (reply.chunk) ready.set(reply.chunk.index, reply.chunk);
      if (reply.counters) {
        addCounters(totals, reply.counters);
        finished++;
      } else {
        idle.push(worker);
        dispatch();
      }
      notify();
    });
    worker.on('error', (error) => {
      failure ??= error;
      notify();
    });
    return worker;
  });
  const until = async (done: () => boolean) => {
    while (!done()) {
      if (failure) throw failure;
      await new Promise<void>((resolve) => (wake = resolve));
    }
    if (failure) throw failure;
  };
  try {
    for (; written < plan.chunks; written++) {
      await until(() => ready.has(written));
      const chunk = ready.get(written)!;
      ready.delete(written);
      await consume(chunk);
      dispatch();
    }
    for (const worker of threads) send(worker, -1);
    await until(() => finished === size);
    return totals;
  } finally {
    await Promise.all(threads.map((worker) => worker.terminate()));
  }
}

/** Asks a worker for chunk `index`, or (-1) for its counters. */
function send(worker: Worker, index: number): void {
  // oxlint-disable-next-line unicorn/require-post-message-target-origin -- a worker thread, not a window
  worker.postMessage(index);
}

/** The tables with every typed array copied into shared memory (strings and files included). */
export function sharedTables(tables: RowTables): RowTables {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(tables)) {
    out[key] = ArrayBuffer.isView(value) ? shared(value) : value;
  }
  const { strings, files } = tables;
  out.strings = { at: shared(strings.at), bytes: shared(strings.bytes), longest: strings.longest };
  out.files = {
    ...files,
    bytes: shared(files.bytes),
    slotAt: shared(files.slotAt),
    view: undefined,
  };
  return out as RowTables;
}

function shared<T extends ArrayBufferView>(array: T): T {
  const memory = new SharedArrayBuffer(array.byteLength);
  new Uint8Array(memory).set(new Uint8Array(array.buffer, array.byteOffset, array.byteLength));
  if (Buffer.isBuffer(array)) return Buffer.from(memory) as unknown as T;
  const Type = array.constructor as new (buffer: SharedArrayBuffer) => T;
  return new Type(memory);
}
