import { createHash } from 'node:crypto';
import { createReadStream, statSync } from 'node:fs';
import { finished } from 'node:stream/promises';
import { ValidationError } from '#shared/errors.js';
import { guardInput } from './input/guard.js';
import type { Format } from './intake.schema.js';

/** The format a file name implies (`.csv[.gz]`, `.jsonl`/`.ndjson[.gz]`, `.xml`). */
export function detectFormat(path: string): Format {
  const name = path.toLowerCase().replace(/\.gz$/, '');
  if (name.endsWith('.csv')) return 'p2p-csv';
  if (name.endsWith('.jsonl') || name.endsWith('.ndjson')) return 'p2p-jsonl';
  if (name.endsWith('.xml')) return 'cybertip';
  throw new ValidationError(`${path}: cannot tell the format from the name; pass --format`, [
    { path, reason: 'unknown extension' },
  ]);
}

/**
 * Reads a local file once before importing: its SHA-256 (the journal key that lets a killed import
 * resume) and a full content check (forbidden content, gzip limits), so a file that carries imagery
 * is refused before any row is written. Refuses directories, FIFOs and devices.
 */
export async function scanFile(
  path: string,
): Promise<{ sha256: string; open: () => AsyncIterable<Buffer> }> {
  let stat;
  try {
    stat = statSync(path);
  } catch (error) {
    throw new ValidationError(`${path}: ${(error as NodeJS.ErrnoException).code ?? 'unreadable'}`, [
      { path, reason: 'cannot read the file' },
    ]);
  }
  if (!stat.isFile()) {
    throw new ValidationError(`${path}: not a regular file`, [
      { path, reason: 'not a regular file' },
    ]);
  }
  const hash = createHash('sha256');
  async function* hashed() {
    for await (const chunk of createReadStream(path)) {
      hash.update(chunk as Buffer);
      yield chunk as Buffer;
    }
  }
  // Draining the guard checks the whole content.
  await finished(guardInput(hashed(), path).resume());
  return { sha256: hash.digest('hex'), open: () => createReadStream(path) };
}
