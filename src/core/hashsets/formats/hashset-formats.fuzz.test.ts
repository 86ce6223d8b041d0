import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AppError } from '#shared/errors.js';
import { bytesOf, collect } from '#test/hashsets.js';
import { hashListParser } from './hash-list.js';
import { parseHashdeep } from './hashdeep.js';
import { NSRL_V2_HEADER, parseNsrlV2 } from './nsrl-v2.js';
import { parsePdqList } from './pdq-list.js';
import type { FormatParser, ParsedItem } from './types.js';
import { parseVics } from './vics.js';

// Property-based fuzzing over the hash-set bad-input classes of security.md §8.3: valid entries
// interleaved with bad ones, random chunking, a BOM, CRLF. Properties: nothing but an AppError is
// thrown; every bad entry gives one issue naming its position, a field and a reason; every valid
// entry is kept, in order, with its hash.

const HEX_DIGITS = '0123456789abcdef'.split('');
const hexOf = (n: number) =>
  fc.string({ unit: fc.constantFrom(...HEX_DIGITS), minLength: n, maxLength: n });

type Entry = { text: string; isValid: boolean; hex: string };

/** Parses to the end; a refusal of the whole file must be an AppError (rethrown otherwise). */
async function settle(parser: FormatParser, text: string, chunk: number): Promise<void> {
  try {
    await collect(parser(bytesOf(text, chunk), {}));
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
  }
}

/** Parses to the end (a file-level refusal fails the property: these files have good headers). */
function run(parser: FormatParser, text: string, chunk: number): Promise<ParsedItem[]> {
  return collect(parser(bytesOf(text, chunk), {}));
}

/**
 * What each item says, comparable with what each entry should give: `line 3 ok <hex>` for a kept
 * entry, `line 4 issue` for a bad one that names a field and a reason (and is not a skip).
 */
function verdicts(items: ParsedItem[]): string[] {
  return items.map((item) =>
    item.kind === 'record'
      ? `${item.position} ok ${item.hashes[0]?.hex}`
      : `${item.position} ${item.field !== '' && item.reason !== '' && !item.isSkip ? 'issue' : `bad issue ${JSON.stringify(item)}`}`,
  );
}

function expected(entries: Entry[], positions: string[]): string[] {
  return entries.map((e, i) => `${positions[i]} ${e.isValid ? `ok ${e.hex}` : 'issue'}`);
}

/** Line-based list formats: a header, then one entry a line. */
const LISTS: Array<{
  name: string;
  parser: FormatParser;
  header: string[];
  valid: fc.Arbitrary<Entry>;
  bad: Array<fc.Arbitrary<string>>;
}> = [
  {
    name: 'md5sum',
    parser: hashListParser('md5'),
    header: [],
    valid: fc
      .tuple(hexOf(32), fc.constantFrom('  a.bin', ' *b.exe', ''))
      .map(([hex, name]) => ({ text: `${hex}${name}`, isValid: true, hex })),
    bad: [
      hexOf(31),
      hexOf(64),
      hexOf(30).map((h) => `0x${h}  f`),
      hexOf(32).map((h) => `${h.slice(0, 5)}\u0000${h.slice(6)}  f`),
      hexOf(32).map((h) => `${h.slice(0, 31)}g *f`),
      fc.constant('\u0007\u001b[31m'),
      fc.constant('1.23457E+15  f'),
      fc.constant(`${'QUFB'.repeat(300)}`),
    ],
  },
  {
    name: 'PDQ',
    parser: parsePdqList,
    header: [],
    valid: fc
      .tuple(hexOf(64), fc.integer({ min: 50, max: 100 }), fc.constantFrom(',', ' ', '\t', ' , '))
      .map(([hex, q, sep]) => ({ text: `${hex}${sep}${q}`, isValid: true, hex })),
    bad: [
      hexOf(63),
      hexOf(64).map((h) => `${h},101`),
      hexOf(64).map((h) => `${h},abc`),
      hexOf(64).map((h) => `${h},-5`),
      hexOf(64).map((h) => `${h}${' '.repeat(3000)}x`),
      hexOf(64).map((h) => `${h.slice(1)}\u0000`),
    ],
  },
  {
    name: 'NSRL RDSv2',
    parser: parseNsrlV2,
    header: [NSRL_V2_HEADER],
    valid: fc.tuple(hexOf(40), hexOf(32)).map(([sha1, md5]) => ({
      text: `"${sha1.toUpperCase()}","${md5.toUpperCase()}","0","f,""x""","1","1","1",""`,
      isValid: true,
      hex: sha1,
    })),
    bad: [
      hexOf(40).map((h) => `"${h}","x","0","f","1","1","1",""`),
      hexOf(40).map((h) => `"${h}","${'0'.repeat(32)}","0"`),
      hexOf(40).map((h) => `"${h},"${'0'.repeat(32)}","0","f","1","1","1",""`),
      fc.constant('"SHA-1","MD5"'),
    ],
  },
  {
    name: 'hashdeep',
    parser: parseHashdeep,
    header: ['%%%% HASHDEEP-1.0', '%%%% size,md5,sha256,filename', '## comment'],
    valid: fc.tuple(hexOf(32), hexOf(64)).map(([md5, sha256]) => ({
      text: `12,${md5},${sha256},dir/a,b.txt`,
      isValid: true,
      hex: md5,
    })),
    bad: [
      hexOf(64).map((s) => `12,${'z'.repeat(32)},${s},f`),
      hexOf(32).map((m) => `12,${m}`),
      hexOf(32).map((m) => `12,${m},${'0'.repeat(63)},f`),
    ],
  },
];

