import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** A bearer secret from the CSPRNG: 256 bits, base64url, with a readable prefix. */
export function newSecretToken(prefix: 'vgs' | 'vgt'): string {
  return `${prefix}_${randomBytes(32).toString('base64url')}`;
}

/** What is stored: SHA-256 of the token (a DB leak does not yield usable sessions). */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

export function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
