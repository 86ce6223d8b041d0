import { ValidationError } from '#shared/errors.js';
import { hashListParser } from './hash-list.js';
import { parseHashdeep } from './hashdeep.js';
import { parseNsrlV2 } from './nsrl-v2.js';
import { parseNsrlV3, SQLITE_MAGIC } from './nsrl-v3.js';
import { parsePdqList } from './pdq-list.js';
import type { FormatParser, HashSetFormat } from './types.js';
import { parseVics } from './vics.js';

/** Bytes read ahead to detect a format. */
export const DETECT_BYTES = 4096;

/** Guesses the format from the first bytes of a file; throws ValidationError when it cannot. */
export function detectFormat(head: Uint8Array): HashSetFormat {
  const text = new TextDecoder().decode(head).replace(/^\uFEFF/, '');
  if (text.startsWith(SQLITE_MAGIC)) return 'nsrl';
  const start = text.trimStart();
  if (start.startsWith('{')) return 'vics';
  if (start.startsWith('"SHA-1","MD5"')) return 'nsrl';
  if (start.startsWith('%%%% HASHDEEP')) return 'hashdeep';
  const line = start
    .split('\n')
    .map((l) => l.trim())
    .find((l) => l !== '' && !l.startsWith('#'));
  const bsd = line && /^(MD5|SHA1|SHA-1|SHA256|SHA-256) ?\(/i.exec(line);
  if (bsd) {
    return bsd[1]!.toUpperCase() === 'MD5'
      ? 'md5sum'
      : /256/.test(bsd[1]!)
        ? 'sha256sum'
        : 'sha1sum';
  }
  const hex = line && /^\\?([0-9a-fA-F]+)([\s,].*)?$/.exec(line);
  if (hex) {
    const length = hex[1]!.length;
    if (length === 32) return 'md5sum';
    if (length === 40) return 'sha1sum';
    if (length === 64) {
      return isQualityTail(hex[2] ?? '') ? 'pdq' : 'sha256sum';
    }
  }
  throw new ValidationError('cannot tell the file format: pass --format', [
    {
      path: 'format',
      reason: 'not VICS JSON, NSRL, hashdeep, an md5sum/sha1sum list or a PDQ list',
    },
  ]);
}

/**
 * Whether what follows a 64-hex hash is nothing or a PDQ quality (`,80`, ` 80`, `\t80`). Plain code:
 * the former `^\s*[,\t ]?\s*\d{1,3}\s*$` backtracked quadratically over a run of spaces.
 */
function isQualityTail(tail: string): boolean {
  let rest = tail.trim();
  if (rest === '') return true;
  if (rest.startsWith(',')) rest = rest.slice(1).trimStart();
  if (rest.length < 1 || rest.length > 3) return false;
  for (const ch of rest) if (ch < '0' || ch > '9') return false;
  return true;
}

const PARSERS: Record<Exclude<HashSetFormat, 'nsrl'>, FormatParser> = {
  vics: parseVics,
  md5sum: hashListParser('md5'),
  sha1sum: hashListParser('sha1'),
  sha256sum: hashListParser('sha256'),
  hashdeep: parseHashdeep,
  pdq: parsePdqList,
};

/** The parser for a format; NSRL is RDSv3 (SQLite) or RDSv2 (NSRLFile.txt) by its first bytes. */
export function parserFor(format: HashSetFormat, head: Uint8Array): FormatParser {
  if (format !== 'nsrl') return PARSERS[format];
  return new TextDecoder().decode(head.subarray(0, 16)) === SQLITE_MAGIC
    ? parseNsrlV3
    : parseNsrlV2;
}
