import { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { ForbiddenContentError, ValidationError } from '#shared/errors.js';
import { forbiddenSignature, GZIP_MAGIC } from './magic.js';

export type InputLimits = {
  /** Largest decompressed/compressed ratio accepted for gzip input (bombs exceed it). */
  maxGzipRatio: number;
  /** Decompressed bytes always allowed before the ratio applies (small, very regular files). */
  gzipFreeBytes: number;
  /** A run of base64 characters at least this long is taken for an embedded blob. */
  maxBase64Run: number;
};

export const DEFAULT_LIMITS: InputLimits = {
  maxGzipRatio: 100,
  gzipFreeBytes: 1024 * 1024,
  maxBase64Run: 1024,
};

/**
 * Wraps raw input bytes: refuses imagery/video/archive signatures and UTF-16, gunzips gzip input
 * (multi-member) under a ratio cap, and refuses embedded `data:image/` URIs and base64 blobs.
 * Errors surface on the returned stream: ForbiddenContentError or ValidationError naming the file.
 */
export function guardInput(
  source: AsyncIterable<Buffer>,
  fileName: string,
  limits = DEFAULT_LIMITS,
): Readable {
  return Readable.from(scan(decompress(source, fileName, limits), fileName, limits), {
    objectMode: false,
  });
}

async function* decompress(source: AsyncIterable<Buffer>, fileName: string, limits: InputLimits) {
  const it = source[Symbol.asyncIterator]();
  let head = Buffer.alloc(0);
  while (head.length < 2) {
    const next = await it.next();
    if (next.done) break;
    head = Buffer.concat([head, Buffer.from(next.value)]);
  }
  const rest = { [Symbol.asyncIterator]: () => it };
  if (head[0] !== GZIP_MAGIC[0] || head[1] !== GZIP_MAGIC[1]) {
    if (head.length > 0) yield head;
    for await (const chunk of rest) yield Buffer.from(chunk);
    return;
  }
  let inBytes = 0;
  async function* counted() {
    inBytes += head.length;
    yield head;
    for await (const chunk of rest) {
      inBytes += chunk.length;
      yield Buffer.from(chunk);
    }
  }
  const gunzip = Readable.from(counted()).pipe(createGunzip());
  let outBytes = 0;
  try {
    for await (const chunk of gunzip as AsyncIterable<Buffer>) {
      outBytes += chunk.length;
      if (outBytes > limits.gzipFreeBytes && outBytes > limits.maxGzipRatio * inBytes) {
        throw new ValidationError(
          `${fileName}: gzip expands more than ${limits.maxGzipRatio}× (a decompression bomb?)`,
          [{ path: `${fileName}@${inBytes}`, reason: 'gzip ratio over the limit' }],
        );
      }
      yield chunk;
    }
  } catch (error) {
    if (error instanceof ValidationError) throw error;
    throw new ValidationError(
      `${fileName}: corrupt or truncated gzip: ${(error as Error).message}`,
      [{ path: `${fileName}@${inBytes}`, reason: 'corrupt or truncated gzip' }],
    );
  } finally {
    gunzip.destroy();
  }
}

const BASE64 = new Uint8Array(256);
for (const c of 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=') {
  BASE64[c.charCodeAt(0)] = 1;
}

async function* scan(chunks: AsyncIterable<Buffer>, fileName: string, limits: InputLimits) {
  let offset = 0;
  let run = 0;
  let tail = Buffer.alloc(0);
  for await (const chunk of chunks) {
    if (offset === 0) checkHead(chunk, fileName);
    const window = Buffer.concat([tail, chunk]);
    const uri = Math.max(window.indexOf('data:image/'), window.indexOf('DATA:IMAGE/'));
    if (uri >= 0) forbid(fileName, offset - tail.length + uri, 'a data:image URI');
    for (let i = 0; i < chunk.length; i++) {
      run = BASE64[chunk[i]!] ? run + 1 : 0;
      if (run >= limits.maxBase64Run) {
        forbid(fileName, offset + i, `a base64 blob (${run}+ characters)`);
      }
    }
    tail = window.subarray(Math.max(0, window.length - 16));
    offset += chunk.length;
    yield chunk;
  }
}

function checkHead(chunk: Buffer, fileName: string): void {
  const signature = forbiddenSignature(chunk);
  if (signature) forbid(fileName, 0, `${signature} content`);
  if ((chunk[0] === 0xff && chunk[1] === 0xfe) || (chunk[0] === 0xfe && chunk[1] === 0xff)) {
    throw new ValidationError(`${fileName}: UTF-16 input; convert it to UTF-8`, [
      { path: `${fileName}@0`, reason: 'UTF-16 byte order mark' },
    ]);
  }
}

function forbid(fileName: string, offset: number, what: string): never {
  throw new ForbiddenContentError(`${fileName}: carries ${what}; Vigil accepts hashes only`, [
    { path: `${fileName}@${offset}`, reason: `forbidden content: ${what}` },
  ]);
}
