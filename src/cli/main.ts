/**
 * @module The CLI shell: command declarations only; each command calls the core.
 */
import { Command, CommanderError } from 'commander';
import { VERSION } from '#platform/version.js';
import { describeEnv } from '#platform/config.js';
import { hashsetsCommand } from './commands/hashsets.command.js';
import { matchCommand } from './commands/match.command.js';
import { attributionCommand } from './commands/attribution.command.js';
import { ingestCommand } from './commands/ingest.command.js';
import { jurisdictionCommand } from './commands/jurisdiction.command.js';
import { subjectsCommand } from './commands/subjects.command.js';
import { reportCommand } from './commands/report.command.js';
import { evaluateCommand } from './commands/evaluate.command.js';
import { migrateCommand } from './commands/migrate.command.js';
import { quarantineCommand } from './commands/quarantine.command.js';
import { serveCommand } from './commands/serve.command.js';
import { totpCommand } from './commands/totp.command.js';
import { simulateCommand } from './commands/simulate.command.js';
import { auditCommand } from './commands/audit.command.js';
import { backupCommand } from './commands/backup.command.js';
import { usersCommand } from './commands/users.command.js';
import type { CliContext } from './context.js';
import { describeError, EXIT_BAD_INPUT, exitCodeFor } from './exit-codes.js';

export function buildProgram(ctx: CliContext): Command {
  const program = new Command('vigil')
    .description('Vigil: hash-only lead triage and case coordination for ICE units')
    .version(VERSION, '-V, --version')
    .exitOverride()
    .configureOutput({ writeOut: ctx.stdout, writeErr: ctx.stderr })
    .addHelpText(
      'after',
      `\nEnvironment variables:\n${describeEnv()
        .map((v) => `  ${v.name.padEnd(24)} ${v.description}`)
        .join('\n')}`,
    );
  serveCommand(program, ctx);
  migrateCommand(program, ctx);
  ingestCommand(program, ctx);
  quarantineCommand(program, ctx);
  jurisdictionCommand(program, ctx);
  attributionCommand(program, ctx);
  simulateCommand(program, ctx);
  totpCommand(program, ctx);
  usersCommand(program, ctx);
  auditCommand(program, ctx);
  backupCommand(program, ctx);
  hashsetsCommand(program, ctx);
  matchCommand(program, ctx);
  subjectsCommand(program, ctx);
  reportCommand(program, ctx);
  evaluateCommand(program, ctx);
  return program;
}

/** Runs the CLI and returns the exit code (0 ok, 2 bad input or usage, 1 internal). */
export async function runCli(argv: string[], given: CliContext): Promise<number> {
  // An error starts on a line of its own, even after a progress bar or a partial line on stderr.
  let atLineStart = true;
  const ctx: CliContext = {
    ...given,
    stderr: (text) => {
      if (text.length > 0) atLineStart = text.endsWith('\n');
      given.stderr(text);
    },
  };
  const program = buildProgram(ctx);
  try {
    await program.parseAsync(argv);
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.exitCode === 0 ? 0 : EXIT_BAD_INPUT;
    }
    ctx.stderr(`${atLineStart ? '' : '\n'}${describeError(error)}\n`);
    return exitCodeFor(error);
  }
}
