import { ValidationError } from '#shared/errors.js';
import { checkHex } from '../hash-values.js';
import { readLines, splitCsv } from './lines.js';
import { plainRecord, type CategoryOptions, type ParsedItem, type RecordHash } from './types.js';

/** The RDSv2 NSRLFile.txt header, quoted as NIST ships it. */
export const NSRL_V2_HEADER =
  '"SHA-1","MD5","CRC32","FileName","FileSize","ProductCode","OpSystemCode","SpecialCode"';

/** NIST NSRL RDSv2 `NSRLFile.txt`: quoted CSV, SHA-1 and MD5 upper case, one row per file. */
export async function* parseNsrlV2(
  input: AsyncIterable<Uint8Array>,
  options: CategoryOptions,
): AsyncIterable<ParsedItem> {
  let sawHeader = false;
  for await (const { line, text } of readLines(input)) {
    if (!sawHeader) {
      if (text.trim() !== NSRL_V2_HEADER) {
        throw new ValidationError(`line ${line}: not an NSRL RDSv2 NSRLFile.txt header`, [
          { path: `line ${line}`, reason: `expected ${NSRL_V2_HEADER}` },
        ]);
      }
      sawHeader = true;
      continue;
    }
    if (text.trim() === '') continue;
    const position = `line ${line}`;
    const cells = splitCsv(text);
    if (!cells || cells.length !== 8) {
      yield { kind: 'issue', position, field: 'row', reason: 'expected 8 quoted CSV fields' };
      continue;
    }
    const hashes: RecordHash[] = [];
    const sha1 = checkHex('sha1', cells[0]!);
    const md5 = checkHex('md5', cells[1]!);
    if ('reason' in sha1) yield { kind: 'issue', position, field: 'SHA-1', reason: sha1.reason };
    else if ('reason' in md5) yield { kind: 'issue', position, field: 'MD5', reason: md5.reason };
    else {
      hashes.push({ type: 'sha1', hex: sha1.hex }, { type: 'md5', hex: md5.hex });
      yield plainRecord(position, hashes, options);
    }
  }
  if (!sawHeader) {
    throw new ValidationError('line 1: empty NSRLFile.txt', [
      { path: 'line 1', reason: 'no header' },
    ]);
  }
}
