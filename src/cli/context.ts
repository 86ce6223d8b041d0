import type { Core } from '#src/app.js';
import { systemContext } from '#core/access/actor.js';
import type { AuditCategory } from '#core/audit/audit.schema.js';
import type { AuditNote } from '#core/audit/audit.service.js';
import { loadConfig, type Config } from '#platform/config.js';
import type { Logger } from '#platform/logger.js';

/** What every command gets: the process environment (read once by src/main.ts) and output. */
export type CliContext = {
  env: Record<string, string | undefined>;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Whether stderr is a terminal (progress bars draw only there). */
  isTty?: boolean;
};

/** Options that stand for an environment variable: `--port` for VIGIL_PORT and so on. */
export function configFrom(
  ctx: CliContext,
  flags: Record<string, string | number | boolean | undefined>,
): Config {
  const overrides: Record<string, string> = {};
  for (const [flag, envName] of Object.entries(FLAG_ENV)) {
    const value = flags[flag];
    if (value !== undefined) overrides[envName] = String(value);
  }
  return loadConfig({ ...ctx.env, ...overrides });
}

const FLAG_ENV: Record<string, string> = {
  dataDir: 'VIGIL_DATA_DIR',
  databaseUrl: 'DATABASE_URL',
  host: 'VIGIL_HOST',
  port: 'VIGIL_PORT',
  roles: 'VIGIL_ROLES',
  logLevel: 'VIGIL_LOG_LEVEL',
  skipMigrations: 'VIGIL_SKIP_MIGRATIONS',
};

/** The CLI operator, as audit rows name it (trusted by host access to the data). */
export const CLI_CONTEXT = systemContext('cli', 'vigil-cli');

/**
 * `withCore` for a command that reads or changes investigative data: the command's work is
 * audited as one operation (`AuditService.record`: the result is printed only after its row
 * commits; a failure is recorded too).
 */
export function withAuditedCore<T>(
  config: Config,
  audit: { action: string; category: AuditCategory },
  fn: (core: Core, logger: Logger, note: AuditNote) => Promise<T>,
): Promise<T> {
  return withCore(config, (core, logger) =>
    core.audit.record(CLI_CONTEXT, audit.action, audit.category, (note) => fn(core, logger, note)),
  );
}

/** Opens the core for a one-shot command, runs `fn`, and always closes it. */
export async function withCore<T>(
  config: Config,
  fn: (core: Core, logger: Logger) => Promise<T>,
  /** `vigil migrate` itself skips the key check, which needs the migrated schema. */
  options: { verifyKey?: boolean } = {},
): Promise<T> {
  // Loaded here, not at the top: commands that need no database (help, totp) stay fast.
  const [{ createCore }, { createLogger }] = await Promise.all([
    import('#src/app.js'),
    import('#platform/logger.js'),
  ]);
  const logger = createLogger(config.logLevel);
  const core = await createCore(config, { logger });
  try {
    if (!config.skipMigrations) await core.migrate();
    if (options.verifyKey !== false) await core.verifyEncryptionKey();
    return await fn(core, logger);
  } finally {
    await core.close();
  }
}
