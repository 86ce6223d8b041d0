import { describe, expect, it } from 'vitest';
import { ValidationError } from '#shared/errors.js';
import { bytesOf, collect, sha256Of } from '#test/hashsets.js';
import { PATHOLOGICAL_MS, timed } from '#test/linear-time.js';
import { base32ToHex } from '../hash-values.js';
import { detectFormat } from './detect.js';
import { hashListParser } from './hash-list.js';
import { parsePdqList, splitPdqLine } from './pdq-list.js';

const N = 100_000;
const enc = (text: string) => new TextEncoder().encode(text);

// Each input below made a former regular expression backtrack quadratically (tens of seconds).
describe('hash list parsers on pathological lines', () => {
  it('splits a PDQ line with a 100k run of spaces before a bad tail in linear time', async () => {
    const line = `${sha256Of('p')}${' '.repeat(N)}b \u2028b`;
    const { result, ms } = await timed(() => collect(parsePdqList(bytesOf(line, 64 * 1024), {})));
    expect(ms).toBeLessThan(PATHOLOGICAL_MS);
    expect(result).toEqual([
      {
        kind: 'issue',
        position: 'line 1',
        field: 'quality',
        reason: 'quality must be 0..100, got "b"',
      },
    ]);
  });

  it('keeps the PDQ line forms: bare, comma, space, tab and comma with spaces', () => {
    const h = sha256Of('q');
    expect(splitPdqLine(h)).toEqual({ hash: h });
    expect(splitPdqLine(`${h},90`)).toEqual({ hash: h, quality: '90' });
    expect(splitPdqLine(`${h} 90`)).toEqual({ hash: h, quality: '90' });
    expect(splitPdqLine(`${h}\t90 trailing`)).toEqual({ hash: h, quality: '90' });
    expect(splitPdqLine(`${h} , 90`)).toEqual({ hash: h, quality: '90' });
    expect(splitPdqLine(`${h},`)).toEqual({ hash: h, quality: '' });
    expect(splitPdqLine(`${h}x;`)).toBeUndefined();
    expect(splitPdqLine(`;${h}`)).toBeUndefined();
  });

  it('detects the format of a head whose first line is a hash and 100k spaces in linear time', async () => {
    const head = enc(`${sha256Of('d')}${' '.repeat(N)}x\n`);
    const { result, ms } = await timed(() => detectFormat(head));
    expect(ms).toBeLessThan(PATHOLOGICAL_MS);
    expect(result).toBe('sha256sum');
  });

  it('reads a BSD line with 100k ")=" pairs in linear time', async () => {
    const line = `MD5 (${')=a'.repeat(N)}\r)`;
    const { result, ms } = await timed(() =>
      collect(hashListParser('md5')(bytesOf(line, 64 * 1024), {})),
    );
    expect(ms).toBeLessThan(PATHOLOGICAL_MS);
    expect(result).toMatchObject([{ kind: 'issue', position: 'line 1' }]);
  });

  it('decodes base32 after a 100k run of "=" in linear time (and refuses it)', async () => {
    const { result, ms } = await timed(() => base32ToHex(`${'='.repeat(N)}A`));
    expect(ms).toBeLessThan(PATHOLOGICAL_MS);
    expect(result).toBeUndefined();
  });

  it('refuses a line over 1 MiB without buffering the rest of the file', async () => {
    await expect(
      collect(hashListParser('md5')(bytesOf('a'.repeat(1024 * 1024 + 1), 64 * 1024), {})),
    ).rejects.toBeInstanceOf(ValidationError);
  });
});
