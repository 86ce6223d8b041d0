import { Readable } from 'node:stream';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AppError } from '#shared/errors.js';
import { validateRecord } from '../p2p-record.js';
import type { ParsedItem } from './parsed-item.js';
import { parseP2pCsv } from './p2p-csv.js';
import { parseP2pJsonl } from './p2p-jsonl.js';

// Property-based fuzzing over the bad-input classes of security.md §8.1 (CSV logs) and §8.3
// (NDJSON): valid rows interleaved with bad ones, random line endings, a BOM, random chunking.
// Properties: nothing but an AppError is ever thrown; every bad row gives one error naming its
// line, a field and a reason; every valid row is kept, in order.

const NOW = new Date('2026-01-01T00:00:00Z');
const FIELDS = [
  'observed_at',
  'network',
  'ip',
  'port',
  'hash_type',
  'hash',
  'evidence_kind',
  'observer',
] as const;
type Row = Record<(typeof FIELDS)[number], string>;

const hex = (n: number) =>
  fc.string({ unit: fc.constantFrom(...'0123456789abcdef'.split('')), minLength: n, maxLength: n });
const validRow: fc.Arbitrary<Row> = fc.record({
  observed_at: fc
    .integer({ min: 1, max: 28 })
    .map((d) => `2025-02-${String(d).padStart(2, '0')}T10:00:00Z`),
  network: fc.constantFrom('gnutella', 'ed2k', 'bittorrent'),
  ip: fc
    .tuple(
      fc.integer({ min: 1, max: 223 }),
      fc.nat(255),
      fc.nat(255),
      fc.integer({ min: 1, max: 254 }),
    )
    .map((p) => p.join('.')),
  port: fc.integer({ min: 1, max: 65535 }).map(String),
  hash_type: fc.constant('md5'),
  hash: hex(32),
  evidence_kind: fc.constant('query_hit'),
  observer: fc
    .string({
      unit: fc.constantFrom(...'abcdefghij-0123456789 ü'.split('')),
      minLength: 1,
      maxLength: 20,
    })
    .filter((s) => s.trim() !== ''),
});

/** One bad-input class: how it spoils a valid row (as field values). */
const BAD: Array<[string, (row: Row) => Row]> = [
  ['NUL byte', (r) => ({ ...r, observer: `${r.observer}\u0000x` })],
  ['invalid UTF-8 (replacement char)', (r) => ({ ...r, observer: `a\ufffdb` })],
  ['C0 control / ANSI escape', (r) => ({ ...r, observer: `\u001b[31m${r.observer}` })],
  ['C1 control', (r) => ({ ...r, observer: `a\u0085b` })],
  ['leading-zero IPv4', (r) => ({ ...r, ip: '010.001.1.1' })],
  ['integer IPv4', (r) => ({ ...r, ip: '3232235777' })],
  ['host:port', (r) => ({ ...r, ip: `${r.ip}:443` })],
  ['zone id', (r) => ({ ...r, ip: 'fe80::1%eth0' })],
  ['port out of range', (r) => ({ ...r, port: '70000' })],
  ['port with sign', (r) => ({ ...r, port: '+80' })],
  ['no UTC offset', (r) => ({ ...r, observed_at: '2025-02-03T10:00:00' })],
  ['day/month ambiguity', (r) => ({ ...r, observed_at: '03/04/2025' })],
  ['epoch seconds', (r) => ({ ...r, observed_at: '1738576800' })],
  ['leap second', (r) => ({ ...r, observed_at: '2016-12-31T23:59:60Z' })],
  ['Excel-mangled hash', (r) => ({ ...r, hash: '1.23457E+15' })],
  ['hash of the wrong length', (r) => ({ ...r, hash: r.hash.slice(1) })],
  ['unknown network', (r) => ({ ...r, network: 'napster' })],
  ['huge field', (r) => ({ ...r, observer: 'x'.repeat(70_000) })],
  ['embedded base64 blob', (r) => ({ ...r, observer: 'QUFB'.repeat(400) })],
  ['required field empty', (r) => ({ ...r, hash: '' })],
];
const badRow = fc
  .tuple(validRow, fc.constantFrom(...BAD))
  .map(([row, [name, spoil]]) => ({ name, row: spoil(row) }));
