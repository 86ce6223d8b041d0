import type { HashEntryType } from '#platform/db/tables.js';
import { ValidationError } from '#shared/errors.js';
import { checkHex } from '../hash-values.js';
import { readLines } from './lines.js';
import { plainRecord, type CategoryOptions, type ParsedItem, type RecordHash } from './types.js';

const COLUMN_TYPES: Record<string, HashEntryType> = { md5: 'md5', sha1: 'sha1', sha256: 'sha256' };

/**
 * hashdeep audit files: `%%%% HASHDEEP-1.0`, `%%%% size,md5,sha256,filename`, `##` comments,
 * then CSV rows in the declared column order (the file name is last and may hold commas).
 * Columns other than md5/sha1/sha256 (tiger, whirlpool, size) are read past.
 */
export async function* parseHashdeep(
  input: AsyncIterable<Uint8Array>,
  options: CategoryOptions,
): AsyncIterable<ParsedItem> {
  let columns: string[] | undefined;
  let sawMagic = false;
  for await (const { line, text } of readLines(input)) {
    if (!sawMagic) {
      if (!/^%%%% HASHDEEP-1\.\d+\s*$/.test(text)) {
        throw headerError(line, 'expected "%%%% HASHDEEP-1.0"');
      }
      sawMagic = true;
      continue;
    }
    if (!columns) {
      const m = /^%%%% (.+)$/.exec(text.trim());
      if (!m) throw headerError(line, 'expected "%%%% size,md5,...,filename"');
      columns = m[1]!.split(',').map((c) => c.trim().toLowerCase());
      if (!columns.some((c) => c in COLUMN_TYPES)) {
        throw headerError(line, 'no md5, sha1 or sha256 column');
      }
      continue;
    }
    if (text.startsWith('##') || text.trim() === '') continue;
    const position = `line ${line}`;
    const cells = splitLimited(text, columns.length);
    if (cells.length !== columns.length) {
      yield {
        kind: 'issue',
        position,
        field: 'row',
        reason: `expected ${columns.length} columns, got ${cells.length}`,
      };
      continue;
    }
    const hashes: RecordHash[] = [];
    let issue: ParsedItem | undefined;
    columns.forEach((column, i) => {
      const type = COLUMN_TYPES[column];
      if (!type || issue) return;
      const checked = checkHex(type, cells[i]!);
      if ('reason' in checked) {
        issue = { kind: 'issue', position, field: column, reason: checked.reason };
      } else hashes.push({ type, hex: checked.hex });
    });
    yield issue ?? plainRecord(position, hashes, options);
  }
  if (!columns) throw headerError(1, 'no hashdeep header: the file is empty or truncated');
}

function splitLimited(text: string, count: number): string[] {
  const out: string[] = [];
  let rest = text;
  while (out.length < count - 1) {
    const comma = rest.indexOf(',');
    if (comma < 0) break;
    out.push(rest.slice(0, comma));
    rest = rest.slice(comma + 1);
  }
  out.push(rest);
  return out;
}

function headerError(line: number, reason: string): ValidationError {
  return new ValidationError(`line ${line}: not a hashdeep file: ${reason}`, [
    { path: `line ${line}`, reason },
  ]);
}
