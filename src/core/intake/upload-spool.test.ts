import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ForbiddenContentError } from '#shared/errors.js';
import { spoolUpload } from './upload-spool.js';

const dir = mkdtempSync(join(tmpdir(), 'vigil-spool-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const spoolText = () =>
  readdirSync(dir)
    .map((f) => readFileSync(join(dir, f), 'utf8'))
    .join('');

describe(spoolUpload.name, () => {
  it('spools a checked body and removes it on request', async () => {
    const spool = await spoolUpload(
      (async function* () {
        yield Buffer.from('observed_at,ip\n');
        yield Buffer.from('2020-01-01T00:00:00Z,1.2.3.4\n');
      })(),
      'a.csv',
      dir,
    );
    expect(readFileSync(spool.path, 'utf8')).toBe('observed_at,ip\n2020-01-01T00:00:00Z,1.2.3.4\n');
    await spool.remove();
    expect(readdirSync(dir)).toEqual([]);
  });

  it('writes nothing of imagery, and no part of a base64 blob before it is refused', async () => {
    await expect(
      spoolUpload(
        (async function* () {
          yield Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(64)]);
        })(),
        'a.jpg',
        dir,
      ),
    ).rejects.toBeInstanceOf(ForbiddenContentError);
    expect(readdirSync(dir)).toEqual([]);

    let seenMidway = '';
    await expect(
      spoolUpload(
        (async function* () {
          yield Buffer.from(`header\nrow,${'QUJD'.repeat(200)}`);
          // The guard has passed the first chunk: wait (bounded, the disk may be slow under load)
          // until its text is on disk; only the text before the run may be there.
          for (let i = 0; i < 500 && spoolText() === ''; i++) {
            await new Promise((resolve) => setTimeout(resolve, 10));
          }
          seenMidway = spoolText();
          yield Buffer.from('QUJD'.repeat(200));
        })(),
        'b.csv',
        dir,
      ),
    ).rejects.toBeInstanceOf(ForbiddenContentError);
    expect(seenMidway).toBe('header\nrow,');
    expect(readdirSync(dir)).toEqual([]);
  });
});
