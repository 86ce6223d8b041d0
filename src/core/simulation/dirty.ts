/**
 * Dirty mode: bad input of every class in security.md §8.1-8.3 that applies to our formats, planted
 * in counted, enumerated form so that ingest tests know exactly what must be rejected and why.
 */
import { OBSERVATION_COLUMNS } from './observations.js';
import type { PlantedLine } from './observations.js';
import { VICS_CONTEXT } from './hashsets.js';
import { csvField } from './encoding.js';

type Row = Record<(typeof OBSERVATION_COLUMNS)[number], string>;

/** A valid row that bad rows are derived from, one field at a time. */
export const TEMPLATE_ROW: Row = {
  observed_at: '2015-03-02T14:05:11.250Z',
  network: 'gnutella',
  ip: '142.51.231.17',
  port: '6346',
  client_id: '5A1F0C9E3B7D4E2F8A6C1B0D9E8F7A6B',
  client_name: 'LimeWire/5.5.16',
  hash_type: 'sha1',
  hash: 'VGMT4NSHA2AWVOR6EVYXQUGCNSONBWE5',
  file_name: 'dirty-template.avi',
  file_size: '73400320',
  evidence_kind: 'query_hit',
  observer: 'dirty-station',
  evidence_ref: '',
  evidence_sha256: '',
};

/** Each CSV class: the reason code a strict reader must give, and the field overrides (or raw line). */
export const CSV_BAD_ROWS: Array<{ reason: string; set?: Partial<Row>; raw?: string }> = [
  ...[
    '256.1.2.3',
    '127.1',
    '3232235777',
    '0xC0A80101',
    '010.001.1.1',
    '1.2.3.4:443',
    'fe80::1%eth0',
    '[2001:db8::1]:443',
    '1.2.3.0/24',
    '1.2.3.4.',
    'not-an-ip',
  ].map((ip) => ({ reason: 'ip_invalid', set: { ip } })),
  ...['2015-03-02T14:05:11', '2015-03-02 14:05:11'].map((t) => ({
    reason: 'timestamp_no_offset',
    set: { observed_at: t },
  })),
  ...['1425305111', '1425305111000', '42065.59'].map((t) => ({
    reason: 'timestamp_epoch',
    set: { observed_at: t },
  })),
  ...['03/04/2015 14:05', '2015-03-02T14:05:11 EST'].map((t) => ({
    reason: 'timestamp_ambiguous',
    set: { observed_at: t },
  })),
  ...['2015-02-30T10:00:00Z', '2015-13-01T10:00:00Z'].map((t) => ({
    reason: 'timestamp_invalid',
    set: { observed_at: t },
  })),
  ...['0', '65536', '-1', '4662.0', '+80', '70000'].map((port) => ({
    reason: 'port_invalid',
    set: { port },
  })),
  { reason: 'hash_length', set: { hash_type: 'md5', hash: 'a448017aaf21d8525fc10ae87aa6729' } },
  {
    reason: 'hash_length',
    set: { hash_type: 'sha1', hash: 'a9993e364706816aba3e25717850c26c9cd0d89d0' },
  },
  { reason: 'hash_non_hex', set: { hash_type: 'ed2k', hash: 'g448017aaf21d8525fc10ae87aa6729d' } },
  {
    reason: 'hash_non_hex',
    set: { hash_type: 'btih', hash: '0xa9993e364706816aba3e25717850c26c9cd0d8' },
  },
  { reason: 'hash_type_unknown', set: { hash_type: 'crc32', hash: '352441c2' } },
  ...['limewire', 'kazaa', 'Gnutella '].map((network) => ({
    reason: 'network_unknown',
    set: { network },
  })),
  ...['seen', 'download'].map((evidence_kind) => ({
    reason: 'evidence_kind_unknown',
    set: { evidence_kind },
  })),
  { reason: 'client_id_invalid', set: { client_id: 'not-a-hex-id' } },
  ...['1.23457E+15', '1,048,576', '-5'].map((file_size) => ({
    reason: 'file_size_invalid',
    set: { file_size },
  })),
  { reason: 'evidence_sha256_invalid', set: { evidence_sha256: 'abc123' } },
  { reason: 'control_character', set: { file_name: 'clip\u0000.avi' } },
  { reason: 'control_character', set: { observer: 'station\u001b[31m' } },
  { reason: 'required_missing', set: { observer: '' } },
  { reason: 'required_missing', set: { hash: '' } },
  { reason: 'ragged_row', raw: '2015-03-02T14:05:11Z,gnutella,142.51.231.17,6346' },
  { reason: 'ragged_row', raw: `${Object.values(TEMPLATE_ROW).join(',')},extra,columns` },
  {
    reason: 'stray_quote',
    raw: Object.values({ ...TEMPLATE_ROW, file_name: 'ab"cd.avi' }).join(','),
  },
];

