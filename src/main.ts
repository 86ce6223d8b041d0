/**
 * @module Process entry point: the only place besides the composition root that reads
 * process.env. Runs the CLI and sets the exit code.
 */
import { runCli } from '#cli/main.js';

process.on('unhandledRejection', (reason) => {
  // A stray rejection must not take down in-flight requests; it is a bug to log, not a crash.
  process.stderr.write(`unhandled rejection: ${(reason as Error)?.stack ?? String(reason)}\n`);
});

const code = await runCli(process.argv, {
  env: process.env,
  stdout: (text) => process.stdout.write(text.endsWith('\n') ? text : `${text}\n`),
  stderr: (text) => process.stderr.write(text),
  isTty: process.stderr.isTTY,
});
process.exitCode = code;
