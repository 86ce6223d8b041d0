import type { Command } from 'commander';
import { totpCode } from '#core/auth/totp.js';
import { ValidationError } from '#shared/errors.js';
import type { CliContext } from '../context.js';

/** `vigil totp SECRET`: the current TOTP code for a base32 secret (as an authenticator app shows). */
export function totpCommand(program: Command, ctx: CliContext): void {
  program
    .command('totp <secret>')
    .description('Print the current TOTP code for a base32 secret (e.g. a demo account)')
    .action((secret: string) => {
      if (!/^[A-Z2-7]+=*$/i.test(secret)) {
        throw new ValidationError('The secret must be base32', [
          { path: 'secret', reason: 'not base32' },
        ]);
      }
      ctx.stdout(totpCode(secret.toUpperCase(), new Date()));
    });
}
