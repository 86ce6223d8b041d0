import { hash, verify } from '@node-rs/argon2';
import type { PasswordHasher } from '#core/auth/password-hasher.port.js';

// @node-rs/argon2's const enum Algorithm.Argon2id (const enums cannot be imported here).
const ARGON2ID = 2;

/** OWASP's Argon2id baseline (19 MiB, 2 passes); tests pass a cheaper cost. */
export const DEFAULT_ARGON2 = { memoryCost: 19_456, timeCost: 2, parallelism: 1 };

/** Argon2id over the exact UTF-8 bytes of the password (no normalisation, no truncation). */
export function createArgon2Hasher(cost = DEFAULT_ARGON2): PasswordHasher {
  const options = { ...cost, algorithm: ARGON2ID };
  return {
    hash: (password) => hash(Buffer.from(password, 'utf8'), options),
    verify: async (stored, password) => {
      try {
        return await verify(stored, Buffer.from(password, 'utf8'));
      } catch {
        return false;
      }
    },
  };
}
