import { describe, expect, it } from 'vitest';
import { ForbiddenContentError, ValidationError } from '#shared/errors.js';
import {
  bytesOf,
  collect,
  md5Of,
  media,
  sha1Of,
  sha256Of,
  vics1,
  vics2,
  vicsCases,
} from '#test/hashsets.js';
import type { ParsedRecord, RowIssue } from './types.js';
import { parseVics } from './vics.js';

const parse = (text: string, options = {}) => collect(parseVics(bytesOf(text), options));
const records = (items: Array<ParsedRecord | RowIssue>) =>
  items.filter((i): i is ParsedRecord => i.kind === 'record');

async function rejection(text: string): Promise<Error> {
  try {
    await parse(text);
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected the file to be refused');
}

describe(parseVics.name, () => {
  it('reads a VICS 2.0 US hash set with a BOM, boolean strings, big MediaIDs and alternative hashes', async () => {
    const text =
      '\uFEFF' +
      vics2([
        media('a', {
          MediaID: 0,
          AlternativeHashes: [
            { HashName: 'SHA256', HashValue: sha256Of('a') },
            { HashName: 'EDK', HashValue: md5Of('edk-a') },
            { HashName: 'PhotoDNA', HashValue: 'AAECAwQ=' },
          ],
          VictimIdentified: 'true',
          IsDistributed: '0',
          Series: 'Synthetic Series 1',
        }),
        media('b', { Category: null, VictimIdentified: null }),
      ]).replace('"MediaID":0', '"MediaID":9007199254740993123');
    const items = await parse(text);
    const [a, b] = records(items);
    expect(items).toHaveLength(2);
    expect(a).toMatchObject({
      position: '$.value[0]',
      mediaId: '9007199254740993123',
      categoryScheme: 'vics_us',
      categoryCode: '1',
      series: 'Synthetic Series 1',
      victimIdentified: true,
      isDistributed: false,
    });
    expect(a!.hashes).toEqual([
      { type: 'md5', hex: md5Of('a') },
      { type: 'sha1', hex: sha1Of('a') },
      { type: 'sha256', hex: sha256Of('a') },
      { type: 'ed2k', hex: md5Of('edk-a') },
    ]);
    expect(b).toMatchObject({
      categoryScheme: null,
      categoryCode: null,
      victimIdentified: null,
      isDistributed: true,
    });
  });

  it('reads VICS 1.x (odata.metadata) and a 2.0 case export', async () => {
    expect(records(await parse(vics1([media('x'), media('y')])))).toHaveLength(2);
    const cases = records(
      await parse(
        vicsCases([
          { caseId: 1, media: [media('c1')] },
          { caseId: 2, media: [media('c2'), media('c3')] },
        ]),
      ),
    );
    expect(cases.map((r) => r.position)).toEqual([
      '$.value[0].Media[0]',
      '$.value[1].Media[0]',
      '$.value[1].Media[1]',
    ]);
  });

  it("keeps each profile's scheme: UK codes stay numeric unless mapped, DHS on request", async () => {
    const [uk] = records(await parse(vics2([media('u', { Category: 2 })], 'UK')));
    expect(uk).toMatchObject({ categoryScheme: 'caid_numeric', categoryCode: '2' });
    const [mapped] = records(
      await parse(vics2([media('u', { Category: 2 })], 'UK'), { caidCategoryMap: { '2': 'B' } }),
    );
    expect(mapped).toMatchObject({ categoryScheme: 'caid', categoryCode: 'B' });
    const [dhs] = records(await parse(vics1([media('d', { Category: 5 })]), { scheme: 'dhs' }));
    expect(dhs).toMatchObject({ categoryScheme: 'dhs', categoryCode: '5' });
  });

  it('rejects rows with a wrong-length or non-hex hash, an unknown category or a bad flag, keeping the rest', async () => {
    const items = await parse(
      vics2([
        media('ok'),
        media('short', { MD5: 'abc' }),
        media('nonhex', { SHA1: 'z'.repeat(40) }),
        media('cat', { Category: 9 }),
        media('flag', { VictimIdentified: 'maybe' }),
      ]),
    );
    expect(records(items)).toHaveLength(1);
    expect(items.filter((i) => i.kind === 'issue')).toEqual([
      {
        kind: 'issue',
        position: '$.value[1]',
        field: 'MD5',
        reason: 'MD5: md5 must be 32 hex digits, got 3',
      },
      {
        kind: 'issue',
        position: '$.value[2]',
        field: 'SHA1',
        reason: expect.stringContaining('not hexadecimal'),
      },
      {
        kind: 'issue',
        position: '$.value[3]',
        field: 'Category',
        reason: expect.stringContaining('not a vics_us category'),
      },
      {
        kind: 'issue',
        position: '$.value[4]',
        field: 'VictimIdentified',
        reason: expect.any(String),
      },
    ]);
  });

  it.each([
    [
      'duplicate keys',
      '{"@odata.context":"http://github.com/VICSDATAMODEL/ProjectVic/DataModels/2.0.xml/US/$metadata#Media","value":[{"MD5":"a","MD5":"b"}]}',
      /\$\.value\[0\]\.MD5 \(byte \d+\): duplicate key "MD5"/,
    ],
    [
      '__proto__ keys',
      '{"@odata.context":"http://github.com/VICSDATAMODEL/ProjectVic/DataModels/2.0.xml/US/$metadata#Media","value":[{"__proto__":{"x":1}}]}',
      /forbidden key "__proto__"/,
    ],
    ['constructor keys', '{"constructor":1}', /forbidden key "constructor"/],
    [
      'a trailing comma (JSON5)',
      '{"@odata.context":"http://github.com/VICSDATAMODEL/ProjectVic/DataModels/2.0.xml/US/$metadata#Media","value":[],}',
      /unexpected "}"/,
    ],
    [
      'a comment (JSON5)',
      '{"@odata.context":"http://github.com/VICSDATAMODEL/ProjectVic/DataModels/2.0.xml/US/$metadata#Media" // c\n}',
      /invalid JSON/,
    ],
    ['single quotes (JSON5)', "{'value':[]}", /invalid JSON/],
    ['truncation', vics2([media('t')]).slice(0, -20), /truncated JSON|invalid JSON/],
    ['an empty file', '', /truncated JSON/],
    ['a missing envelope', '{"value":[{"MD5":"x"}]}', /must come before "value"/],
    [
      'a wrong envelope URL',
      '{"@odata.context":"http://example.org/$metadata#Things","value":[]}',
      /not a VICS 2.0 context/,
    ],
    [
      'value not an array',
      '{"@odata.context":"http://github.com/VICSDATAMODEL/ProjectVic/DataModels/2.0.xml/US/$metadata#Media","value":{}}',
      /"value" must be an array/,
    ],
    [
      'a Case in a #Media document',
      vicsCases([{ caseId: 1, media: [media('q')] }]).replace('#Cases', '#Media'),
      /a Case object in a #Media document/,
    ],
  ])('refuses the whole file on %s, with the position', async (_name, text, pattern) => {
    const error = await rejection(text);
    expect(error).toBeInstanceOf(ValidationError);
    expect(error).not.toBeInstanceOf(ForbiddenContentError);
    expect(error.message).toMatch(pattern);
  });

  it.each([
    [
      'a data:image field',
      { Comments: 'data:image/png;base64,iVBORw0KGgo=' },
      '$.value[0].Comments',
    ],
    ['a thumbnail field', { Thumbnail: 'AAAA' }, '$.value[0].Thumbnail'],
    ['a base64 blob', { Tags: ['A'.repeat(400)] }, '$.value[0].Tags[0]'],
    [
      'a megabyte of base64',
      { Comments: 'QUJD'.repeat(300_000) },
      '$.value[0].Comments (byte 405)',
    ],
    ['a PhotoDNA blob carrying imagery', { PhotoDNA: 'QUJD'.repeat(600) }, '$.value[0].PhotoDNA'],
    [
      'an image in AlternativeHashes',
      { AlternativeHashes: [{ HashName: 'PhotoDNA', HashValue: 'x'.repeat(5000) }] },
      '$.value[0].AlternativeHashes[0].HashValue',
    ],
  ])('refuses the whole file with ForbiddenContentError on %s', async (_name, extra, path) => {
    const error = await rejection(vics2([media('bad', extra), media('ok')]));
    expect(error).toBeInstanceOf(ForbiddenContentError);
    expect((error as ForbiddenContentError).details).toEqual([
      { path, reason: expect.any(String) },
    ]);
  });
});
