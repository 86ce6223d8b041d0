/**
 * @module The security part of the composition root: audit, accounts, sessions, tokens,
 * organisations and field encryption, built from config (kept apart so src/app.ts stays small).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
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
  /** The checkpoint signing key (Ed25519 PEM), read from auditSigningKey or the data directory. */
  auditSigningKeyPem?: string;
  auditCheckpointMinutes?: number;
};

/** The checkpoint key file Vigil looks for in the data directory when no other is configured. */
export const DATA_DIR_SIGNING_KEY = 'audit-signing.key';

/** The signing key's PEM: the env value, the named file, else audit-signing.key in the data dir. */
export function loadSigningKey(config: Config): string | undefined {
  const { value, file } = config.security.auditSigningKey;
  if (value) return value;
  if (file) return readFileSync(file, 'utf8');
  if (config.database.kind !== 'pglite') return undefined;
  const inDataDir = join(config.database.dataDir, DATA_DIR_SIGNING_KEY);
  return existsSync(inDataDir) ? readFileSync(inDataDir, 'utf8') : undefined;
}

export const DEFAULT_NOTICE =
  'This is a restricted law-enforcement system. Use is monitored and audited; unauthorised use is an offence.';

/** Security options from the parsed config (reads the key file, never the environment). */
export function securityFromConfig(config: Config): SecurityOptions {
  const s = config.security;
  const key = loadEncryptionKey(s.encryptionKey);
  const signingKey = loadSigningKey(config);
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
    ...(signingKey ? { auditSigningKeyPem: signingKey } : {}),
    auditCheckpointMinutes: s.auditCheckpointMinutes,
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
