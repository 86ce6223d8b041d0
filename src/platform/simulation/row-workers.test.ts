import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { inProcessRows, type RowChunkRunner } from '#core/simulation/row-generator.js';
import { simulate } from '#core/simulation/simulate.js';
import type { OutputSink } from '#core/simulation/sink.js';
import type { Truth } from '#core/simulation/truth.schema.js';
import { workerRows } from './row-workers.js';

/** SHA-256 of every file written, and the truth. */
async function run(rows: RowChunkRunner): Promise<{ files: Map<string, string>; truth: Truth }> {
  const hashes = new Map<string, ReturnType<typeof createHash>>();
  const sink: OutputSink = {
    open(path) {
      const hash = createHash('sha256');
      hashes.set(path, hash);
      return { write: (chunk) => void hash.update(chunk), close: async () => undefined };
    },
  };
  // 150,000 rows: about ten chunks, enough for the pool to start its threads; dirty, so that the
  // planted lines fall between rows written by different threads.
  const truth = await simulate({ seed: 5, scale: 'small', rows: 150_000, dirty: true }, sink, rows);
  const files = new Map([...hashes].map(([path, hash]) => [path, hash.digest('hex')]));
  return { files, truth };
}

describe('worker-thread row generation', () => {
  it('writes the same bytes with 1, 2 or 3 worker threads as in this thread', async () => {
    const here = await run(inProcessRows);
    expect(here.truth.summary.observations.rows).toBeGreaterThan(140_000);
    expect(here.truth.dirty?.expected['observations.csv']?.rejected).toBeGreaterThan(0);
    for (const workers of [1, 2, 3]) {
      const pooled = await run(workerRows(workers));
      expect(pooled.files).toEqual(here.files);
      expect(pooled.truth).toEqual(here.truth);
    }
  }, 120_000);
});
