import { ForbiddenContentError } from '#shared/errors.js';
import type { HashEntryType } from '#platform/db/tables.js';
import { readCategory } from '../categories.js';
import { contentFieldReason } from '../forbidden-content.js';
import { checkHex } from '../hash-values.js';
import {
  formatPath,
  JsonNumber,
  streamJson,
  type JsonObject,
  type JsonPath,
  type JsonValue,
} from './json-stream.js';
import type { CategoryOptions, ParsedItem, RecordHash } from './types.js';
import { envelopeError, readEnvelope, type VicsEnvelope } from './vics-envelope.js';

const ALT_HASH_TYPES: Record<string, HashEntryType> = {
  MD5: 'md5',
  SHA1: 'sha1',
  'SHA-1': 'sha1',
  SHA256: 'sha256',
  'SHA-256': 'sha256',
  EDK: 'ed2k',
  ED2K: 'ed2k',
};

const isRecordPath = (p: JsonPath) =>
  p[0] === 'value' &&
  typeof p[1] === 'number' &&
  (p.length === 2 || (p.length === 4 && p[2] === 'Media' && typeof p[3] === 'number'));

/**
 * Project VIC VICS 1.x/2.0 (OData JSON): a flat hash set (`value` = Media) or a case export
 * (`value` = Cases each with `Media`), streamed one Media at a time. The context annotation must
 * precede `value`, as OData JSON requires, so the category scheme is known before the first Media.
 */
export async function* parseVics(
  input: AsyncIterable<Uint8Array>,
  options: CategoryOptions,
): AsyncIterable<ParsedItem> {
  let envelope: VicsEnvelope | undefined;
  let sawValue = false;
  for await (const event of streamJson(input, isRecordPath)) {
    if (event.kind === 'key') {
      if (event.key === 'value') {
        if (!envelope) {
          throw envelopeError(
            '"@odata.context" (2.0) or "odata.metadata" (1.x) must come before "value"',
          );
        }
        sawValue = true;
      }
      continue;
    }
    if (event.kind === 'member') {
      scanContent(event.value, [event.key]);
      if (event.key === '@odata.context' || event.key === 'odata.metadata') {
        if (envelope) throw envelopeError('two context annotations');
        envelope = readEnvelope(event.key, event.value);
      } else if (event.key === 'value' && !Array.isArray(event.value)) {
        throw envelopeError('"value" must be an array', '$.value');
      }
      continue;
    }
    const env = envelope!;
    const value = event.value;
    const position = formatPath(event.path);
    if (!isObject(value)) {
      yield { kind: 'issue', position, field: 'value', reason: 'expected an object' };
      continue;
    }
    scanContent(value, event.path);
    const isCase = event.path.length === 2 && 'Media' in value;
    if (isCase !== (env.target === 'Cases' && event.path.length === 2)) {
      throw envelopeError(
        isCase ? 'a Case object in a #Media document' : 'a bare Media object in a #Cases document',
        position,
      );
    }
    if (isCase) continue; // its Media were yielded as they completed
    yield readMedia(value, position, env, options);
  }
  if (!envelope) throw envelopeError('no "@odata.context" or "odata.metadata" annotation');
  if (!sawValue) throw envelopeError('no "value" array');
}

