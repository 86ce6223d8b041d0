/**
 * @module Runs `vigil serve`: the HTTP role, the worker role, or both, over one core.
 */
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { createAdaptorServer } from '@hono/node-server';
import { createCore } from './app.js';
import { createHttpApp } from './http/app.js';
import { DEFAULT_UI_DIR, isUiBuilt, UI_MISSING_MESSAGE } from './http/static-ui.js';
import { ensureDemoWorld, withDemoEncryptionKey, type DemoState } from './demo.js';
import { ConfigError } from '#shared/errors.js';
import type { Config } from '#platform/config.js';
import type { Logger } from '#platform/logger.js';

const hasEncryptionKey = (config: Config) =>
  config.security.encryptionKey.value !== undefined ||
  config.security.encryptionKey.file !== undefined;

export type RunningServer = {
  url: string | undefined;
  stop: () => Promise<void>;
  /** The demo sign-ins, in demo mode. */
  demo: DemoState | undefined;
};

/**
 * Opens the database (taking the PGlite lock), migrates unless told not to, then starts the
 * configured roles. Throws ConfigError for roles PGlite cannot serve or a missing field-encryption
 * key outside demo mode, DataDirLockedError when another process holds the data directory.
 */
export async function startServer(
  config: Config,
  logger: Logger,
  options: { demo?: boolean } = {},
): Promise<RunningServer> {
  const hasHttp = config.roles.includes('http');
  const hasWorker = config.roles.includes('worker');
  if (config.database.kind === 'pglite' && !(hasHttp && hasWorker)) {
    throw new ConfigError(
      'The embedded database serves one process: --roles must be http,worker (use DATABASE_URL for separate roles)',
      [{ path: 'VIGIL_ROLES', reason: 'must include http and worker with the embedded database' }],
    );
  }
  // Checked before anything opens the database: demo data must never reach a server.
  if (options.demo && config.database.kind !== 'pglite') {
    throw new ConfigError('--demo never touches a PostgreSQL server: unset DATABASE_URL', [
      { path: 'DATABASE_URL', reason: 'not allowed with --demo' },
    ]);
  }
  // Outside demo mode, checked before anything is created: sealed fields (TOTP secrets, identities,
  // notes) would otherwise be stored in the clear.
  if (!options.demo && !hasEncryptionKey(config)) {
    throw new ConfigError(
      'vigil serve needs a field-encryption key outside demo mode: set VIGIL_ENCRYPTION_KEY_FILE (or VIGIL_ENCRYPTION_KEY) to 32 random bytes as hex or base64',
      [
        {
          path: 'VIGIL_ENCRYPTION_KEY_FILE',
          reason: 'required by `vigil serve` (only --demo makes its own)',
        },
      ],
    );
  }
  const core = await createCore(options.demo ? withDemoEncryptionKey(config) : config, { logger });
  let demo: DemoState | undefined;
  try {
    if (config.skipMigrations) {
      const health = await core.system.getHealth();
      if (health.migrations.pending > 0) {
        logger.warn(
          { pending: health.migrations.pending },
          'migrations pending; run `vigil migrate`',
        );
      }
    } else {
      const applied = await core.migrate();
      if (applied.length > 0) logger.info({ applied }, 'migrations applied');
    }
    await core.verifyEncryptionKey();
    await core.hashsets.loadIndex();
    if (options.demo && config.database.kind === 'pglite') {
      demo = await ensureDemoWorld(core, config.database.dataDir, logger);
    }
  } catch (error) {
    await core.close();
    throw error;
  }

  const worker = hasWorker ? core.createWorker(config.worker.pollMs) : undefined;
  if (worker) {
    // Signed checkpoints on a schedule: one now, then one per interval (audit.jobs.ts).
    if (await core.auditCheckpoints.scheduleNext(true)) {
      logger.info(
        { everyMinutes: core.auditCheckpoints.intervalMinutes },
        'audit checkpoints scheduled',
      );
    } else {
      logger.warn('no audit checkpoint signing key: scheduled checkpoints are off');
    }
  }
  worker?.start();

  let server: Server | undefined;
  let url: string | undefined;
  if (hasHttp) {
    const app = createHttpApp(core, {
      demo: Boolean(demo),
      proxy: {
        publicOrigin: config.http.publicOrigin,
        trustedProxies: config.http.trustedProxies,
      },
    });
    server = createAdaptorServer({ fetch: app.fetch }) as Server;
    // Explicit limits: slow clients must not hold sockets open forever.
    server.headersTimeout = 20_000;
    server.requestTimeout = 300_000;
    server.keepAliveTimeout = 5_000;
    await new Promise<void>((resolve, reject) => {
      server!.once('error', reject);
      server!.listen(config.http.port, config.http.host, () => resolve());
    });
    const address = server.address() as AddressInfo;
    const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
    url = `http://${host}:${address.port}`;
    if (!isUiBuilt(DEFAULT_UI_DIR)) logger.warn({ uiDir: DEFAULT_UI_DIR }, UI_MISSING_MESSAGE);
  }
  logger.info({ url, roles: config.roles, engine: core.handle.engine }, 'Vigil started');

  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      if (server) {
        const closed = new Promise<void>((resolve) => server!.close(() => resolve()));
        server.closeIdleConnections();
        await closed;
      }
      await worker?.stop();
      await core.close();
      logger.info('Vigil stopped');
    })());
  return { url, stop, demo };
}
