import type { HashEntryType } from '#platform/db/tables.js';
import { checkHex } from '../hash-values.js';
import { readLines } from './lines.js';
import { plainRecord, type CategoryOptions, type ParsedItem } from './types.js';

const GNU = /^\\?([0-9A-Za-z]+) [ *](.*)$/;
const BSD = /^(MD5|SHA1|SHA-1|SHA256|SHA-256) ?\((.*)\) ?= ?([0-9A-Za-z]+)$/i;
const BARE = /^([0-9A-Za-z]+)$/;

const BSD_TYPES: Record<string, HashEntryType> = {
  md5: 'md5',
  sha1: 'sha1',
  'sha-1': 'sha1',
  sha256: 'sha256',
  'sha-256': 'sha256',
};

/**
 * md5sum/sha1sum/sha256sum lists: `<hex>  <path>` (`*` before the path in binary mode, a leading
 * `\` for escaped names), BSD style `MD5 (path) = <hex>`, or a bare hash a line; `#` lines and
 * blank lines are skipped. The list's type decides the expected length, except for BSD lines,
 * which name their algorithm.
 */
export function hashListParser(type: HashEntryType) {
  return async function* parseHashList(
    input: AsyncIterable<Uint8Array>,
    options: CategoryOptions,
  ): AsyncIterable<ParsedItem> {
    for await (const { line, text } of readLines(input)) {
      const trimmed = text.trim();
      if (trimmed === '' || trimmed.startsWith('#')) continue;
      const position = `line ${line}`;
      const bsd = BSD.exec(trimmed);
      const raw = bsd ? bsd[3]! : (GNU.exec(text)?.[1] ?? BARE.exec(trimmed)?.[1]);
      const lineType = bsd ? BSD_TYPES[bsd[1]!.toLowerCase()]! : type;
      if (raw === undefined) {
        yield { kind: 'issue', position, field: 'line', reason: `not a ${type}sum line` };
        continue;
      }
      const checked = checkHex(lineType, raw);
      if ('reason' in checked) {
        yield { kind: 'issue', position, field: lineType, reason: checked.reason };
        continue;
      }
      yield plainRecord(position, [{ type: lineType, hex: checked.hex }], options);
    }
  };
}
