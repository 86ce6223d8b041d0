import { isIP } from 'node:net';
import { z } from 'zod';

/**
 * Strict field rules of the P2P observation log v1 (shared/specs/p2p-observations.md) for one CSV
 * record of strings. Each issue's message is a stable reason code (`ip_invalid`, `port_invalid`, ...)
 * so that rejection counts can be compared by reason. Canonicalisation is the ingest's job.
 */
const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;
// C0 controls (except tab, LF, CR) and DEL never belong in a log field; matching them is the point.
// oxlint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
const HEX = /^[0-9a-fA-F]+$/;
const BASE32_SHA1 = /^[A-Z2-7]{32}$/i;
const HASH_HEX_LENGTH: Record<string, number> = {
  md5: 32,
  ed2k: 32,
  sha1: 40,
  btih: 40,
  sha256: 64,
  btmh: 68,
};

/** Classifies a timestamp string: null when it is a valid RFC 3339 instant with an offset. */
export function timestampProblem(value: string): string | null {
  const m = RFC3339.exec(value);
  if (m) {
    const [y, mo, d, h, mi, s] = m.slice(1, 7).map(Number) as [
      number,
      number,
      number,
      number,
      number,
      number,
    ];
    const date = new Date(Date.UTC(y, mo - 1, d, h, mi, s));
    const real =
      date.getUTCFullYear() === y &&
      date.getUTCMonth() === mo - 1 &&
      date.getUTCDate() === d &&
      h < 24 &&
      mi < 60 &&
      s < 60;
    return real ? null : 'timestamp_invalid';
  }
  if (/^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(value)) {
    return 'timestamp_no_offset';
  }
  if (/^\d+(\.\d+)?$/.test(value)) return 'timestamp_epoch';
  return value === '' ? 'required_missing' : 'timestamp_ambiguous';
}

/** Whether a string is an IP literal the spec accepts (dotted-quad without leading zeros, or IPv6 without zone). */
export function isStrictIp(value: string): boolean {
  if (isIP(value) === 4) return value.split('.').every((o) => o === '0' || !o.startsWith('0'));
  return isIP(value) === 6 && !value.includes('%');
}

const text = z.string().refine((v) => !CONTROL.test(v), 'control_character');
const required = <T extends z.ZodType<unknown, string>>(s: T) =>
  z.string().min(1, 'required_missing').pipe(s);

/** One observation row as strings (a parsed CSV record or a JSON Lines object). */
export const ObservationRowSchema = z
  .strictObject({
    observed_at: z.string().superRefine((v, ctx) => {
      const problem = timestampProblem(v);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    }),
    network: required(
      z.enum(['gnutella', 'ed2k', 'kad', 'bittorrent', 'other'], { message: 'network_unknown' }),
    ),
    ip: required(z.string().refine(isStrictIp, 'ip_invalid')),
    port: required(
      z.string().refine((v) => /^[1-9]\d{0,4}$/.test(v) && Number(v) <= 65535, 'port_invalid'),
    ),
    client_id: z
      .string()
      .refine((v) => v === '' || HEX.test(v), 'client_id_invalid')
      .optional(),
    client_name: text.optional(),
    hash_type: required(
      z.enum(['md5', 'sha1', 'sha256', 'ed2k', 'btih', 'btmh'], { message: 'hash_type_unknown' }),
    ),
    hash: required(z.string()),
    file_name: text.optional(),
    file_size: z
      .string()
      .refine((v) => v === '' || /^(0|[1-9]\d*)$/.test(v), 'file_size_invalid')
      .optional(),
    evidence_kind: required(
      z.enum(['query_hit', 'browse_host', 'swarm_announce', 'download_verified'], {
        message: 'evidence_kind_unknown',
      }),
    ),
    observer: required(text),
    evidence_ref: text.optional(),
    evidence_sha256: z
      .string()
      .refine((v) => v === '' || /^[0-9a-fA-F]{64}$/.test(v), 'evidence_sha256_invalid')
      .optional(),
  })
  .superRefine((row, ctx) => {
    const problem = hashProblem(row.hash_type, row.hash);
    if (problem) ctx.addIssue({ code: 'custom', path: ['hash'], message: problem });
  });

/** Checks a hash against its declared type: length first, then the alphabet. */
export function hashProblem(type: string, hash: string): string | null {
  if (hash === '') return null; // reported as required_missing
  if (type === 'sha1' && hash.length === 32) return BASE32_SHA1.test(hash) ? null : 'hash_non_hex';
  const want = HASH_HEX_LENGTH[type];
  if (want === undefined) return null; // reported as hash_type_unknown
  if (hash.length !== want) return 'hash_length';
  if (!HEX.test(hash)) return 'hash_non_hex';
  if (type === 'btmh' && !hash.startsWith('1220')) return 'hash_invalid';
  return null;
}

export type ObservationRow = z.infer<typeof ObservationRowSchema>;
