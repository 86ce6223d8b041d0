import type { MatchHashType } from '#core/hashsets/hash-matcher.js';
import { canonicalHash } from '../canonical/hash.js';
import { canonicalIp } from '../canonical/ip.js';
import { canonicalTime } from '../canonical/timestamp.js';
import {
  bool,
  DocumentProblem,
  element,
  list,
  requiredText,
  text,
  texts,
  type Node,
} from './xml-read.js';
import { parseXml } from './xml-safety.js';

/** incidentType values of the NCMEC Reporting API schema (exact spelling). */
export const INCIDENT_TYPES = [
  'Child Pornography (possession, manufacture, and distribution)',
  'Child Sex Trafficking',
  'Child Sex Tourism',
  'Child Sexual Molestation',
  'Misleading Domain Name',
  'Misleading Words or Digital Images on the Internet',
  'Online Enticement of Children for Sexual Acts',
  'Unsolicited Obscene Material Sent to a Child',
] as const;

export type CybertipIpEvent = {
  subject: string;
  ip: string;
  port: number | null;
  eventName: string | null;
  at: Date | null;
  offset: string | null;
  possibleProxy: boolean | null;
};

/** The parts of a CyberTipline document that intake keeps. */
export type CybertipDocument = {
  kind: 'report' | 'file_details';
  reportId: string | null;
  incidentType: string | null;
  incidentAt: Date | null;
  content: Record<string, unknown>;
  ipEvents: CybertipIpEvent[];
  hashes: Array<{ hashType: MatchHashType; hash: string }>;
};

export type CybertipResult =
  { ok: true; value: CybertipDocument } | { ok: false; path: string; reason: string };

const REPORT_CHILDREN = [
  'incidentSummary',
  'internetDetails',
  'lawEnforcement',
  'reporter',
  'personOrUserReported',
  'intendedRecipient',
  'victim',
  'additionalInfo',
];
const PERSON_REPORTED = [
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
  'accountTemporarilyDisabled',
  'accountPermanentlyDisabled',
  'groupIdentifier',
  'thirdPartyUserReported',
  'priorCTReports',
];
const RECIPIENT = PERSON_REPORTED.map((k) =>
  k === 'personOrUserReportedPerson' ? 'intendedRecipientPerson' : k,
);
const PERSON = ['firstName', 'lastName', 'phone', 'email', 'address', 'age', 'dateOfBirth'];
const IP_EVENT = ['ipAddress', 'eventName', 'dateTime', 'possibleProxy', 'port'];
const EVENT_NAMES = ['Login', 'Registration', 'Purchase', 'Upload', 'Other', 'Unknown'];
const FILE_DETAILS = [
  'reportId',
  'fileId',
  'fileName',
  'originalFileName',
  'locationOfFile',
  'fileViewedByEsp',
  'exifViewedByEsp',
  'publiclyAvailable',
  'fileRelevance',
  'fileAnnotations',
  'industryClassification',
  'originalFileHash',
  'ipCaptureEvent',
  'deviceId',
  'details',
  'additionalInfo',
];
const HASH_TYPES: Record<string, MatchHashType> = {
  MD5: 'md5',
  SHA1: 'sha1',
  'SHA-1': 'sha1',
  SHA256: 'sha256',
  'SHA-256': 'sha256',
};

/** Parses and validates one `<report>` or `<fileDetails>` document; any bad value rejects it whole. */
export function parseCybertip(xml: string, now: Date): CybertipResult {
  const parsed = parseXml(xml);
  if (!parsed.ok) return { ok: false, ...parsed.problem };
  try {
    const roots = Object.keys(parsed.value);
    if (roots.length !== 1) throw new DocumentProblem('/', 'exactly one root element expected');
    if (roots[0] === 'report') return { ok: true, value: mapReport(parsed.value.report, now) };
    if (roots[0] === 'fileDetails') {
      return { ok: true, value: mapFileDetails(parsed.value.fileDetails, now) };
    }
    throw new DocumentProblem(
      `/${roots[0]}`,
      'root must be <report> or <fileDetails> (no namespace prefix)',
    );
  } catch (error) {
    if (error instanceof DocumentProblem) {
      return { ok: false, path: error.path, reason: error.reason };
    }
    throw error;
  }
}

