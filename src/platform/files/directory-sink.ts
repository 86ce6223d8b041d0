import { createWriteStream, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { once } from 'node:events';
import { simulate, type SimulateOptions } from '#core/simulation/simulate.js';
import type { OutputSink, TextSink } from '#core/simulation/sink.js';
import type { Truth } from '#core/simulation/truth.schema.js';
import { defaultRowRunner } from '#platform/simulation/row-workers.js';
import { ValidationError } from '#shared/errors.js';

/** An OutputSink over a directory: one write stream per file, waiting on 'drain' for backpressure. */
export function directorySink(dir: string): OutputSink {
  const root = resolve(dir);
  return {
    open(relativePath: string): TextSink {
      const path = join(root, ...relativePath.split('/'));
      if (!path.startsWith(root)) {
        throw new ValidationError(`output path escapes ${root}: ${relativePath}`);
      }
      mkdirSync(dirname(path), { recursive: true });
      const stream = createWriteStream(path, { highWaterMark: 1 << 20 });
      return {
        write: (chunk) =>
          stream.write(chunk) ? undefined : once(stream, 'drain').then(() => undefined),
        close: () =>
          new Promise<void>((ok, fail) =>
            stream.end((err?: Error | null) => (err ? fail(err) : ok())),
          ),
      };
    },
  };
}

/** Generates a synthetic world into `dir` (the demo mode calls this with a small scale). */
export function simulateToDirectory(dir: string, options: SimulateOptions = {}): Promise<Truth> {
  return simulate(options, directorySink(dir), defaultRowRunner());
}
