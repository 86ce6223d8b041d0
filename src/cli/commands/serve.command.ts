import type { Command } from 'commander';
import { DEMO_DATA_DIR } from '#src/demo.constants.js';
import { configFrom, type CliContext } from '../context.js';
import { databaseOptions } from '../options.js';

export function serveCommand(program: Command, ctx: CliContext): void {
  databaseOptions(program.command('serve').description('Run the web server and the job worker'))
    .option('--host <address>', 'address to bind (env VIGIL_HOST, default 127.0.0.1)')
    .option('--port <port>', 'TCP port, 0 for any free one (env VIGIL_PORT, default 8080)')
    .option('--roles <roles>', 'http, worker or http,worker (env VIGIL_ROLES, default http,worker)')
    .option(
      '--skip-migrations',
      'do not apply pending migrations at start (env VIGIL_SKIP_MIGRATIONS)',
    )
    .option(
      '--demo',
      `demo mode: its own embedded database (default ${DEMO_DATA_DIR}), a synthetic world and demo accounts`,
    )
    .action(async (flags: Record<string, string | boolean | undefined>) => {
      const demo = flags.demo === true;
      const config = configFrom(ctx, {
        ...flags,
        ...(demo ? { dataDir: flags.dataDir ?? DEMO_DATA_DIR } : {}),
      });
      // The server's module graph loads only when serving (help and totp stay fast).
      const [{ createLogger }, { startServer }, { describeDemo }] = await Promise.all([
        import('#platform/logger.js'),
        import('#src/server.js'),
        import('#src/demo.js'),
      ]);
      const logger = createLogger(config.logLevel);
      const server = await startServer(config, logger, { demo });
      if (server.url && server.demo) ctx.stdout(describeDemo(server.url, server.demo));
      if (server.url) ctx.stdout(`Vigil is running at ${server.url}/ (Ctrl-C to stop)`);
      await new Promise<void>((resolve) => {
        const shutdown = (signal: string) => {
          logger.info({ signal }, 'shutting down');
          void server.stop().then(resolve, (error: unknown) => {
            logger.error({ err: error }, 'error during shutdown');
            resolve();
          });
        };
        process.once('SIGINT', shutdown);
        process.once('SIGTERM', shutdown);
      });
    });
}