/** A whole line that is bad in the CSV structure itself. */
const BAD_CSV_LINES: Array<[string, (cells: string[]) => string]> = [
  ['stray quote', (c) => [c[0], c[1], `${c[2]}"x`, ...c.slice(3)].join(',')],
  ['ragged (extra column)', (c) => [...c, 'extra'].join(',')],
  ['ragged (missing column)', (c) => c.slice(0, -1).join(',')],
  ['semicolon delimiter', (c) => c.join(';')],
  ['bad closing quote', (c) => [`"${c[0]}"x`, ...c.slice(1)].join(',')],
];

type Line = { text: string; isValid: boolean; row: Row };
const lines = (bad: fc.Arbitrary<Line>) =>
  fc.array(
    fc.oneof(
      validRow.map((row) => ({ text: '', isValid: true, row })),
      bad,
    ),
    { minLength: 1, maxLength: 25 },
  );

/** Feeds `text` in chunks cut at the given sizes. */
function chunked(text: string, cuts: number[]): string[] {
  const out: string[] = [];
  let at = 0;
  for (const cut of cuts) {
    if (at >= text.length) break;
    out.push(text.slice(at, at + cut));
    at += cut;
  }
  if (at < text.length) out.push(text.slice(at));
  return out;
}

async function* stream(chunks: string[]): AsyncIterable<string> {
  for (const chunk of chunks) yield chunk;
}

/** Runs a parser; the outcome of each item: `ok` for a valid record, else the error it names. */
async function outcomes(items: AsyncIterable<ParsedItem>) {
  const out: Array<{ line: number; ok: boolean; field: string; reason: string; ip?: string }> = [];
  try {
    for await (const item of items) {
      if ('error' in item) {
        out.push({ line: item.line, ok: false, ...item.error });
        continue;
      }
      const checked = validateRecord(item.record, NOW);
      out.push(
        checked.ok
          ? { line: item.line, ok: true, field: '', reason: '', ip: checked.value.ip }
          : { line: item.line, ok: false, field: checked.field, reason: checked.reason },
      );
    }
  } catch (error) {
    // A file-level refusal is allowed only as an AppError; anything else is a crash.
    if (!(error instanceof AppError)) throw new Error('not an AppError', { cause: error });
    throw error;
  }
  return out;
}

/** Reads to the end: true when read, false when refused whole with an AppError (else throws). */
async function settle(items: AsyncIterable<ParsedItem>): Promise<boolean> {
  try {
    for await (const _ of items);
    return true;
  } catch (error) {
    if (error instanceof AppError) return false;
    throw error;
  }
}

const object = (row: Row) => JSON.stringify(row);

/** `line 3 ok <ip>` for a kept row, `line 4 bad` for a row refused with a field and a reason. */
function verdicts(got: Awaited<ReturnType<typeof outcomes>>): string[] {
  return got.map((g) =>
    g.ok
      ? `line ${g.line} ok ${g.ip}`
      : `line ${g.line} ${g.field !== '' && g.reason !== '' ? 'bad' : 'unnamed error'}`,
  );
}

function expected(rows: Line[], firstLine: number): string[] {
  return rows.map((r, i) => `line ${i + firstLine} ${r.isValid ? `ok ${r.row.ip}` : 'bad'}`);
}

