import { createHash } from 'node:crypto';
import type { Selectable } from 'kysely';
import type { FieldCipher } from '#core/crypto/field-cipher.port.js';
import type { ReferralTable } from '#platform/db/tables.js';
import { UnavailableError } from '#shared/errors.js';
import type { LeadPackage } from './lead-package.js';

export type ReferralRow = Selectable<ReferralTable>;

/** Bound as additional data, so a sealed package moved to another column does not open. */
const PACKAGE_CONTEXT = 'referral.package_sealed';
const PLAIN = 'plain:';

/** A lead package frozen for a referral: its exact JSON text, sealed, and that text's SHA-256. */
export type FrozenPackage = { sealed: string; sha256: string };

export const sha256Hex = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/**
 * Freezes a lead package as sent. The text is JSON.stringify of the package read back once, so
 * that JSON.stringify(JSON.parse(text)) === text: whoever parses the package (a browser, a
 * script) and serialises it again gets the exact bytes whose SHA-256 is recorded. Sealed with the
 * field key when one is configured (it may carry notes); `plain:` + text otherwise.
 */
export function freezePackage(pkg: LeadPackage, cipher: FieldCipher | undefined): FrozenPackage {
  const text = JSON.stringify(JSON.parse(JSON.stringify(pkg)));
  return {
    sealed: cipher ? cipher.seal(text, PACKAGE_CONTEXT) : `${PLAIN}${text}`,
    sha256: sha256Hex(text),
  };
}

/**
 * The package as sent, checked against its SHA-256 (a stored package that does not match is an
 * error, never served as if intact); UnavailableError when it is sealed and no key is configured.
 */
export function openPackage(
  frozen: FrozenPackage,
  cipher: FieldCipher | undefined,
): { text: string; pkg: LeadPackage } {
  let text: string;
  if (frozen.sealed.startsWith(PLAIN)) {
    text = frozen.sealed.slice(PLAIN.length);
  } else {
    if (!cipher) throw new UnavailableError('No encryption key is configured');
    text = cipher.open(frozen.sealed, PACKAGE_CONTEXT);
  }
  if (sha256Hex(text) !== frozen.sha256) {
    throw new Error('A stored referral package does not match its SHA-256');
  }
  return { text, pkg: JSON.parse(text) as LeadPackage };
}

/** The frozen package of a referral row, when it has one (referrals made before 0014 may not). */
export function frozenOf(row: ReferralRow): FrozenPackage | undefined {
  return row.packageSealed !== null && row.packageSha256 !== null
    ? { sealed: row.packageSealed, sha256: row.packageSha256 }
    : undefined;
}
