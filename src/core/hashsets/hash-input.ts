import type { HashEntryType } from '#platform/db/tables.js';
import { base32ToHex, checkHex } from './hash-values.js';

/** One way to read a user-supplied hash: a type and the hex to look up. */
export type HashCandidate = { type: HashEntryType | 'btmh'; hex: string };

const PREFIXED = /^(md5|sha1|sha256|ed2k|btih|btmh|pdq):(.+)$/i;

/**
 * Reads one hash as typed by a user: `type:hex`, `urn:sha1:`/`urn:btih:` (hex or base32),
 * `urn:btmh:1220<hex>`, or bare hex (32 = md5 or ed2k, 40 = sha1, 64 = sha256; PDQ needs `pdq:`),
 * or 32 base32 characters (sha1). Returns the candidates, or a reason.
 */
export function readHashInput(input: string): HashCandidate[] | { reason: string } {
  const text = input.trim();
  const urn = /^urn:(sha1|btih|btmh):(.+)$/i.exec(text);
  if (urn) return typed(urn[1]!.toLowerCase(), urn[2]!);
  const prefixed = PREFIXED.exec(text);
  if (prefixed) return typed(prefixed[1]!.toLowerCase(), prefixed[2]!);
  if (/^[0-9a-f]{32}$/i.test(text)) {
    const hex = text.toLowerCase();
    return [
      { type: 'md5', hex },
      { type: 'ed2k', hex },
    ];
  }
  if (/^[0-9a-f]{40}$/i.test(text)) return [{ type: 'sha1', hex: text.toLowerCase() }];
  if (/^[0-9a-f]{64}$/i.test(text)) return [{ type: 'sha256', hex: text.toLowerCase() }];
  if (/^[A-Z2-7]{32}$/i.test(text)) return [{ type: 'sha1', hex: base32ToHex(text)! }];
  return {
    reason:
      'not a recognised hash (hex of 32/40/64 digits, type:hex, urn:sha1:, urn:btih:, urn:btmh:)',
  };
}

function typed(type: string, value: string): HashCandidate[] | { reason: string } {
  if (type === 'btmh') {
    const m = /^1220([0-9a-f]{64})$/i.exec(value);
    return m
      ? [{ type: 'btmh', hex: m[1]!.toLowerCase() }]
      : { reason: 'btmh must be 1220 + 64 hex' };
  }
  const t = type as HashEntryType;
  if ((t === 'sha1' || t === 'btih') && /^[A-Z2-7]{32}$/i.test(value)) {
    return [{ type: t, hex: base32ToHex(value)! }];
  }
  const checked = checkHex(t, value);
  return 'reason' in checked ? { reason: checked.reason } : [{ type: t, hex: checked.hex }];
}
