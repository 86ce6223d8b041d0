import { ValidationError } from '#shared/errors.js';
import { COMMON_PASSWORDS } from './common-passwords.js';

export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 256;

/**
 * NIST 800-63B / ASVS 6.2: length only (8..256 code points), no composition rules, and no password
 * that is (or merely decorates) a common one or contains a context word (username, name, agency,
 * "vigil"). Throws ValidationError with a reason, never echoing the password.
 */
export function assertAcceptablePassword(password: string, contextWords: string[]): void {
  const length = codePointLength(password);
  if (length < PASSWORD_MIN) throw fail(`shorter than ${PASSWORD_MIN} characters`);
  if (length > PASSWORD_MAX) throw fail(`longer than ${PASSWORD_MAX} characters`);
  const lower = password.toLowerCase();
  // 'Password1!' is 'password' decorated: strip leading/trailing digits and symbols too.
  const core = lower.replace(/^[^\p{L}]+|[^\p{L}]+$/gu, '');
  if (COMMON_PASSWORDS.has(lower) || COMMON_PASSWORDS.has(core)) {
    throw fail('a common or breached password');
  }
  if (new Set(lower).size < 3) throw fail('too repetitive');
  for (const word of [...contextWords, 'vigil']) {
    const w = word.toLowerCase().trim();
    if (w.length >= 4 && lower.includes(w)) {
      throw fail('contains the username, a name or the service name');
    }
  }
}

function fail(reason: string): ValidationError {
  return new ValidationError(`Password rejected: ${reason}`, [{ path: 'password', reason }]);
}

/** Length in Unicode code points, as NIST 800-63B counts password length. */
export function codePointLength(text: string): number {
  let n = 0;
  for (const _ of text) n += 1;
  return n;
}
