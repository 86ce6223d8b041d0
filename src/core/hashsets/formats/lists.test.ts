import { describe, expect, it } from 'vitest';
import { ForbiddenContentError, ValidationError } from '#shared/errors.js';
import { bytesOf, collect, md5Of, sha1Of, sha256Of } from '#test/hashsets.js';
import { assertNoForbiddenMagic } from '../forbidden-content.js';
import { detectFormat } from './detect.js';
import { hashListParser } from './hash-list.js';
import { parseHashdeep } from './hashdeep.js';
import { NSRL_V2_HEADER, parseNsrlV2 } from './nsrl-v2.js';
import { parsePdqList } from './pdq-list.js';

const enc = (text: string) => new TextEncoder().encode(text);

describe('hash list formats', () => {
  it('reads md5sum lines in text and binary mode, BSD lines, bare hashes and CRLF; rejects bad rows', async () => {
    const text = [
      `${md5Of('1')}  some/file.bin`,
      `${md5Of('2').toUpperCase()} *binary mode.exe`,
      '# a comment',
      '',
      `MD5 (name with spaces.txt) = ${md5Of('3')}`,
      `SHA256 (other) = ${sha256Of('4')}`,
      md5Of('5'),
      `${md5Of('6').slice(0, 31)}  short`,
      `${'g'.repeat(32)}  nonhex`,
    ].join('\r\n');
    const items = await collect(hashListParser('md5')(bytesOf(text, 5), {}));
    expect(
      items
        .filter((i) => i.kind === 'record')
        .map((i) => (i.kind === 'record' ? i.hashes[0] : null)),
    ).toEqual([
      { type: 'md5', hex: md5Of('1') },
      { type: 'md5', hex: md5Of('2') },
      { type: 'md5', hex: md5Of('3') },
      { type: 'sha256', hex: sha256Of('4') },
      { type: 'md5', hex: md5Of('5') },
    ]);
    expect(items.filter((i) => i.kind === 'issue')).toEqual([
      {
        kind: 'issue',
        position: 'line 8',
        field: 'md5',
        reason: 'md5 must be 32 hex digits, got 31',
      },
      {
        kind: 'issue',
        position: 'line 9',
        field: 'md5',
        reason: expect.stringContaining('not hexadecimal'),
      },
    ]);
  });

  it('reads sha1sum with the list category and scheme', async () => {
    const [record] = await collect(
      hashListParser('sha1')(bytesOf(`${sha1Of('a')}  a\n`), { scheme: 'ncmec', category: 'A1' }),
    );
    expect(record).toMatchObject({
      hashes: [{ type: 'sha1', hex: sha1Of('a') }],
      categoryScheme: 'ncmec',
      categoryCode: 'A1',
    });
  });

  it('reads hashdeep files by their declared columns and refuses a file without the header', async () => {
    const text = [
      '%%%% HASHDEEP-1.0',
      '%%%% size,md5,sha256,filename',
      '## Invoked from: /home/synthetic',
      '## $ hashdeep -r .',
      '##',
      `12,${md5Of('h1')},${sha256Of('h1')},/evidence/a, with comma.txt`,
      `13,${md5Of('h2')},bad,/evidence/b.txt`,
    ].join('\n');
    const items = await collect(parseHashdeep(bytesOf(text), {}));
    expect(items[0]).toMatchObject({
      kind: 'record',
      position: 'line 6',
      hashes: [
        { type: 'md5', hex: md5Of('h1') },
        { type: 'sha256', hex: sha256Of('h1') },
      ],
    });
    expect(items[1]).toMatchObject({ kind: 'issue', position: 'line 7', field: 'sha256' });
    await expect(collect(parseHashdeep(bytesOf(`${md5Of('x')}  x\n`), {}))).rejects.toThrow(
      /line 1: not a hashdeep file/,
    );
  });

  it('reads NSRL RDSv2 NSRLFile.txt rows (upper-case digests) and refuses a wrong header', async () => {
    const text = `${NSRL_V2_HEADER}\n"${sha1Of('n').toUpperCase()}","${md5Of('n').toUpperCase()}","0A1B2C3D","setup.exe",1024,1,"WIN",""\n"XYZ","${md5Of('m')}","0","x",1,1,"WIN",""\n`;
    const items = await collect(parseNsrlV2(bytesOf(text), {}));
    expect(items[0]).toMatchObject({
      kind: 'record',
      position: 'line 2',
      hashes: [
        { type: 'sha1', hex: sha1Of('n') },
        { type: 'md5', hex: md5Of('n') },
      ],
    });
    expect(items[1]).toMatchObject({ kind: 'issue', position: 'line 3', field: 'SHA-1' });
    await expect(collect(parseNsrlV2(bytesOf('"MD5","SHA-1"\n'), {}))).rejects.toBeInstanceOf(
      ValidationError,
    );
  });

  it('reads PDQ lists with optional quality and discards quality below 50 as skipped', async () => {
    const h = sha256Of('pdq');
    const items = await collect(
      parsePdqList(
        bytesOf(`${h}\n${h.replace(/^./, '0')},90\n${h.replace(/^./, '1')} 49\n${h.slice(2)}\n`),
        {},
      ),
    );
    expect(
      items.map((i) =>
        i.kind === 'record' ? `ok ${i.pdqQuality}` : `${i.isSkip ? 'skip' : 'issue'} ${i.position}`,
      ),
    ).toEqual(['ok null', 'ok 90', 'skip line 3', 'issue line 4']);
  });

  it.each([
    ['SQLite format 3\u0000rest', 'nsrl'],
    ['\uFEFF  {"@odata.context":', 'vics'],
    [`${NSRL_V2_HEADER}\n`, 'nsrl'],
    ['%%%% HASHDEEP-1.0\n', 'hashdeep'],
    [`# list\n${md5Of('a')}  file\n`, 'md5sum'],
    [`${sha1Of('a')}  file\n`, 'sha1sum'],
    [`SHA1 (x) = ${sha1Of('a')}\n`, 'sha1sum'],
    [`${sha256Of('a')}  file\n`, 'sha256sum'],
    [`${sha256Of('a')}\n`, 'pdq'],
    [`${sha256Of('a')},100\n`, 'pdq'],
  ])('detects the format of %j', (head, format) => {
    expect(detectFormat(enc(head))).toBe(format);
  });

  it('cannot detect plain prose and says to pass --format', () => {
    expect(() => detectFormat(enc('hello world\n'))).toThrow(/pass --format/);
  });

  it.each([
    ['JPEG', [0xff, 0xd8, 0xff, 0xe0]],
    ['PNG', [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a]],
    ['ZIP', [0x50, 0x4b, 0x03, 0x04]],
    ['MP4', [0, 0, 0, 0x18, 0x66, 0x74, 0x79, 0x70]],
  ])('refuses %s files by their magic bytes', (_name, bytes) => {
    expect(() => assertNoForbiddenMagic(Uint8Array.from(bytes), 'upload')).toThrow(
      ForbiddenContentError,
    );
  });

  it('does not mistake a text list starting with "BM" for a bitmap', () => {
    expect(() => assertNoForbiddenMagic(enc('BMP (x) = 00\n'), 'list')).not.toThrow();
  });
});
