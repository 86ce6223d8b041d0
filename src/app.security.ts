/**
 * @module The security part of the composition root: audit, accounts, sessions, tokens,
 * organisations and field encryption, built from config (kept apart so src/app.ts stays small).
 */
import type { Kysely } from 'kysely';
import { AuditReaderService } from '#core/audit/audit-reader.service.js';
import { AuditService } from '#core/audit/audit.service.js';
import { verifyAuditLog } from '#core/audit/audit-verifier.js';
import type { Checkpoint } from '#core/audit/checkpoint.js';
import { DEFAULT_POLICY, type SecurityDeps, type SecurityPolicy } from '#core/auth/auth.deps.js';
import { AuthService } from '#core/auth/auth.service.js';
import type { PasswordHasher } from '#core/auth/password-hasher.port.js';
import { SessionsService } from '#core/auth/sessions.service.js';
import { TokensService } from '#core/auth/tokens.service.js';
import type { FieldCipher } from '#core/crypto/field-cipher.port.js';
import { verifyEncryptionKey } from '#core/crypto/key-check.js';
import { OrganisationsService } from '#core/organisations/organisations.service.js';
import { UserAdmin } from '#core/users/user-admin.js';
import { UsersService } from '#core/users/users.service.js';
import type { Clock } from '#platform/clock.js';
import type { Config } from '#platform/config.js';
import { createAesGcmCipher, loadEncryptionKey } from '#platform/crypto/aes-gcm-cipher.js';
import { createArgon2Hasher, DEFAULT_ARGON2 } from '#platform/crypto/argon2-hasher.js';
import type { Database } from '#platform/db/tables.js';
import type { Logger } from '#platform/logger.js';

export type SecurityOptions = {
  policy?: Partial<SecurityPolicy>;
  /** Argon2 cost; tests lower it (the algorithm stays Argon2id). */
  argon2?: typeof DEFAULT_ARGON2;
  cipher?: FieldCipher;
  noticeText?: string;
  cookieSecure?: 'auto' | 'true' | 'false';
  auditSigningKey?: { value?: string; file?: string };
};

export const DEFAULT_NOTICE =
  'This is a restricted law-enforcement system. Use is monitored and audited; unauthorised use is an offence.';

/** Security options from the parsed config (reads the key file, never the environment). */
export function securityFromConfig(config: Config): SecurityOptions {
  const s = config.security;
  const key = loadEncryptionKey(s.encryptionKey);
  return {
    policy: {
      sessionIdleMs: s.sessionIdleMs,
      sessionAbsoluteMs: s.sessionAbsoluteMs,
      stepUpMs: s.stepUpMs,
      lockout: s.lockout,
      passwordRotationDays: s.passwordRotationDays,
    },
    ...(key ? { cipher: createAesGcmCipher(key) } : {}),
    noticeText: s.noticeText,
    cookieSecure: s.cookieSecure,
    auditSigningKey: s.auditSigningKey,
  };
}

export function buildSecurity(
  base: { db: Kysely<Database>; clock: Clock; logger: Logger },
  options: SecurityOptions = {},
) {
  const audit = new AuditService(base);
  const hasher: PasswordHasher = createArgon2Hasher(options.argon2 ?? DEFAULT_ARGON2);
  const policy: SecurityPolicy = { ...DEFAULT_POLICY, ...options.policy };
  const deps: SecurityDeps = { ...base, audit, hasher, cipher: options.cipher, policy };
  const admin = new UserAdmin(base.clock);
  const sessions = new SessionsService(deps);
  return {
    audit,
    auditReader: new AuditReaderService(audit),
    auth: new AuthService(deps, sessions),
    sessions,
    tokens: new TokensService(deps, admin),
    users: new UsersService(deps, admin),
    organisations: new OrganisationsService(deps),
    securitySettings: {
      policy,
      noticeText: options.noticeText ?? DEFAULT_NOTICE,
      cookieSecure: options.cookieSecure ?? 'auto',
      auditSigningKey: options.auditSigningKey ?? {},
    },
    /** Fails closed when encrypted data exists and the key is missing or wrong (run after migrate). */
    verifyEncryptionKey: () => verifyEncryptionKey(base.db, options.cipher),
    /** Walks the audit chain (optionally against a verified checkpoint). */
    verifyAudit: (checkpoint?: Checkpoint) => verifyAuditLog(base.db, checkpoint),
  };
}
