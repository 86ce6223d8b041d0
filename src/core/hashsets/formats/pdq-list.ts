import { checkHex } from '../hash-values.js';
import { readLines } from './lines.js';
import { plainRecord, type CategoryOptions, type ParsedItem } from './types.js';

/** PDQ hashes below this quality are too unreliable to match (ThreatExchange's guidance). */
export const MIN_PDQ_QUALITY = 50;

/** PDQ lists: 64 hex a line, optionally followed by a quality 0..100 (comma, tab or space). */
export async function* parsePdqList(
  input: AsyncIterable<Uint8Array>,
  options: CategoryOptions,
): AsyncIterable<ParsedItem> {
  for await (const { line, text } of readLines(input)) {
    const trimmed = text.trim();
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    const position = `line ${line}`;
    const m = splitPdqLine(trimmed);
    const checked = checkHex('pdq', m?.hash ?? trimmed);
    if ('reason' in checked) {
      yield { kind: 'issue', position, field: 'pdq', reason: checked.reason };
      continue;
    }
    let quality: number | null = null;
    if (m?.quality !== undefined) {
      quality = isQuality(m.quality) ? Number(m.quality) : NaN;
      if (!(quality >= 0 && quality <= 100)) {
        yield {
          kind: 'issue',
          position,
          field: 'quality',
          reason: `quality must be 0..100, got "${clip(m.quality)}"`,
        };
        continue;
      }
      if (quality < MIN_PDQ_QUALITY) {
        yield {
          kind: 'issue',
          position,
          field: 'quality',
          reason: `quality ${quality} is below ${MIN_PDQ_QUALITY}: discarded`,
          isSkip: true,
        };
        continue;
      }
    }
    yield {
      ...plainRecord(position, [{ type: 'pdq', hex: checked.hex }], options),
      pdqQuality: quality,
    };
  }
}

function isSpace(ch: string | undefined): boolean {
  return ch !== undefined && ch.trim() === '';
}

function isAlnum(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}

/**
 * Splits a trimmed PDQ line into its hash (the leading run of letters and digits) and the quality
 * token after a separator (spaces/tabs, or a comma with optional spaces), or undefined when the
 * hash is followed by anything else. Plain code in one pass: the former regular expression
 * (`\s*[,\t ]\s*` after the hash) backtracked quadratically over a long run of spaces.
 */
export function splitPdqLine(line: string): { hash: string; quality?: string } | undefined {
  let i = 0;
  while (i < line.length && isAlnum(line.charCodeAt(i))) i++;
  if (i === 0) return undefined;
  const hash = line.slice(0, i);
  if (i === line.length) return { hash };
  let j = i;
  let sawSeparator = false;
  while (isSpace(line[j])) {
    if (line[j] === ' ' || line[j] === '\t') sawSeparator = true;
    j++;
  }
  let sawComma = false;
  if (line[j] === ',') {
    sawComma = true;
    j++;
    while (isSpace(line[j])) j++;
  }
  // A comma promises a quality: "hash," and "hash , " give an empty (invalid) one.
  if (sawComma) sawSeparator = true;
  if (j === i) return undefined;
  if (!sawSeparator) return { hash };
  let k = j;
  while (k < line.length && !isSpace(line[k])) k++;
  return { hash, quality: line.slice(j, k) };
}

function isQuality(text: string): boolean {
  if (text.length < 1 || text.length > 3) return false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

function clip(text: string): string {
  return text.length > 20 ? `${text.slice(0, 20)}…` : text;
}