describe('hash-set parsers under fuzzing', () => {
  it.each(LISTS)(
    '$name: bad lines are issues at their line; valid lines are all kept',
    async (format) => {
      const entry = fc.oneof(
        format.valid,
        fc.oneof(...format.bad).map((text) => ({ text, isValid: false, hex: '' })),
      );
      await fc.assert(
        fc.asyncProperty(
          fc.array(entry, { minLength: 1, maxLength: 25 }),
          fc.constantFrom('\n', '\r\n'),
          fc.boolean(),
          fc.integer({ min: 1, max: 97 }),
          async (entries, eol, bom, chunk) => {
            const lines = [...format.header, ...entries.map((e) => e.text)];
            const text = `${bom ? '\ufeff' : ''}${lines.join(eol)}${eol}`;
            const first = format.header.length + 1;
            const positions = entries.map((_, i) => `line ${first + i}`);
            const items = await run(format.parser, text, chunk);
            expect(verdicts(items)).toEqual(expected(entries, positions));
          },
        ),
        { numRuns: 100 },
      );
    },
  );

  const context =
    'http://github.com/VICSDATAMODEL/ProjectVic/DataModels/2.0.xml/US/$metadata#Media';
  const validMedia = fc
    .tuple(hexOf(32), fc.integer({ min: 1, max: 1e9 }), fc.boolean())
    .map(([md5, id, victim]) => ({
      json: `{"MD5":"${md5}","MediaID":${id},"VictimIdentified":${victim}}`,
      isValid: true,
      hex: md5,
    }));
  const BAD_MEDIA: Array<fc.Arbitrary<string>> = [
    hexOf(31).map((h) => `{"MD5":"${h}"}`),
    fc.constant(`{"MD5":"${'g'.repeat(32)}"}`),
    fc.constant('{"MD5":12345}'),
    hexOf(30).map((h) => `{"MD5":"0x${h}"}`),
    hexOf(32).map((h) => `{"MD5":"${h}","VictimIdentified":"yes"}`),
    hexOf(32).map((h) => `{"MD5":"${h}","MediaID":"abc"}`),
    hexOf(32).map((h) => `{"MD5":"${h}","MediaID":1e309}`),
    hexOf(32).map((h) => `{"MD5":"${h}","AlternativeHashes":"x"}`),
    hexOf(32).map((h) => `{"MD5":"${h}","Category":"Z9"}`),
    fc.constant('{"MediaID":1}'),
    fc.constant('{"MD5":null,"SHA1":[]}'),
    fc.constant('5'),
    fc.constant('"a string"'),
    fc.constant('[]'),
  ];

  it('VICS: bad Media are issues at their index; valid Media are all kept', async () => {
    const media = fc.oneof(
      validMedia,
      fc.oneof(...BAD_MEDIA).map((json) => ({ json, isValid: false, hex: '' })),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.array(media, { minLength: 1, maxLength: 25 }),
        fc.integer({ min: 1, max: 97 }),
        async (entries, chunk) => {
          const text = `{"@odata.context":"${context}","value":[${entries.map((e) => e.json).join(',')}]}`;
          const positions = entries.map((_, i) => `$.value[${i}]`);
          const want = entries.map((e) => ({ text: e.json, isValid: e.isValid, hex: e.hex }));
          expect(verdicts(await run(parseVics, text, chunk))).toEqual(expected(want, positions));
        },
      ),
      { numRuns: 100 },
    );
  });

  it('VICS: file-level hostility (duplicate or prototype keys, JSON5, truncation, nesting, base64) is an AppError or a clean parse', async () => {
    const SPOILERS = [
      (t: string) => t.replace('{"MD5"', '{"MD5":"x","MD5"'),
      (t: string) => t.replace('{"MD5"', '{"__proto__":{},"MD5"'),
      (t: string) => t.replace('{"MD5"', '{"constructor":1,"MD5"'),
      (t: string) => t.replace('{"MD5"', `{"Thumbnail":"${'QUFB'.repeat(100)}","MD5"`),
      (t: string) => t.replace('{"MD5"', '{"Data":"data:image/png;base64,AAAA","MD5"'),
      (t: string) => t.replace(']}', ',]}'),
      (t: string) => t.replace('{"MD5"', '{/* c */"MD5"'),
      (t: string) => t.replace('{"MD5"', "{'MD5'"),
      (t: string) => t.replace('"value":[', `"value":[${'['.repeat(200)}`),
      (t: string) => `\ufeff${t}`,
      (t: string) => `${t}${t}`,
      (t: string) =>
        t.replace('"@odata.context"', '"@odata.nextLink":"http://127.0.0.1/","@odata.context"'),
      (t: string) => t.replace('"value":[', '"value":{').replace(/\]\}$/, '}}'),
      (t: string) => t.replace('{"MD5"', '{"MD5":"\\ud800","x":"\\u0000","MD5"'),
    ];
    await fc.assert(
      fc.asyncProperty(
        fc.array(validMedia, { minLength: 1, maxLength: 5 }),
        fc.constantFrom(...SPOILERS),
        fc.nat(),
        fc.integer({ min: 1, max: 97 }),
        async (entries, spoil, cut, chunk) => {
          const text = spoil(
            `{"@odata.context":"${context}","value":[${entries.map((e) => e.json).join(',')}]}`,
          );
          await expect(settle(parseVics, text, chunk)).resolves.toBeUndefined();
          // Truncated anywhere: still an AppError or a clean parse.
          const truncated = text.slice(0, cut % text.length);
          await expect(settle(parseVics, truncated, chunk)).resolves.toBeUndefined();
        },
      ),
      { numRuns: 150 },
    );
  });
});
