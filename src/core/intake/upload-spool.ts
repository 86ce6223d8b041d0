import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { finished } from 'node:stream/promises';
import { guardInput } from './input/guard.js';

const BASE64 = /[A-Za-z0-9+/=]/;
const MAX_HELD = 4096;

/**
 * Spools an upload to a file in `dir` through the content guard (forbidden signatures, gzip
 * limits, data:image URIs, base64 blobs), so the import can run afterwards without holding a
 * database connection while the body arrives. Only bytes the guard has passed are written, and the
 * tail of a base64 run is held back until the run ends, so no fragment of a refused blob reaches
 * the disk. The file holds the checked, decompressed text; on any error it is removed. Returns the
 * path and a function that removes the file.
 */
export async function spoolUpload(
  body: AsyncIterable<Buffer>,
  fileName: string,
  dir: string,
): Promise<{ path: string; remove: () => Promise<void> }> {
  const path = join(dir, `.vigil-upload-${randomBytes(12).toString('hex')}.spool`);
  const remove = () => rm(path, { force: true });
  const out = createWriteStream(path, { flags: 'wx', mode: 0o600 });
  const write = (chunk: Buffer) =>
    out.write(chunk) ? Promise.resolve() : new Promise<void>((r) => out.once('drain', r));
  try {
    let held = Buffer.alloc(0);
    for await (const chunk of guardInput(body, fileName) as AsyncIterable<Buffer>) {
      const data = held.length > 0 ? Buffer.concat([held, chunk]) : chunk;
      let cut = data.length;
      while (
        cut > 0 &&
        data.length - cut < MAX_HELD &&
        BASE64.test(String.fromCharCode(data[cut - 1]!))
      ) {
        cut--;
      }
      if (cut > 0) await write(data.subarray(0, cut));
      held = Buffer.from(data.subarray(cut));
    }
    if (held.length > 0) await write(held);
    out.end();
    await finished(out);
    return { path, remove };
  } catch (error) {
    // Wait for the stream to close before removing its file: a refusal on the first chunk can
    // come while the file is still being opened, and an open that completes after the removal
    // would leave an empty spool file behind.
    if (!out.closed) {
      await new Promise<void>((resolve) => {
        out.once('close', () => resolve());
        out.destroy();
      });
    }
    await remove();
    throw error;
  }
}
