import { checkHex } from '../hash-values.js';
import { readLines } from './lines.js';
import { plainRecord, type CategoryOptions, type ParsedItem } from './types.js';

/** PDQ hashes below this quality are too unreliable to match (ThreatExchange's guidance). */
export const MIN_PDQ_QUALITY = 50;

const LINE = /^([0-9A-Za-z]+)(?:\s*[,\t ]\s*(\S+))?(?:\s.*)?$/;

/** PDQ lists: 64 hex a line, optionally followed by a quality 0..100 (comma, tab or space). */
export async function* parsePdqList(
  input: AsyncIterable<Uint8Array>,
  options: CategoryOptions,
): AsyncIterable<ParsedItem> {
  for await (const { line, text } of readLines(input)) {
    const trimmed = text.trim();
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    const position = `line ${line}`;
    const m = LINE.exec(trimmed);
    const checked = checkHex('pdq', m?.[1] ?? trimmed);
    if ('reason' in checked) {
      yield { kind: 'issue', position, field: 'pdq', reason: checked.reason };
      continue;
    }
    let quality: number | null = null;
    if (m?.[2] !== undefined) {
      quality = /^\d{1,3}$/.test(m[2]) ? Number(m[2]) : NaN;
      if (!(quality >= 0 && quality <= 100)) {
        yield {
          kind: 'issue',
          position,
          field: 'quality',
          reason: `quality must be 0..100, got "${m[2]}"`,
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
