import { hash } from 'node:crypto';
import type { MatchHashType } from '#core/hashsets/hash-matcher.js';

export const NETWORKS = ['gnutella', 'ed2k', 'kad', 'bittorrent', 'other'] as const;
export const EVIDENCE_KINDS = [
  'query_hit',
  'browse_host',
  'swarm_announce',
  'download_verified',
] as const;

/** The fields of P2P observation log v1 (docs/INTAKE.md). */
export const P2P_FIELDS = [
  'observed_at',
  'network',
  'ip',
  'port',
  'client_id',
  'client_name',
  'hash_type',
  'hash',
  'file_name',
  'file_size',
  'evidence_kind',
  'observer',
  'evidence_ref',
  'evidence_sha256',
] as const;
export type P2pField = (typeof P2P_FIELDS)[number];
export const REQUIRED_FIELDS: readonly P2pField[] = [
  'observed_at',
  'network',
  'ip',
  'port',
  'hash_type',
  'hash',
  'evidence_kind',
  'observer',
];

/** A validated observation in canonical form, before attribution. */
export type Observation = {
  id: string;
  observedAt: Date;
  observedIso: string;
  observedOffset: string;
  network: (typeof NETWORKS)[number];
  ip: string;
  port: number;
  clientId: string | null;
  clientName: string | null;
  hashType: MatchHashType;
  hash: string;
  fileName: string | null;
  fileSize: number | null;
  evidenceKind: (typeof EVIDENCE_KINDS)[number];
  observer: string;
  evidenceRef: string | null;
  evidenceSha256: string | null;
};

/**
 * The observation identity of the spec: SHA-256 (hex) over the canonical values of observed_at
 * (ISO UTC, milliseconds), network, ip, port, hash_type, hash, evidence_kind and observer, joined
 * by U+001F (a character no accepted value contains).
 */
export function observationId(
  o: Pick<
    Observation,
    'observedIso' | 'network' | 'ip' | 'port' | 'hashType' | 'hash' | 'evidenceKind' | 'observer'
  >,
): string {
  // crypto.hash: one native call, no Hash object per row (the ingest hot path).
  return hash(
    'sha256',
    `${o.observedIso}\u001f${o.network}\u001f${o.ip}\u001f${o.port}\u001f${o.hashType}\u001f` +
      `${o.hash}\u001f${o.evidenceKind}\u001f${o.observer}`,
    'hex',
  );
}
