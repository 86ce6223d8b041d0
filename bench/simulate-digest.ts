/**
 * Prints the SHA-256 of every file a simulated world writes, streamed (no file is kept in memory),
 * so that a change to the generator can be checked to keep the same bytes for a seed.
 * Args: `<seed> <scale> [rows] [--dirty]`. Not a benchmark; used before and after generator changes.
 */
import { createHash, type Hash } from 'node:crypto';
import { simulate } from '#core/simulation/simulate.js';
import type { OutputSink } from '#core/simulation/sink.js';
import type { Scale } from '#core/simulation/behaviours.js';

const args = process.argv.slice(2);
const dirty = args.includes('--dirty');
const [seed, scale, rows] = args.filter((a) => a !== '--dirty');
const hashes = new Map<string, Hash>();
const sink: OutputSink = {
  open(path) {
    const hash = createHash('sha256');
    hashes.set(path, hash);
    return { write: (chunk) => void hash.update(chunk), close: async () => undefined };
  },
};
await simulate(
  {
    seed: Number(seed ?? 1),
    scale: (scale ?? 'tiny') as Scale,
    dirty,
    ...(rows ? { rows: Number(rows) } : {}),
  },
  sink,
);
const all = createHash('sha256');
for (const [path, hash] of [...hashes].sort(([a], [b]) => a.localeCompare(b))) {
  const hex = hash.digest('hex');
  all.update(`${path}\0${hex}\0`);
  if (path === 'observations.csv' || path === 'truth.json') console.log(`${hex}  ${path}`);
}
console.log(`${all.digest('hex')}  (all ${hashes.size} files)`);
