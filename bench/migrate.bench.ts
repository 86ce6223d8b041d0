import { PGlite } from '@electric-sql/pglite';
import { pgliteParsers, wrapPglite } from '#platform/db/client.js';
import { migrateAsOwner } from '#platform/db/migrate.js';
import type { BenchResult } from './run.js';

const RUNS = 5;

async function medianMs(fn: () => Promise<void>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
  }
  return times.sort((a, b) => a - b)[Math.floor(RUNS / 2)]!;
}

/** Start-up cost: a fresh embedded database, bare versus with every migration applied. */
export async function run(): Promise<BenchResult> {
  // The first PGlite in a process compiles the WASM module; keep that out of both figures.
  await (await PGlite.create()).close();
  const bare = await medianMs(async () => {
    const pglite = await PGlite.create({ parsers: pgliteParsers() });
    await pglite.close();
  });
  const migrated = await medianMs(async () => {
    const handle = wrapPglite(await PGlite.create({ parsers: pgliteParsers() }));
    await migrateAsOwner(handle);
    await handle.close();
  });
  return {
    suite: 'Start-up: embedded database',
    rows: [
      { case: 'PGlite create (baseline)', 'median ms': bare.toFixed(0) },
      {
        case: 'PGlite create + all migrations',
        'median ms': migrated.toFixed(0),
        'ratio to baseline': (migrated / bare).toFixed(2),
      },
    ],
    notes: [`Median of ${RUNS} in-memory databases each.`],
  };
}
