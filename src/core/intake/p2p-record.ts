import type { MatchHashType } from '#core/hashsets/hash-matcher.js';
import { canonicalHash, HASH_TYPES } from './canonical/hash.js';
import { canonicalIp } from './canonical/ip.js';
import { canonicalTime } from './canonical/timestamp.js';
import {
  EVIDENCE_KINDS,
  NETWORKS,
  observationId,
  P2P_FIELDS,
  REQUIRED_FIELDS,
  type Observation,
  type P2pField,
} from './observation.js';

/** One row's fields as text (absent or empty = not given). */
export type RawRecord = Partial<Record<P2pField, string>>;
export type RecordResult =
  { ok: true; value: Observation } | { ok: false; field: string; reason: string };

const MAX_TEXT = 1024;
// C0/C1 controls (tab, CR and LF included) and NUL: never part of a name or identifier.
// Control characters are exactly what this pattern must find.
// oxlint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

/** Whether a column or key name is one of the v1 fields. */
export function isP2pField(name: string): name is P2pField {
  return (P2P_FIELDS as readonly string[]).includes(name);
}

/** Validates one P2P log record and returns it canonicalised, or the first bad field and why. */
export function validateRecord(raw: RawRecord, now: Date): RecordResult {
  for (const field of REQUIRED_FIELDS) {
    if (!raw[field]) return bad(field, 'required');
  }
  const time = canonicalTime(raw.observed_at!, now);
  if (!time.ok) return bad('observed_at', time.reason);
  const network = raw.network as Observation['network'];
  if (!NETWORKS.includes(network)) return bad('network', `not one of ${NETWORKS.join(', ')}`);
  const ip = canonicalIp(raw.ip!);
  if (!ip.ok) return bad('ip', ip.reason);
  if (!/^[1-9]\d{0,4}$/.test(raw.port!) || Number(raw.port) > 65535) {
    return bad('port', 'not an integer 1..65535');
  }
  const hashType = raw.hash_type as MatchHashType;
  if (!(HASH_TYPES as readonly string[]).includes(hashType)) {
    return bad('hash_type', `not one of ${HASH_TYPES.join(', ')}`);
  }
  const hash = canonicalHash(hashType, raw.hash!);
  if (!hash.ok) return bad('hash', hash.reason);
  const evidenceKind = raw.evidence_kind as Observation['evidenceKind'];
  if (!EVIDENCE_KINDS.includes(evidenceKind)) {
    return bad('evidence_kind', `not one of ${EVIDENCE_KINDS.join(', ')}`);
  }
  for (const field of ['observer', 'client_name', 'file_name', 'evidence_ref'] as const) {
    const text = raw[field];
    if (text && (text.length > MAX_TEXT || CONTROL.test(text))) {
      return bad(field, `control characters or longer than ${MAX_TEXT}`);
    }
  }
  const clientId = raw.client_id || null;
  if (clientId && !/^([0-9A-Fa-f]{32}|[0-9A-Fa-f]{40})$/.test(clientId)) {
    return bad('client_id', 'not 32 or 40 hex digits');
  }
  const fileSize = raw.file_size || null;
  if (fileSize && !/^(0|[1-9]\d{0,15})$/.test(fileSize)) {
    return bad('file_size', 'not a non-negative integer');
  }
  const evidenceSha = raw.evidence_sha256 || null;
  if (evidenceSha && !/^[0-9A-Fa-f]{64}$/.test(evidenceSha)) {
    return bad('evidence_sha256', 'not 64 hex digits');
  }
  // One object per row (built once: this is the ingest hot path).
  const port = Number(raw.port);
  const value: Observation = {
    id: observationId({
      observedIso: time.iso,
      network,
      ip: ip.ip,
      port,
      hashType,
      hash: hash.hex,
      evidenceKind,
      observer: raw.observer!,
    }),
    observedAt: time.utc,
    observedIso: time.iso,
    observedOffset: time.offset,
    network,
    ip: ip.ip,
    port,
    clientId: clientId?.toLowerCase() ?? null,
    clientName: raw.client_name || null,
    hashType,
    hash: hash.hex,
    fileName: raw.file_name || null,
    fileSize: fileSize === null ? null : Number(fileSize),
    evidenceKind,
    observer: raw.observer!,
    evidenceRef: raw.evidence_ref || null,
    evidenceSha256: evidenceSha?.toLowerCase() ?? null,
  };
  return { ok: true, value };
}

function bad(field: string, reason: string): RecordResult {
  return { ok: false, field, reason };
}
