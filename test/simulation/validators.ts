/**
 * Strict test-side readers of the simulator's outputs. They count what a strict ingest must reject,
 * by reason, so that truth.json's dirty expectations can be checked against an independent reader.
 */
import { isIP } from 'node:net';
import { parse } from 'csv-parse/sync';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import {
  ObservationRowSchema,
  isStrictIp,
  timestampProblem,
} from '#core/simulation/observation.schema.js';
// Parsed XML is untyped by nature; the checks below narrow each field they read.
// oxlint-disable-next-line typescript/no-explicit-any
type XmlNode = Record<string, any>;

import { INCIDENT_TYPES } from '#core/simulation/tips.js';

export type Outcome = {
  rejected: number;
  byReason: Record<string, number>;
  accepted: number;
  duplicates: number;
  formulaCells: number;
};

const empty = (): Outcome => ({
  rejected: 0,
  byReason: {},
  accepted: 0,
  duplicates: 0,
  formulaCells: 0,
});
const reject = (o: Outcome, reason: string) => {
  o.rejected++;
  o.byReason[reason] = (o.byReason[reason] ?? 0) + 1;
};
const CSV_CODES: Record<string, string> = {
  CSV_RECORD_INCONSISTENT_COLUMNS: 'ragged_row',
  CSV_RECORD_INCONSISTENT_FIELDS_LENGTH: 'ragged_row',
  INVALID_OPENING_QUOTE: 'stray_quote',
  CSV_QUOTE_NOT_CLOSED: 'unterminated_quote',
};

/** Reads an observation log strictly: csv-parse for RFC 4180 structure, ObservationRowSchema for fields. */
export function checkObservationsCsv(
  text: string,
): Outcome & { rows: Array<Record<string, string>> } {
  const out = empty();
  const rows: Array<Record<string, string>> = [];
  const seen = new Set<string>();
  const records = parse(text, {
    bom: true,
    columns: true,
    skip_records_with_error: true,
    on_skip: (err) => {
      reject(out, CSV_CODES[err?.code ?? ''] ?? `csv_${err?.code}`);
      return undefined;
    },
  }) as Array<Record<string, string>>;
  for (const record of records) {
    const result = ObservationRowSchema.safeParse(record);
    if (!result.success) {
      reject(out, result.error.issues[0]!.message);
      continue;
    }
    const key = JSON.stringify(record);
    if (seen.has(key)) {
      out.duplicates++;
      continue;
    }
    seen.add(key);
    out.accepted++;
    if (/^[=+\-@\t\r]/.test(record.file_name ?? '')) out.formulaCells++;
    rows.push(record);
  }
  return { ...out, rows };
}

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
const FORBIDDEN_FIELD = /thumb|image|photo(?!dna)|picture/i;

/** Reads a VICS hash set strictly; whole-file problems reject the file, Media problems reject the Media. */
export function checkVics(text: string): Outcome & { media: Array<Record<string, unknown>> } {
  const out = empty();
  const media: Array<Record<string, unknown>> = [];
  const whole = wholeFileProblem(text);
  if (whole) {
    reject(out, whole);
    return { ...out, media };
  }
  const doc = JSON.parse(text.replace(/^\uFEFF/, '')) as { value: Array<Record<string, unknown>> };
  for (const m of doc.value) {
    const problem = mediaProblem(m);
    if (problem) reject(out, problem);
    else {
      out.accepted++;
      media.push(m);
    }
  }
  return { ...out, media };
}

function wholeFileProblem(text: string): string | null {
  let doc: unknown;
  try {
    doc = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    return 'not_json';
  }
  // Every object of our files is written on one line; a key repeated inside one object is a duplicate.
  for (const line of text.split('\n')) {
    const keys = [...line.matchAll(/"((?:[^"\\]|\\.)*)"\s*:/g)].map((m) => m[1]!);
    if (keys.some((k) => FORBIDDEN_KEYS.has(k))) return 'forbidden_key';
    if (
      keys.some((k) => FORBIDDEN_FIELD.test(k)) ||
      /data:image\/|\/9j\/4AAQ|iVBORw0KGgo/.test(line)
    ) {
      return 'forbidden_content';
    }
    const top = keys.filter((k) => !['HashName', 'HashValue'].includes(k));
    if (new Set(top).size !== top.length) return 'duplicate_key';
  }
  const envelope = doc as Record<string, unknown>;
  if (typeof envelope['@odata.context'] !== 'string' || !Array.isArray(envelope.value)) {
    return 'envelope_invalid';
  }
  return null;
}