function mapReport(value: unknown, now: Date): CybertipDocument {
  const report = element(value, '/report', REPORT_CHILDREN);
  const summary = element(report.incidentSummary, '/report/incidentSummary', [
    'incidentType',
    'platform',
    'escalateToHighPriority',
    'reportAnnotations',
    'incidentDateTime',
    'incidentDateTimeDescription',
  ]);
  const incidentType = requiredText(summary, 'incidentType', '/report/incidentSummary');
  if (!(INCIDENT_TYPES as readonly string[]).includes(incidentType)) {
    throw new DocumentProblem(
      '/report/incidentSummary/incidentType',
      `not an incidentType of the schema: "${incidentType}"`,
    );
  }
  const incidentAt = time(
    requiredText(summary, 'incidentDateTime', '/report/incidentSummary'),
    '/report/incidentSummary/incidentDateTime',
    now,
  );
  const ipEvents: CybertipIpEvent[] = [];
  const persons = list(report, 'personOrUserReported').map((raw, i) => {
    const path = `/report/personOrUserReported[${i}]`;
    const p = element(raw, path, PERSON_REPORTED);
    list(p, 'ipCaptureEvent').forEach((e, j) =>
      ipEvents.push(ipEvent(e, `${path}/ipCaptureEvent[${j}]`, `person[${i}]`, now)),
    );
    return {
      person: person(p.personOrUserReportedPerson, `${path}/personOrUserReportedPerson`),
      espIdentifier: text(p, 'espIdentifier', path),
      espService: text(p, 'espService', path),
      screenName: text(p, 'screenName', path),
      displayNames: texts(p, 'displayName', path).map((t) => t.value),
      profileUrls: texts(p, 'profileUrl', path).map((t) => t.value),
      deviceIds: list(p, 'deviceId').map((d, j) => deviceId(d, `${path}/deviceId[${j}]`, now)),
      estimatedLocation: location(p.estimatedLocation, `${path}/estimatedLocation`),
    };
  });
  const recipients = list(report, 'intendedRecipient').map((raw, i) => {
    const path = `/report/intendedRecipient[${i}]`;
    const p = element(raw, path, RECIPIENT);
    list(p, 'ipCaptureEvent').forEach((e, j) =>
      ipEvents.push(ipEvent(e, `${path}/ipCaptureEvent[${j}]`, `recipient[${i}]`, now)),
    );
    // Recipients are often children: their accounts are kept, of the person only the age.
    const who = person(p.intendedRecipientPerson, `${path}/intendedRecipientPerson`);
    return {
      age: who?.age ?? null,
      espIdentifier: text(p, 'espIdentifier', path),
      espService: text(p, 'espService', path),
      screenName: text(p, 'screenName', path),
      displayNames: texts(p, 'displayName', path).map((t) => t.value),
      profileUrls: texts(p, 'profileUrl', path).map((t) => t.value),
      deviceIds: list(p, 'deviceId').map((d, j) => deviceId(d, `${path}/deviceId[${j}]`, now)),
    };
  });
  // Victims: only how many and their stated ages (no names, addresses, schools or birth dates:
  // a lead-triage system has no need of them, and they are the most sensitive data in a tip).
  const victims = list(report, 'victim').map((raw, i) => {
    const path = `/report/victim[${i}]`;
    const v = raw as Node;
    if (typeof v !== 'object' || v === null) return { age: null };
    const who = person(v.victimPerson, `${path}/victimPerson`);
    return { age: who?.age ?? null };
  });
  const reporter = mapReporter(report.reporter);
  const p2p = list(report, 'internetDetails').flatMap((raw, i) => {
    const details = raw as Node;
    if (typeof details !== 'object' || details === null || !('peer2peerIncident' in details)) {
      return [];
    }
    const path = `/report/internetDetails[${i}]/peer2peerIncident`;
    const inc = element(details.peer2peerIncident, path, [
      'client',
      'ipCaptureEvent',
      'fileNames',
      'additionalInfo',
    ]);
    list(inc, 'ipCaptureEvent').forEach((e, j) =>
      ipEvents.push(ipEvent(e, `${path}/ipCaptureEvent[${j}]`, `p2p[${i}]`, now)),
    );
    return [{ client: text(inc, 'client', path), fileNames: text(inc, 'fileNames', path) }];
  });
  return {
    kind: 'report',
    reportId: null,
    incidentType,
    incidentAt: incidentAt.utc,
    content: {
      incidentType,
      incidentDateTime: incidentAt.iso,
      incidentOffset: incidentAt.offset,
      platform: text(summary, 'platform', '/report/incidentSummary'),
      escalateToHighPriority: text(summary, 'escalateToHighPriority', '/report/incidentSummary'),
      reportAnnotations: annotations(
        summary.reportAnnotations,
        '/report/incidentSummary/reportAnnotations',
      ),
      reportedPersons: persons,
      intendedRecipients: recipients,
      victims: { count: victims.length, ages: victims.map((v) => v.age) },
      reporter,
      peerToPeer: p2p,
    },
    ipEvents,
    hashes: [],
  };
}

