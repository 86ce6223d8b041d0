import type { Command } from 'commander';
import { configFrom, withCore, type CliContext } from '../context.js';
import { databaseOptions } from '../options.js';

export function migrateCommand(program: Command, ctx: CliContext): void {
  databaseOptions(
    program.command('migrate').description('Apply pending database migrations and report them'),
  )
    .option('--json', 'print the result as JSON')
    .action(async (flags: { json?: boolean; dataDir?: string; databaseUrl?: string }) => {
      const config = configFrom(ctx, { ...flags, skipMigrations: true });
      await withCore(
        config,
        async (core) => {
          const applied = await core.migrate();
          const health = await core.system.getHealth();
          const result = { applied, total: health.migrations.applied, engine: health.engine };
          ctx.stdout(
            flags.json
              ? JSON.stringify(result)
              : applied.length === 0
                ? `Database is current (${result.total} migrations, ${result.engine}).`
                : `Applied migrations ${applied.join(', ')} (${result.total} in all, ${result.engine}).`,
          );
        },
        { verifyKey: false },
      );
    });
}
