import { ValidationError } from '#shared/errors.js';
import { P2P_FIELDS, REQUIRED_FIELDS, type P2pField } from '../observation.js';
import { isP2pField, type RawRecord } from '../p2p-record.js';
import { IGNORED_COLUMN, mapName, type ColumnMap } from '../column-map.js';
import { readCsvRecords } from './csv-records.js';
import type { ParsedItem } from './parsed-item.js';

// Control characters are exactly what this pattern must find.
// oxlint-disable-next-line no-control-regex
const BAD_TEXT = /[\u0000\ufffd]/;

/**
 * Reads a P2P log v1 CSV (RFC 4180, any column order, CRLF/LF/CR) as a stream of records with their
 * starting line. A bad header rejects the file (ValidationError at line 1); a bad record yields an
 * error item and reading goes on.
 */
export async function* parseP2pCsv(
  input: AsyncIterable<Buffer | string>,
  fileName: string,
  state: { header: string | null } = { header: null },
  mapping?: ColumnMap,
): AsyncGenerator<ParsedItem> {
  let columns: Array<P2pField | null> | null = null;
  for await (const records of readCsvRecords(input)) {
    for (const item of records) {
      const { line, raw } = item;
      if (!columns) {
        if ('error' in item) {
          throw new ValidationError(`${fileName}: unreadable header: ${item.error}`, [
            { path: `${fileName}:1`, reason: item.error },
          ]);
        }
        columns = checkHeader(
          item.fields.map((name) => mapName(mapping, name)),
          item.fields,
          fileName,
        );
        // Stored with quarantined rows in canonical names, so a fixed row re-imports without the map.
        state.header = columns.map((c) => c ?? IGNORED_COLUMN).join(',');
        continue;
      }
      if ('error' in item) {
        yield { line, raw, error: { field: '(record)', reason: item.error } };
      } else if (BAD_TEXT.test(raw)) {
        yield { line, raw, error: { field: '(record)', reason: 'invalid UTF-8 or NUL byte' } };
      } else if (item.fields.length !== columns.length) {
        yield {
          line,
          raw,
          error: {
            field: '(record)',
            reason: `ragged row: ${item.fields.length} fields where the header has ${columns.length}`,
          },
        };
      } else {
        const record: RawRecord = {};
        for (let i = 0; i < columns.length; i++) {
          const name = columns[i];
          const value = item.fields[i]!;
          if (name !== null && name !== undefined && value !== '') record[name] = value;
        }
        yield { line, raw, record };
      }
    }
  }
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
