import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { isP2pField, type RawRecord } from '../p2p-record.js';
import { mapName, type ColumnMap } from '../column-map.js';
import { hasDuplicateTopLevelKey } from './json-keys.js';
import type { ParsedItem } from './parsed-item.js';

const MAX_LINE = 64 * 1024;
const NUMERIC_FIELDS = new Set(['port', 'file_size']);

/** Reads P2P log v1 JSON Lines: one flat object a line; blank lines are skipped. */
export async function* parseP2pJsonl(
  input: Readable,
  mapping?: ColumnMap,
): AsyncGenerator<ParsedItem> {
  const lines = createInterface({ input, crlfDelay: Infinity });
  let line = 0;
  for await (let raw of lines) {
    line++;
    if (line === 1 && raw.startsWith('\ufeff')) raw = raw.slice(1);
    if (raw.trim() === '') continue;
    yield parseLine(raw, line, mapping);
  }
}

function parseLine(raw: string, line: number, mapping: ColumnMap | undefined): ParsedItem {
  const fail = (field: string, reason: string): ParsedItem => ({
    line,
    raw,
    error: { field, reason },
  });
  if (raw.length > MAX_LINE) return fail('(record)', `line longer than ${MAX_LINE} characters`);
  if (raw.includes('\ufffd') || raw.includes('\u0000')) {
    return fail('(record)', 'invalid UTF-8 or NUL byte');
  }
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch (error) {
    return fail('(record)', `invalid JSON: ${(error as Error).message}`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return fail('(record)', 'not a JSON object');
  }
  if (hasDuplicateTopLevelKey(raw)) return fail('(record)', 'duplicate key');
  const record: RawRecord = {};
  for (const [original, v] of Object.entries(value)) {
    const key = mapName(mapping, original);
    if (key === '') continue;
    if (!isP2pField(key)) return fail(original, 'unknown field');
    if (v === null) continue;
    if (typeof v === 'string') record[key] = v;
    else if (typeof v === 'number' && NUMERIC_FIELDS.has(key) && Number.isSafeInteger(v)) {
      record[key] = String(v);
    } else return fail(key, `unexpected ${typeof v} value`);
  }
  return { line, raw, record };
}
