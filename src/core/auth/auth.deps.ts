import type { Kysely } from 'kysely';
import type { Clock } from '#platform/clock.js';
import type { Database } from '#platform/db/tables.js';
import type { AuditService } from '#core/audit/audit.service.js';
import type { FieldCipher } from '#core/crypto/field-cipher.port.js';
import type { PasswordHasher } from './password-hasher.port.js';

/** The security policy the services enforce (from config; tests shorten nothing but the clock). */
export type SecurityPolicy = {
  sessionIdleMs: number;
  sessionAbsoluteMs: number;
  stepUpMs: number;
  lockout: { threshold: number; windowMs: number; autoReleaseMs: number };
  passwordRotationDays: number;
};

export const DEFAULT_POLICY: SecurityPolicy = {
  sessionIdleMs: 30 * 60_000,
  sessionAbsoluteMs: 12 * 3_600_000,
  stepUpMs: 5 * 60_000,
  lockout: { threshold: 5, windowMs: 15 * 60_000, autoReleaseMs: 0 },
  passwordRotationDays: 0,
};

/** What the account and authentication services share. */
export type SecurityDeps = {
  db: Kysely<Database>;
  clock: Clock;
  audit: AuditService;
  hasher: PasswordHasher;
  cipher: FieldCipher | undefined;
  policy: SecurityPolicy;
};

const TOTP_CONTEXT = 'app_user.totp_secret';

/** TOTP secrets are sealed with the field cipher when a key is configured. */
export function sealTotp(deps: SecurityDeps, secret: string): string {
  return deps.cipher ? deps.cipher.seal(secret, TOTP_CONTEXT) : `plain:${secret}`;
}

export function openTotp(deps: SecurityDeps, stored: string): string {
  if (stored.startsWith('plain:')) return stored.slice('plain:'.length);
  if (!deps.cipher) throw new Error('TOTP secret is encrypted but no key is configured');
  return deps.cipher.open(stored, TOTP_CONTEXT);
}
