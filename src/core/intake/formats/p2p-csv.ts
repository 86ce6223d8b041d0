import type { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import { ValidationError } from '#shared/errors.js';
import { P2P_FIELDS, REQUIRED_FIELDS, type P2pField } from '../observation.js';
import { isP2pField, type RawRecord } from '../p2p-record.js';
import { IGNORED_COLUMN, mapName, type ColumnMap } from '../column-map.js';
import { LineTap } from './line-tap.js';
import type { ParsedItem } from './parsed-item.js';

const MAX_RECORD_BYTES = 64 * 1024;
// Control characters are exactly what this pattern must find.
// oxlint-disable-next-line no-control-regex
const BAD_TEXT = /[\u0000\ufffd]/;

type CsvInfo = { lines: number };
type CsvError = Error & { code?: string; lines?: number; raw?: string };

/**
 * Reads a P2P log v1 CSV (RFC 4180, any column order, CRLF/LF/CR) as a stream of records with their
 * starting line. A bad header rejects the file (ValidationError at line 1); a bad record yields an
 * error item and reading goes on.
 */
export async function* parseP2pCsv(
  input: Readable,
  fileName: string,
  state: { header: string | null } = { header: null },
  mapping?: ColumnMap,
): AsyncGenerator<ParsedItem> {
  const errors: ParsedItem[] = [];
  const seenErrorLines = new Set<number>();
  const tap = new LineTap();
  const parser = input.pipe(tap).pipe(
    parse({
      bom: true,
      info: true,
      raw: true,
      skip_records_with_error: true,
      record_delimiter: ['\r\n', '\n', '\r'],
      max_record_size: MAX_RECORD_BYTES,
    }),
  );
  input.on('error', (error) => parser.destroy(error));
  tap.on('error', (error) => parser.destroy(error));
  // csv-parse can report one broken line twice (a stray quote); keep the first report.
  parser.on('skip', (error: CsvError) => {
    const line = error.lines ?? 0;
    if (seenErrorLines.has(line)) return;
    seenErrorLines.add(line);
    const partial = (error.raw ?? '').replace(/(\r\n|\n|\r)$/, '');
    const physical = tap.line(line) ?? '';
    errors.push({
      line,
      raw: physical.length >= partial.length ? physical : partial,
      error: { field: '(record)', reason: csvReason(error) },
    });
  });
  let columns: Array<P2pField | null> | null = null;
  for await (const item of parser as AsyncIterable<{
    record: string[];
    raw: string;
    info: CsvInfo;
  }>) {
    const raw = item.raw.replace(/(\r\n|\n|\r)$/, '');
    const line = item.info.lines - countNewlines(raw);
    // csv-parse reports skipped records while it reads ahead: emit them in line order.
    errors.sort((a, b) => a.line - b.line);
    while (errors.length > 0 && errors[0]!.line < line) yield errors.shift()!;
    if (!columns) {
      columns = checkHeader(
        item.record.map((name) => mapName(mapping, name)),
        item.record,
        fileName,
      );
      // Stored with quarantined rows in canonical names, so a fixed row re-imports without the map.
      state.header = columns.map((c) => c ?? IGNORED_COLUMN).join(',');
      continue;
    }
    if (BAD_TEXT.test(raw)) {
      yield { line, raw, error: { field: '(record)', reason: 'invalid UTF-8 or NUL byte' } };
      continue;
    }
    const record: RawRecord = {};
    columns.forEach((name, i) => {
      const value = item.record[i];
      if (name !== null && value !== undefined && value !== '') record[name] = value;
    });
    yield { line, raw, record };
  }
  yield* errors.sort((a, b) => a.line - b.line).splice(0);
  if (!columns) {
    throw new ValidationError(`${fileName}: empty file, header row missing`, [
      { path: `${fileName}:1`, reason: 'header row missing' },
    ]);
  }
}

function checkHeader(
  header: string[],
  original: string[],
  fileName: string,
): Array<P2pField | null> {
  const problems: Array<{ path: string; reason: string }> = [];
  const seen = new Set<string>();
  for (const [i, name] of header.entries()) {
    if (name === '') continue;
    if (!isP2pField(name)) {
      problems.push({
        path: `${fileName}:1:${original[i]}`,
        reason: 'unknown column (names are exact, lower case, unpadded)',
      });
    } else if (seen.has(name)) {
      problems.push({ path: `${fileName}:1:${name}`, reason: 'duplicate column' });
    }
    seen.add(name);
  }
  for (const name of REQUIRED_FIELDS) {
    if (!seen.has(name)) {
      problems.push({ path: `${fileName}:1:${name}`, reason: 'required column missing' });
    }
  }
  if (problems.length > 0) {
    throw new ValidationError(
      `${fileName}: bad header (expected columns from ${P2P_FIELDS.join(', ')})`,
      problems,
    );
  }
  return header.map((name) => (name === '' ? null : (name as P2pField)));
}

function csvReason(error: CsvError): string {
  return `${error.code ?? 'CSV'}: ${error.message.replace(/ at line \d+.*$/s, '')}`;
}

function countNewlines(text: string): number {
  return (text.match(/\r\n|\n|\r/g) ?? []).length;
}