function mediaProblem(m: Record<string, unknown>): string | null {
  const md5 = m.MD5;
  if (md5 === null || md5 === undefined || md5 === '') return 'hash_missing';
  if (typeof md5 !== 'string') return 'hash_non_hex';
  if (md5.length !== 32) return 'hash_length';
  if (!/^[0-9a-fA-F]{32}$/.test(md5)) return 'hash_non_hex';
  if (m.SHA1 !== undefined && !(typeof m.SHA1 === 'string' && /^[0-9a-fA-F]{40}$/.test(m.SHA1))) {
    return 'hash_length';
  }
  const cat = m.Category;
  if (
    cat !== null &&
    cat !== undefined &&
    !(Number.isInteger(cat) && (cat as number) >= 0 && (cat as number) <= 4)
  ) {
    return 'category_invalid';
  }
  if (typeof m.MediaID === 'number' && !Number.isSafeInteger(m.MediaID)) return 'id_unsafe';
  return null;
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  processEntities: false,
  parseTagValue: false,
  isArray: (name) =>
    [
      'ipCaptureEvent',
      'internetDetails',
      'personOrUserReported',
      'originalFileHash',
      'deviceId',
    ].includes(name),
});
const REPORT_ORDER = [
  'incidentSummary',
  'internetDetails',
  'lawEnforcement',
  'reporter',
  'personOrUserReported',
  'intendedRecipient',
  'victim',
  'additionalInfo',
];
const PERSON_ORDER = [
  'personOrUserReportedPerson',
  'espIdentifier',
  'espService',
  'screenName',
  'displayName',
  'profileUrl',
  'ipCaptureEvent',
  'deviceId',
  'estimatedLocation',
  'additionalInfo',
];
const IP_ORDER = ['ipAddress', 'eventName', 'dateTime', 'possibleProxy', 'port'];

/** Reads one CyberTipline `<report>` or `<fileDetails>` document strictly; returns the reason it is rejected, or null. */
export function xmlProblem(xml: string): string | null {
  if (/<!DOCTYPE/i.test(xml)) return 'doctype_forbidden';
  if (/<\?(?!xml\s)[^?]*\?>/.test(xml)) return 'processing_instruction';
  if (XMLValidator.validate(xml) !== true) return 'not_well_formed';
  if ((xml.match(/&#/g) ?? []).length > 1000) return 'too_many_char_refs';
  if (/<\/?(__proto__|constructor|prototype)\b/.test(xml)) return 'forbidden_name';
  const doc = parser.parse(xml) as XmlNode;
  const report = doc.report;
  if (report) return reportProblem(xml, report);
  if (doc.fileDetails) {
    for (const h of doc.fileDetails.originalFileHash ?? []) {
      if (h['@_hashType'] === 'MD5' && !/^[0-9a-f]{32}$/i.test(h['#text'])) return 'hash_invalid';
    }
    return ipEventsProblem(doc.fileDetails.ipCaptureEvent ?? []);
  }
  return 'unknown_root';
}

function reportProblem(xml: string, report: XmlNode): string | null {
  if (!INCIDENT_TYPES.includes(report.incidentSummary?.incidentType)) {
    return 'incident_type_invalid';
  }
  if (timestampProblem(report.incidentSummary.incidentDateTime ?? '')) return 'datetime_invalid';
  if (
    !inOrder(
      Object.keys(report).filter((k) => !k.startsWith('@_')),
      REPORT_ORDER,
    )
  ) {
    return 'order_invalid';
  }
  for (const p of report.personOrUserReported ?? []) {
    if (!inOrder(Object.keys(p), PERSON_ORDER)) return 'order_invalid';
    const problem = ipEventsProblem(p.ipCaptureEvent ?? []);
    if (problem) return problem;
  }
  return xml.includes('<report') ? null : 'unknown_root';
}

function ipEventsProblem(events: Array<Record<string, string>>): string | null {
  for (const e of events) {
    if (!isStrictIp(e.ipAddress ?? '') || !isIP(e.ipAddress ?? '')) return 'ip_invalid';
    if (e.dateTime !== undefined && timestampProblem(e.dateTime)) return 'datetime_invalid';
    if (e.possibleProxy !== undefined && !['true', 'false'].includes(e.possibleProxy)) {
      return 'boolean_invalid';
    }
    if (e.port !== undefined && !(Number(e.port) >= 1 && Number(e.port) <= 65535)) {
      return 'port_invalid';
    }
    if (!inOrder(Object.keys(e), IP_ORDER)) return 'order_invalid';
  }
  return null;
}

const inOrder = (keys: string[], order: string[]) =>
  keys.every(
    (k, i) => order.includes(k) && (i === 0 || order.indexOf(keys[i - 1]!) <= order.indexOf(k)),
  );

/** Checks the TorDNSEL exit list line format; returns the offending lines. */
export function torProblems(text: string): string[] {
  const ts = '\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}';
  const patterns = [
    /^ExitNode [0-9A-F]{40}$/,
    new RegExp(`^Published ${ts}$`),
    new RegExp(`^LastStatus ${ts}$`),
    new RegExp(`^ExitAddress (\\S+) ${ts}$`),
  ];
  return text
    .trimEnd()
    .split('\n')
    .filter((line) => {
      const m = patterns.find((p) => p.test(line));
      if (!m) return true;
      const ip = /^ExitAddress (\S+)/.exec(line)?.[1];
      return ip !== undefined && isIP(ip) !== 4;
    });
}