function readMedia(
  media: JsonObject,
  position: string,
  env: VicsEnvelope,
  options: CategoryOptions,
): ParsedItem {
  const issue = (field: string, reason: string): ParsedItem => ({
    kind: 'issue',
    position,
    field,
    reason,
  });
  const hashes: RecordHash[] = [];
  const add = (
    field: string,
    type: HashEntryType,
    raw: JsonValue | undefined,
  ): string | undefined => {
    if (raw === undefined || raw === null || raw === '') return undefined;
    if (typeof raw !== 'string') return `${field}: expected a string`;
    const checked = checkHex(type, raw);
    if ('reason' in checked) return `${field}: ${checked.reason}`;
    if (!hashes.some((h) => h.type === type && h.hex === checked.hex)) {
      hashes.push({ type, hex: checked.hex });
    }
    return undefined;
  };
  for (const [field, type] of [
    ['MD5', 'md5'],
    ['SHA1', 'sha1'],
    ['SHA256', 'sha256'],
  ] as const) {
    const problem = add(field, type, get(media, field));
    if (problem) return issue(field, problem);
  }
  const alternatives = get(media, 'AlternativeHashes');
  if (alternatives !== undefined && alternatives !== null) {
    if (!Array.isArray(alternatives)) return issue('AlternativeHashes', 'expected an array');
    for (const [i, alt] of alternatives.entries()) {
      if (!isObject(alt)) return issue(`AlternativeHashes[${i}]`, 'expected an object');
      const name = get(alt, 'HashName');
      // PhotoDNA is an opaque licensed hash that Vigil does not match on; unknown names are newer
      // algorithms, read past rather than rejected.
      const type = typeof name === 'string' ? ALT_HASH_TYPES[name.toUpperCase()] : undefined;
      if (!type) continue;
      const problem = add(`AlternativeHashes[${i}].HashValue`, type, get(alt, 'HashValue'));
      if (problem) return issue(`AlternativeHashes[${i}]`, problem);
    }
  }
  if (hashes.length === 0) return issue('MD5', 'no MD5, SHA1 or SHA256 in this Media');

  const scheme = (options.scheme as VicsEnvelope['scheme'] | undefined) ?? env.scheme;
  const rawCategory = get(media, 'Category');
  const category = readCategory(scheme, scalarText(rawCategory), options.caidCategoryMap);
  if (category && 'reason' in category) return issue('Category', category.reason);

  const flags: Record<string, boolean | null> = {};
  for (const field of ['VictimIdentified', 'IsDistributed']) {
    const flag = readBool(get(media, field));
    if (flag === 'invalid') return issue(field, `expected true/false, "true"/"false" or 1/0`);
    flags[field] = flag;
  }
  const mediaId = scalarText(get(media, 'MediaID'));
  if (mediaId !== null && !/^-?\d+$/.test(mediaId)) {
    return issue('MediaID', `"${mediaId}" is not an integer`);
  }
  const series = scalarText(get(media, 'Series'));
  return {
    kind: 'record',
    position,
    hashes,
    categoryScheme: category?.scheme ?? null,
    categoryCode: category?.code ?? null,
    series: series === null || series.trim() === '' ? null : series.trim().slice(0, 256),
    victimIdentified: flags.VictimIdentified ?? null,
    isDistributed: flags.IsDistributed ?? null,
    mediaId,
    pdqQuality: null,
  };
}

/** Exact key first; VICS writers disagree on case (`Md5`, `md5`), so fall back to any case. */
function get(object: JsonObject, key: string): JsonValue | undefined {
  if (key in object) return object[key];
  const lower = key.toLowerCase();
  const found = Object.keys(object).find((k) => k.toLowerCase() === lower);
  return found === undefined ? undefined : object[found];
}

function scalarText(value: JsonValue | undefined): string | null {
  if (value === undefined || value === null) return null;
  if (value instanceof JsonNumber) return value.raw;
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return String(value);
  return null;
}

function readBool(value: JsonValue | undefined): boolean | null | 'invalid' {
  if (value === undefined || value === null) return null;
  if (typeof value === 'boolean') return value;
  const text =
    value instanceof JsonNumber
      ? value.raw
      : typeof value === 'string'
        ? value.trim().toLowerCase()
        : '';
  if (text === 'true' || text === '1') return true;
  if (text === 'false' || text === '0') return false;
  if (text === '') return typeof value === 'string' ? null : 'invalid';
  return 'invalid';
}

function isObject(value: JsonValue | undefined): value is JsonObject {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    !(value instanceof JsonNumber)
  );
}

/** Throws ForbiddenContentError on any field that carries imagery (the hash-only rule). */
function scanContent(value: JsonValue, path: JsonPath): void {
  if (Array.isArray(value)) return value.forEach((v, i) => scanContent(v, [...path, i]));
  if (isObject(value)) {
    for (const [key, child] of Object.entries(value)) {
      if (!key.includes('odata.')) scanContent(child, [...path, key]);
    }
    return;
  }
  const key = path.findLast((p): p is string => typeof p === 'string') ?? '';
  const reason = contentFieldReason(key, value instanceof JsonNumber ? value.raw : value);
  if (reason) throw forbidden(reason, path);
}

function forbidden(reason: string, path: JsonPath): ForbiddenContentError {
  const where = formatPath(path);
  return new ForbiddenContentError(`${where}: ${reason}; the whole file is refused`, [
    { path: where, reason },
  ]);
}