/** Valid rows whose text field starts with a spreadsheet formula character: accepted, but export must escape them. */
export const CSV_FORMULA_ROWS: Array<Partial<Row>> = [
  { file_name: '=HYPERLINK("http://example.invalid","x")' },
  { file_name: "+cmd|' /C calc'!A0" },
  { file_name: '@SUM(1+1)' },
  { file_name: '-2+3' },
];

const UNTERMINATED = `${Object.values({ ...TEMPLATE_ROW, file_name: '"never closed.avi' }).join(',')}\n`;

/** Exact repeats of a valid row: duplicates, not rejections. */
export const CSV_DUPLICATES = 3;

const line = (set: Partial<Row>) =>
  `${OBSERVATION_COLUMNS.map((c) => csvField(set[c] ?? TEMPLATE_ROW[c])).join(',')}\n`;

/** The planted lines of observations.csv and the counts a strict reader must report. */
export function plantedObservationLines(): {
  lines: PlantedLine[];
  rejected: number;
  byReason: Record<string, number>;
  duplicates: number;
  formulaCells: number;
} {
  const byReason: Record<string, number> = {};
  const lines: PlantedLine[] = [];
  let after = 3;
  for (const bad of CSV_BAD_ROWS) {
    lines.push({ after, line: bad.raw !== undefined ? `${bad.raw}\n` : line(bad.set ?? {}) });
    byReason[bad.reason] = (byReason[bad.reason] ?? 0) + 1;
    after += 3;
  }
  for (const set of CSV_FORMULA_ROWS) {
    lines.push({ after: (after += 3), line: line({ ...set, observer: `formula-${after}` }) });
  }
  const dup = line({ observer: 'duplicated-row' });
  for (let i = 0; i <= CSV_DUPLICATES; i++) lines.push({ after: (after += 2), line: dup });
  lines.push({ after: Number.MAX_SAFE_INTEGER, line: UNTERMINATED });
  byReason.unterminated_quote = 1;
  return {
    lines,
    rejected: CSV_BAD_ROWS.length + 1,
    byReason,
    duplicates: CSV_DUPLICATES,
    formulaCells: CSV_FORMULA_ROWS.length,
  };
}

const REPORT_HEAD = '<?xml version="1.0" encoding="UTF-8"?>';
const goodReport = (summary: string, person = '<screenName>dirty</screenName>') =>
  `${REPORT_HEAD}<report><incidentSummary>${summary}</incidentSummary><reporter><reportingPerson><firstName>Trust</firstName></reportingPerson></reporter><personOrUserReported>${person}</personOrUserReported></report>`;
const CP =
  '<incidentType>Child Pornography (possession, manufacture, and distribution)</incidentType><incidentDateTime>2015-03-02T14:05:11Z</incidentDateTime>';

/** Whole-document XML rejections: file name, reason, text. */
export const XML_BAD_DOCS: Array<{ name: string; reason: string; xml: string }> = [
  {
    name: 'external-entity',
    reason: 'doctype_forbidden',
    xml: `${REPORT_HEAD}<!DOCTYPE report [<!ENTITY x SYSTEM "file:///etc/passwd">]><report>&x;</report>`,
  },
  {
    name: 'billion-laughs',
    reason: 'doctype_forbidden',
    xml: `${REPORT_HEAD}<!DOCTYPE r [<!ENTITY a "lol"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;">]><report>&c;</report>`,
  },
  {
    name: 'regex-entity-name',
    reason: 'doctype_forbidden',
    xml: `${REPORT_HEAD}<!DOCTYPE r [<!ENTITY l. "<">]><report>&l.;</report>`,
  },
  { name: 'truncated', reason: 'not_well_formed', xml: goodReport(CP).slice(0, 180) },
  { name: 'two-roots', reason: 'not_well_formed', xml: `${goodReport(CP)}<report></report>` },
  {
    name: 'stylesheet-pi',
    reason: 'processing_instruction',
    xml: `${REPORT_HEAD}<?xml-stylesheet href="http://127.0.0.1/x.xsl"?>${goodReport(CP).slice(REPORT_HEAD.length)}`,
  },
  {
    name: 'char-ref-flood',
    reason: 'too_many_char_refs',
    xml: goodReport(CP, `<screenName>${'&#x41;'.repeat(20_000)}</screenName>`),
  },
  {
    name: 'proto-element',
    reason: 'forbidden_name',
    xml: goodReport(CP, '<__proto__><polluted>true</polluted></__proto__>'),
  },
  {
    name: 'bad-incident-type',
    reason: 'incident_type_invalid',
    xml: goodReport(
      '<incidentType>Online Enticement of Children for Sexual Act</incidentType><incidentDateTime>2015-03-02T14:05:11Z</incidentDateTime>',
    ),
  },
  {
    name: 'bad-ip',
    reason: 'ip_invalid',
    xml: goodReport(CP, '<ipCaptureEvent><ipAddress>010.001.1.1</ipAddress></ipCaptureEvent>'),
  },
  {
    name: 'bad-date',
    reason: 'datetime_invalid',
    xml: goodReport(
      '<incidentType>Child Pornography (possession, manufacture, and distribution)</incidentType><incidentDateTime>2015-02-30T10:00:00Z</incidentDateTime>',
    ),
  },
  {
    name: 'no-offset',
    reason: 'datetime_invalid',
    xml: goodReport(
      CP,
      '<ipCaptureEvent><ipAddress>142.51.231.17</ipAddress><dateTime>2015-03-02T14:05:11</dateTime></ipCaptureEvent>',
    ),
  },
  {
    name: 'bad-boolean',
    reason: 'boolean_invalid',
    xml: goodReport(
      CP,
      '<ipCaptureEvent><ipAddress>142.51.231.17</ipAddress><possibleProxy>yes</possibleProxy></ipCaptureEvent>',
    ),
  },
  {
    name: 'bad-file-hash',
    reason: 'hash_invalid',
    xml: `${REPORT_HEAD}<fileDetails><reportId>1</reportId><fileId>F1</fileId><originalFileHash hashType="MD5">e86fdc2283aff4179685f2a918a769e</originalFileHash></fileDetails>`,
  },
];

