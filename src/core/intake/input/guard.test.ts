import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { ForbiddenContentError, ValidationError } from '#shared/errors.js';
import { guardInput } from './guard.js';

async function drain(...chunks: Buffer[]): Promise<string> {
  const out: Buffer[] = [];
  for await (const chunk of guardInput(
    (async function* () {
      yield* chunks;
    })(),
    'f',
  )) {
    out.push(chunk as Buffer);
  }
  return Buffer.concat(out).toString();
}

describe(guardInput.name, () => {
  it.each([
    ['JPEG', [0xff, 0xd8, 0xff, 0xdb]],
    ['PNG', [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a]],
    ['GIF', [...Buffer.from('GIF89a')]],
    ['WebP', [...Buffer.from('RIFF\u0000\u0000\u0000\u0000WEBP')]],
    ['BMP', [...Buffer.from('BM6\u0000')]],
    ['MP4/HEIC', [0, 0, 0, 0x18, ...Buffer.from('ftypheic')]],
    ['ZIP', [0x50, 0x4b, 0x03, 0x04]],
    ['7z', [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c]],
    ['RAR', [...Buffer.from('Rar!\u001a\u0007')]],
  ])('refuses %s content', async (_name, bytes) => {
    await expect(drain(Buffer.from(bytes), Buffer.alloc(32))).rejects.toBeInstanceOf(
      ForbiddenContentError,
    );
  });

  it('refuses imagery inside gzip', async () => {
    await expect(
      drain(gzipSync(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]))),
    ).rejects.toBeInstanceOf(ForbiddenContentError);
  });

  it('refuses data:image URIs split across chunks and long base64 runs', async () => {
    await expect(
      drain(Buffer.from('a,b\nx,data:im'), Buffer.from('age/png;base64,AAA\n')),
    ).rejects.toThrow(/data:image/);
    await expect(
      drain(Buffer.from(`a\n${'QUJD'.repeat(200)}`), Buffer.from('QUJD'.repeat(100))),
    ).rejects.toThrow(/base64 blob/);
  });

  it('passes text, reads concatenated gzip members, refuses UTF-16 and bombs', async () => {
    expect(await drain(Buffer.from('a,b\n'), Buffer.from('1,2\n'))).toBe('a,b\n1,2\n');
    expect(await drain(Buffer.concat([gzipSync('a,b\n'), gzipSync('1,2\n')]))).toBe('a,b\n1,2\n');
    await expect(drain(Buffer.from([0xff, 0xfe, 0x61, 0]))).rejects.toThrow(/UTF-16/);
    await expect(drain(gzipSync(Buffer.alloc(20 * 1024 * 1024)))).rejects.toThrow(
      /expands more than/,
    );
    await expect(drain(gzipSync('a,b\n1,2\n'.repeat(1000)).subarray(0, 30))).rejects.toBeInstanceOf(
      ValidationError,
    );
  });
});
