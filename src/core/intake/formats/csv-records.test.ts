import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CsvRecordReader,
  MAX_RECORD_CHARS,
  readCsvRecords,
  type CsvRecord,
} from './csv-records.js';

async function read(chunks: Array<string | Buffer>): Promise<CsvRecord[]> {
  const out: CsvRecord[] = [];
  for await (const records of readCsvRecords(
    (async function* () {
      yield* chunks;
    })(),
  )) {
    out.push(...records);
  }
  return out;
}

const quote = (field: string) =>
  /[",\r\n]/.test(field) ? `"${field.replaceAll('"', '""')}"` : field;

describe(readCsvRecords.name, () => {
  it('splits plain and quoted fields, with escaped quotes, embedded line breaks and empty fields', async () => {
    const records = await read(['a,"b,c","say ""hi""",\r\n"multi\r\nline",,x\n']);
    expect(records).toEqual([
      { line: 1, raw: 'a,"b,c","say ""hi""",', fields: ['a', 'b,c', 'say "hi"', ''] },
      { line: 2, raw: '"multi\r\nline",,x', fields: ['multi\r\nline', '', 'x'] },
    ]);
  });

  it('counts lines across CRLF, LF and CR, also when a CRLF or a UTF-8 character is split between chunks', async () => {
    const bytes = Buffer.from('\ufeffh\r\nü,1\r\n2\r3\n"q\r\nq"\n4');
    const chunks = [...bytes].map((b) => Buffer.from([b]));
    const records = await read(chunks);
    expect(records.map((r) => [r.line, 'fields' in r ? r.fields : r.error])).toEqual([
      [1, ['h']],
      [2, ['ü', '1']],
      [3, ['2']],
      [4, ['3']],
      [5, ['q\r\nq']],
      [7, ['4']],
    ]);
  });

  it('rejects a stray quote and a bad closing quote by their lines, and reads on', async () => {
    const records = await read(['a,b"c\n"x"y,1\nok,2\n']);
    expect(records).toEqual([
      { line: 1, raw: 'a,b"c', error: expect.stringMatching(/stray quote/) },
      { line: 2, raw: '"x"y,1', error: expect.stringMatching(/closing quote/) },
      { line: 3, raw: 'ok,2', fields: ['ok', '2'] },
    ]);
  });

  it('rejects only the first line of a quote left open and keeps the valid rest', async () => {
    const records = await read(['a,"never closed\nb,1\nc,2']);
    expect(records).toEqual([
      { line: 1, raw: 'a,"never closed', error: 'quote not closed before the end of the file' },
      { line: 2, raw: 'b,1', fields: ['b', '1'] },
      { line: 3, raw: 'c,2', fields: ['c', '2'] },
    ]);
    const long = await read([`"open\n${'x'.repeat(MAX_RECORD_CHARS)}\nlast,1\n`]);
    expect(long[0]).toMatchObject({ line: 1, error: expect.stringMatching(/not closed within/) });
    expect(long.at(-1)).toEqual({ line: 3, raw: 'last,1', fields: ['last', '1'] });
  });

  it('rejects an over-long line', async () => {
    const records = await read([`${'y'.repeat(MAX_RECORD_CHARS + 1)}\nz\n`]);
    expect(records[0]).toMatchObject({ line: 1, error: expect.stringMatching(/longer than/) });
    expect(records[1]).toEqual({ line: 2, raw: 'z', fields: ['z'] });
  });

  it('reads any well-formed CSV back exactly, however it is cut into chunks', () => {
    const field = fc.string({ unit: fc.constantFrom('a', 'ü', ',', '"', '\n', '\r', ' ') });
    fc.assert(
      fc.property(
        fc.array(fc.array(field, { minLength: 2, maxLength: 4 }), { minLength: 1, maxLength: 8 }),
        fc.constantFrom('\n', '\r\n', '\r'),
        fc.array(fc.nat(), { maxLength: 6 }),
        (rows, eol, cuts) => {
          const text = rows.map((r) => r.map(quote).join(',')).join(eol) + eol;
          const points = [...new Set(cuts.map((c) => c % (text.length + 1)))].sort((a, b) => a - b);
          const reader = new CsvRecordReader();
          const out: CsvRecord[] = [];
          let from = 0;
          for (const p of [...points, text.length]) {
            out.push(...reader.push(text.slice(from, p)));
            from = p;
          }
          out.push(...reader.push('', true));
          expect(out.map((r) => ('fields' in r ? r.fields : r.error))).toEqual(rows);
        },
      ),
    );
  });
});