function mapFileDetails(value: unknown, now: Date): CybertipDocument {
  const path = '/fileDetails';
  const fd = element(value, path, FILE_DETAILS);
  const reportId = requiredText(fd, 'reportId', path);
  const hashes = list(fd, 'originalFileHash').map((raw, i) => {
    const p = `${path}/originalFileHash[${i}]`;
    const node = raw as Node;
    const attr = typeof node === 'object' && node !== null ? node['@_hashType'] : undefined;
    // Own keys only: a value such as "constructor" must not reach Object.prototype.
    const hashType =
      typeof attr === 'string' && Object.hasOwn(HASH_TYPES, attr) ? HASH_TYPES[attr] : undefined;
    if (!hashType) throw new DocumentProblem(`${p}/@hashType`, 'hash type not MD5, SHA1 or SHA256');
    const hash = canonicalHash(hashType, requiredText({ v: raw }, 'v', p));
    if (!hash.ok) throw new DocumentProblem(p, hash.reason);
    return { hashType, hash: hash.hex };
  });
  const event =
    fd.ipCaptureEvent === undefined
      ? []
      : list(fd, 'ipCaptureEvent').map((e, i) =>
          ipEvent(e, `${path}/ipCaptureEvent[${i}]`, 'file', now),
        );
  const classification = text(fd, 'industryClassification', path);
  if (classification !== null && !['A1', 'A2', 'B1', 'B2'].includes(classification)) {
    throw new DocumentProblem(`${path}/industryClassification`, 'not A1, A2, B1 or B2');
  }
  return {
    kind: 'file_details',
    reportId,
    incidentType: null,
    incidentAt: null,
    content: {
      reportId,
      fileId: requiredText(fd, 'fileId', path),
      fileName: text(fd, 'fileName', path),
      originalFileName: text(fd, 'originalFileName', path),
      fileViewedByEsp: bool(text(fd, 'fileViewedByEsp', path), `${path}/fileViewedByEsp`),
      exifViewedByEsp: bool(text(fd, 'exifViewedByEsp', path), `${path}/exifViewedByEsp`),
      publiclyAvailable: bool(text(fd, 'publiclyAvailable', path), `${path}/publiclyAvailable`),
      industryClassification: classification,
      fileAnnotations: annotations(fd.fileAnnotations, `${path}/fileAnnotations`),
      deviceIds: list(fd, 'deviceId').map((d, i) => deviceId(d, `${path}/deviceId[${i}]`, now)),
    },
    ipEvents: event,
    hashes,
  };
}

/**
 * The reporting person at the ESP (a work contact for follow-up): name, phones and e-mails. The
 * rest of `<reporter>` (templates, terms of service, a contact person) is not kept.
 */