const media = (extra: string) =>
  `{"MediaID":900001,"MD5":"0cc175b9c0f1b6a831c399e269772661","Category":1${extra}}`;
const envelope = (items: string[]) =>
  `{"@odata.context":${JSON.stringify(VICS_CONTEXT)},"value":[\n${items.join(',\n')}\n]}\n`;

/** Whole-file hash-set rejections (the file is refused outright). */
export const JSON_BAD_FILES: Array<{ name: string; reason: string; text: string }> = [
  { name: 'duplicate-keys', reason: 'duplicate_key', text: envelope([media(',"Category":4')]) },
  {
    name: 'proto-key',
    reason: 'forbidden_key',
    text: envelope([media(',"__proto__":{"isAdmin":true}')]),
  },
  {
    name: 'constructor-key',
    reason: 'forbidden_key',
    text: envelope([media(',"constructor":{"prototype":{"x":1}}')]),
  },
  {
    name: 'data-image',
    reason: 'forbidden_content',
    text: envelope([
      media(
        ',"Comments":"data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=="',
      ),
    ]),
  },
  {
    name: 'thumbnail-field',
    reason: 'forbidden_content',
    text: envelope([
      media(
        ',"Thumbnail":"/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAAgGBgcGBQgHBwcJCQgKDBQNDAsLDBkSEw8UHRofHh0aHBwgJC4nICIsIxwcKDcpLDAxNDQ0Hyc5PTgyPC4zNDL/"',
      ),
    ]),
  },
  {
    name: 'json5',
    reason: 'not_json',
    text: `{"@odata.context":${JSON.stringify(VICS_CONTEXT)},"value":[${media('')},]} // trailing comma\n`,
  },
];

/** Per-Media rejections inside one otherwise valid hash set; the valid Media are kept. */
export const JSON_BAD_MEDIA: Array<{ reason: string; text: string }> = [
  {
    reason: 'hash_length',
    text: '{"MediaID":900101,"MD5":"0cc175b9c0f1b6a831c399e26977266","Category":1}',
  },
  {
    reason: 'hash_non_hex',
    text: '{"MediaID":900102,"MD5":"zcc175b9c0f1b6a831c399e269772661","Category":1}',
  },
  {
    reason: 'hash_non_hex',
    text: '{"MediaID":900103,"MD5":"0x0cc175b9c0f1b6a831c399e2697726","Category":1}',
  },
  { reason: 'hash_missing', text: '{"MediaID":900104,"MD5":null,"Category":1}' },
  { reason: 'hash_missing', text: '{"MediaID":900105,"MD5":"","Category":1}' },
  {
    reason: 'category_invalid',
    text: '{"MediaID":900106,"MD5":"92eb5ffee6ae2fec3ad71c777531578f","Category":9}',
  },
  {
    reason: 'category_invalid',
    text: '{"MediaID":900107,"MD5":"4a8a08f09d37b73795649038408b5f33","Category":-1}',
  },
  {
    reason: 'id_unsafe',
    text: '{"MediaID":9007199254740993,"MD5":"8277e0910d750195b448797616e091ad","Category":1}',
  },
];

/** Valid Media in the per-Media file; the empty-file MD5 one is valid but should be flagged, never matched. */
export const JSON_GOOD_MEDIA = [
  '{"MediaID":900201,"MD5":"E1671797C52E15F763380B45E841EC32","Category":2,"Series":"Dirty Check 1"}',
  '{"MediaID":"900202","MD5":"d41d8cd98f00b204e9800998ecf8427e","Category":null}',
];

export const dirtyHashSetEntries = (): string =>
  envelope([...JSON_GOOD_MEDIA, ...JSON_BAD_MEDIA.map((m) => m.text)]);
