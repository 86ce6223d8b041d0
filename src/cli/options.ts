import type { Command } from 'commander';

/** `--data-dir` and `--database-url`, shared by every command that opens the database. */
export function databaseOptions(command: Command): Command {
  return command
    .option(
      '--data-dir <dir>',
      'embedded database directory (env VIGIL_DATA_DIR, default ./vigil-data)',
    )
    .option(
      '--database-url <url>',
      'PostgreSQL server URL instead of the embedded database (env DATABASE_URL)',
    )
    .option(
      '--log-level <level>',
      'fatal|error|warn|info|debug|trace|silent (env VIGIL_LOG_LEVEL)',
    );
}