function mapReporter(value: unknown) {
  if (value === undefined) return null;
  const path = '/report/reporter';
  const r = value as Node;
  if (typeof r !== 'object' || r === null || Array.isArray(r)) {
    throw new DocumentProblem(path, 'expected an element with children');
  }
  const who = person(r.reportingPerson, `${path}/reportingPerson`);
  if (!who) return null;
  return {
    firstName: who.firstName,
    lastName: who.lastName,
    phones: who.phones,
    emails: who.emails,
  };
}

/**
 * The names of an annotations element's empty children (`<fileAnnotations><infant/></fileAnnotations>`
 * gives `['infant']`), sorted; the ESP's labels are kept as they are spelled.
 */
function annotations(value: unknown, path: string): string[] {
  if (value === undefined || value === '') return [];
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new DocumentProblem(path, 'expected empty annotation elements');
  }
  const names = Object.keys(value).filter((k) => !k.startsWith('@_'));
  for (const name of names) {
    if (!/^[A-Za-z][A-Za-z0-9]{0,63}$/.test(name)) {
      throw new DocumentProblem(`${path}/${name}`, 'not an annotation name');
    }
  }
  return names.sort();
}

function person(value: unknown, path: string) {
  if (value === undefined) return null;
  const p = element(value, path, PERSON);
  return {
    firstName: text(p, 'firstName', path),
    lastName: text(p, 'lastName', path),
    phones: texts(p, 'phone', path),
    emails: texts(p, 'email', path),
    age: text(p, 'age', path),
    dateOfBirth: text(p, 'dateOfBirth', path),
  };
}

function ipEvent(value: unknown, path: string, subject: string, now: Date): CybertipIpEvent {
  const e = element(value, path, IP_EVENT);
  const ip = canonicalIp(requiredText(e, 'ipAddress', path));
  if (!ip.ok) throw new DocumentProblem(`${path}/ipAddress`, ip.reason);
  const eventName = text(e, 'eventName', path);
  if (eventName !== null && !EVENT_NAMES.includes(eventName)) {
    throw new DocumentProblem(`${path}/eventName`, `not one of ${EVENT_NAMES.join(', ')}`);
  }
  const port = text(e, 'port', path);
  if (port !== null && (!/^[1-9]\d{0,4}$/.test(port) || Number(port) > 65535)) {
    throw new DocumentProblem(`${path}/port`, 'not an integer 1..65535');
  }
  const stamp = text(e, 'dateTime', path);
  const at = stamp === null ? null : time(stamp, `${path}/dateTime`, now);
  return {
    subject,
    ip: ip.ip,
    port: port === null ? null : Number(port),
    eventName,
    at: at?.utc ?? null,
    offset: at?.offset ?? null,
    possibleProxy: bool(text(e, 'possibleProxy', path), `${path}/possibleProxy`),
  };
}

function deviceId(value: unknown, path: string, now: Date) {
  const d = element(value, path, ['idType', 'idValue', 'eventName', 'dateTime']);
  const stamp = text(d, 'dateTime', path);
  return {
    idType: requiredText(d, 'idType', path),
    idValue: requiredText(d, 'idValue', path),
    eventName: text(d, 'eventName', path),
    dateTime: stamp === null ? null : time(stamp, `${path}/dateTime`, now).iso,
  };
}

function location(value: unknown, path: string) {
  if (value === undefined) return null;
  const l = element(value, path, ['city', 'region', 'countryCode', '@_verified']);
  const verified =
    typeof value === 'object' && value !== null
      ? ((value as Node)['@_verified'] as string | undefined)
      : undefined;
  return {
    city: text(l, 'city', path),
    region: text(l, 'region', path),
    countryCode: text(l, 'countryCode', path),
    verified: bool(verified ?? null, `${path}/@verified`),
  };
}

function time(value: string, path: string, now: Date) {
  const t = canonicalTime(value, now);
  if (!t.ok) throw new DocumentProblem(path, t.reason);
  return t;
}
