/**
 * @module The backup part of the composition root: the archive cipher from the configured
 * field-encryption key, and the engine's dump and load adapters.
 */
import { readFileSync } from 'node:fs';
import type { DatabaseDumper, DatabaseLoader } from '#core/backup/backup.ports.js';
import { BackupService } from '#core/backup/backup.service.js';
import type { Clock } from '#platform/clock.js';
import type { Config } from '#platform/config.js';
import { createAesGcmByteCipher } from '#platform/crypto/aes-gcm-bytes.js';
import { loadEncryptionKey } from '#platform/crypto/aes-gcm-cipher.js';
import { pgDumper, pgLoader } from '#platform/db/archive-pg.js';
import { pgliteDumper, pgliteLoader } from '#platform/db/archive-pglite.js';
import { readMigrations } from '#platform/db/migrate.js';
import { VERSION } from '#platform/version.js';
import { ConfigError } from '#shared/errors.js';
import type { Core } from './app.js';

/**
 * The backup service for this configuration. Backups are sealed with the field-encryption key
 * (never written into the archive): without one configured there is no backup.
 */
export function createBackupService(config: Config, clock: Clock): BackupService {
  const key = loadEncryptionKey(config.security.encryptionKey);
  if (!key) {
    throw new ConfigError(
      'Backups are encrypted with the field-encryption key: set VIGIL_ENCRYPTION_KEY_FILE (or VIGIL_ENCRYPTION_KEY)',
      [{ path: 'VIGIL_ENCRYPTION_KEY_FILE', reason: 'required for backup and restore' }],
    );
  }
  const signing = config.security.auditSigningKey;
  const checkpointKeyPem = signing.file ? readFileSync(signing.file, 'utf8') : signing.value;
  return new BackupService({
    version: VERSION,
    cipher: createAesGcmByteCipher(key),
    clock,
    knownMigrations: readMigrations().map((m) => m.version),
    ...(checkpointKeyPem ? { checkpointKeyPem } : {}),
  });
}

/** The dump adapter of the open core's engine. */
export function dumperFor(
  core: Core,
  config: Config,
  env: Record<string, string | undefined>,
): DatabaseDumper {
  const raw = core.handle.raw;
  if (raw.kind === 'pglite') return pgliteDumper(raw.pglite, core.handle.db);
  if (config.database.kind !== 'pg') throw new ConfigError('No PostgreSQL URL configured');
  return pgDumper(core.handle.db, config.database.url, pgTools(config, env));
}

/** The load adapter of the configured target (a data directory or a server database). */
export function loaderFor(
  config: Config,
  env: Record<string, string | undefined>,
  clock: Clock,
): DatabaseLoader {
  return config.database.kind === 'pg'
    ? pgLoader(config.database.url, pgTools(config, env))
    : pgliteLoader(config.database.dataDir, clock);
}

function pgTools(config: Config, env: Record<string, string | undefined>) {
  return { env, ...(config.backup.pgBinDir ? { binDir: config.backup.pgBinDir } : {}) };
}