describe('P2P log parsers under fuzzing', () => {
  it('CSV: bad rows each give their line, field and reason; valid rows are all kept', async () => {
    const csvBad = fc.oneof(
      badRow.map(({ row }) => ({ text: FIELDS.map((f) => row[f]).join(','), isValid: false, row })),
      fc.tuple(validRow, fc.constantFrom(...BAD_CSV_LINES)).map(([row, [, spoil]]) => ({
        text: spoil(FIELDS.map((f) => row[f])),
        isValid: false,
        row,
      })),
    );
    await fc.assert(
      fc.asyncProperty(
        lines(csvBad),
        fc.constantFrom('\n', '\r\n', '\r'),
        fc.boolean(),
        fc.boolean(),
        fc.array(fc.integer({ min: 1, max: 300 }), { maxLength: 40 }),
        async (rows, eol, bom, finalEol, cuts) => {
          const body = rows.map((r) =>
            r.isValid ? FIELDS.map((f) => r.row[f]).join(',') : r.text,
          );
          const text = `${bom ? '\ufeff' : ''}${FIELDS.join(',')}${eol}${body.join(eol)}${finalEol ? eol : ''}`;
          const got = await outcomes(parseP2pCsv(stream(chunked(text, cuts)), 'fuzz.csv'));
          expect(verdicts(got)).toEqual(expected(rows, 2));
        },
      ),
      { numRuns: 150 },
    );
  });

  it('CSV: any text at all ends in records, row errors or an AppError, never a crash', async () => {
    const unit = fc.constantFrom(
      'a',
      '1',
      ',',
      '"',
      '\n',
      '\r',
      '\u0000',
      '\ufffd',
      '\ufeff',
      ' ',
      '\u202e',
      'ü',
    );
    await fc.assert(
      fc.asyncProperty(fc.string({ unit, maxLength: 400 }), async (noise) => {
        const withHeader = `${FIELDS.join(',')}\n${noise}`;
        await expect(settle(parseP2pCsv(stream([withHeader]), 'noise.csv'))).resolves.toBe(true);
        await expect(settle(parseP2pCsv(stream([noise]), 'noise.csv'))).resolves.toBeTypeOf(
          'boolean',
        );
      }),
      { numRuns: 200 },
    );
  });

  it('JSONL: bad lines each give their line, field and reason; valid lines are all kept', async () => {
    const BAD_JSON: Array<[string, (row: Row) => string]> = [
      ['truncated', (r) => object(r).slice(0, -3)],
      ['duplicate key', (r) => object(r).replace('{', `{"ip":"${r.ip}",`)],
      ['__proto__ key', (r) => object(r).replace('{', '{"__proto__":{"x":1},')],
      ['unknown field', (r) => object({ ...r, thumbnail: 'x' } as Row)],
      ['wrong type (number ip)', (r) => object({ ...r, ip: 3232235777 } as unknown as Row)],
      ['wrong type (object)', (r) => object({ ...r, observer: { a: 1 } } as unknown as Row)],
      ['top-level array', (r) => JSON.stringify([r])],
      ['deeply nested', () => `${'['.repeat(5000)}${']'.repeat(5000)}`],
      ['JSON5 comment', (r) => `${object(r)} // x`],
      ['NaN', (r) => object(r).replace(`"port":"${r.port}"`, '"port":NaN')],
      ['escaped NUL', (r) => object({ ...r, observer: 'a\u0000b' })],
      ['huge line', (r) => object({ ...r, observer: 'y'.repeat(70_000) })],
      [
        'port above 2^53',
        (r) => object(r).replace(`"port":"${r.port}"`, '"port":9007199254740993'),
      ],
      ...BAD.map(([name, spoil]): [string, (row: Row) => string] => [
        name,
        (r) => object(spoil(r)),
      ]),
    ];
    const jsonBad = fc.tuple(validRow, fc.constantFrom(...BAD_JSON)).map(([row, [, spoil]]) => ({
      text: spoil(row),
      isValid: false,
      row,
    }));
    await fc.assert(
      fc.asyncProperty(
        lines(jsonBad),
        fc.constantFrom('\n', '\r\n'),
        fc.boolean(),
        fc.array(fc.integer({ min: 1, max: 300 }), { maxLength: 40 }),
        async (rows, eol, bom, cuts) => {
          const text = `${bom ? '\ufeff' : ''}${rows.map((r) => (r.isValid ? object(r.row) : r.text)).join(eol)}${eol}`;
          const input = Readable.from(chunked(text, cuts).map((c) => Buffer.from(c)));
          expect(verdicts(await outcomes(parseP2pJsonl(input)))).toEqual(expected(rows, 1));
        },
      ),
      { numRuns: 150 },
    );
  });
});
