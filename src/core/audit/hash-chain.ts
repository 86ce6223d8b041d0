import { createHash } from 'node:crypto';

/** The prev_hash of the first entry. */
export const GENESIS_HASH = '0'.repeat(64);

/** hash = SHA-256(prev_hash || entry), over the exact stored text (UTF-8; entries are ASCII). */
export function chainHash(prevHash: string, entry: string): string {
  return createHash('sha256').update(prevHash, 'utf8').update(entry, 'utf8').digest('hex');
}
