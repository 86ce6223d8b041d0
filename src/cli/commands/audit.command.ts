import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import {
  generateSigningKey,
  readCheckpoint,
  verifyCheckpointExport,
} from '#core/audit/checkpoint.js';
import { ConfigError, IntegrityError, ValidationError } from '#shared/errors.js';
import type { Config } from '#platform/config.js';
import { loadSigningKey } from '#src/app.security.js';
import { CLI_CONTEXT, configFrom, withCore, type CliContext } from '../context.js';
import { databaseOptions } from '../options.js';

type DbFlags = { dataDir?: string; databaseUrl?: string; logLevel?: string; keyFile?: string };

/**
 * `vigil audit keygen|checkpoint|verify|export-checkpoints|verify-checkpoints`: signed checkpoints,
 * chain verification (audited as the CLI operator) and the off-machine check of an export.
 */
export function auditCommand(program: Command, ctx: CliContext): void {
  const audit = program
    .command('audit')
    .description('Tamper-evident audit log: keys, checkpoints, verification');

  audit
    .command('keygen')
    .description(
      'Write a new Ed25519 checkpoint signing key (FILE, mode 0600) and its public key (FILE.pub)',
    )
    .requiredOption(
      '--out <file>',
      'private key file; keep it off the database host or in a secret store',
    )
    .action((flags: { out: string }) => {
      const key = generateSigningKey();
      writeFileSync(flags.out, key.privatePem, { mode: 0o600, flag: 'wx' });
      chmodSync(flags.out, 0o600);
      writeFileSync(`${flags.out}.pub`, key.publicPem, { flag: 'wx' });
      ctx.stdout(
        `Wrote ${flags.out} and ${flags.out}.pub. Set VIGIL_AUDIT_SIGNING_KEY_FILE=${flags.out}.`,
      );
    });

  databaseOptions(
    audit
      .command('checkpoint')
      .description('Verify the chain, then export a signed checkpoint of its head'),
  )
    .requiredOption('--out <file>', 'where to write the checkpoint JSON (copy it off the box)')
    .option(
      '--key-file <file>',
      'signing key (env VIGIL_AUDIT_SIGNING_KEY_FILE or VIGIL_AUDIT_SIGNING_KEY)',
    )
    .action(async (flags: DbFlags & { out: string }) => {
      const config = configFrom(ctx, flags);
      const key = signingKey(config, flags.keyFile);
      await withCore(config, async (core) => {
        // Verified, signed, stored for export and audited (actor: the CLI operator).
        const signed = await core.auditCheckpoints.checkpoint(CLI_CONTEXT, key);
        writeFileSync(flags.out, `${JSON.stringify(signed, null, 2)}\n`);
        ctx.stdout(
          `Checkpoint: ${signed.checkpoint.treeSize} entries, head ${signed.checkpoint.headHash} -> ${flags.out}`,
        );
      });
    });

  databaseOptions(
    audit.command('verify').description('Walk the hash chain; report the first bad entry (exit 1)'),
  )
    .option(
      '--checkpoint <file>',
      'also detect truncation or rewriting against this signed checkpoint',
    )
    .option(
      '--public-key <file>',
      'public key (PEM) to check the checkpoint signature; default: the signing key',
    )
    .option(
      '--key-file <file>',
      'signing key, used for its public half when --public-key is absent',
    )
    .action(async (flags: DbFlags & { checkpoint?: string; publicKey?: string }) => {
      const config = configFrom(ctx, flags);
      const checkpoint = flags.checkpoint
        ? readCheckpoint(
            readFileSync(flags.checkpoint, 'utf8'),
            flags.publicKey
              ? readFileSync(flags.publicKey, 'utf8')
              : signingKey(config, flags.keyFile),
          )
        : undefined;
      await withCore(config, async (core) => {
        // The walk is itself audited (actor: the CLI operator), after it has read the chain.
        const result = await core.auditCheckpoints.verify(CLI_CONTEXT, checkpoint);
        if (!result.ok) {
          ctx.stdout(
            `FAIL: first bad entry ${result.firstBadSeq}: ${result.reason} (${result.size} entries verified before it)`,
          );
          throw new IntegrityError(`Audit log verification failed at entry ${result.firstBadSeq}`);
        }
        ctx.stdout(
          `OK: ${result.size} entries, head ${result.headHash}${checkpoint ? `, consistent with checkpoint of ${checkpoint.treeSize}` : ''}`,
        );
      });
    });

  databaseOptions(
    audit
      .command('export-checkpoints')
      .description(
        'Write the stored signed checkpoints and their public key to a file to copy off the machine (audited)',
      ),
  )
    .requiredOption('--out <file>', 'where to write the export (JSON)')
    .option('--since <time>', 'only checkpoints signed at or after this ISO time')
    .action(async (flags: DbFlags & { out: string; since?: string }) => {
      const config = configFrom(ctx, flags);
      const since = flags.since === undefined ? undefined : new Date(flags.since);
      if (since && Number.isNaN(since.getTime())) {
        throw new ValidationError('--since is not a date/time');
      }
      await withCore(config, async (core) => {
        const exported = await core.auditCheckpoints.exportCheckpoints(CLI_CONTEXT, since);
        writeFileSync(flags.out, `${JSON.stringify(exported, null, 2)}\n`, { flag: 'wx' });
        const last = exported.checkpoints.at(-1)?.checkpoint;
        ctx.stdout(
          `Exported ${exported.checkpoints.length} checkpoints${last ? ` (latest: ${last.treeSize} entries at ${last.time})` : ''} -> ${flags.out}`,
        );
      });
    });

  audit
    .command('verify-checkpoints <file>')
    .description(
      'Check an export with a public key alone (no database): signatures, sizes that never go back, one head per size',
    )
    .requiredOption(
      '--public-key <file>',
      'the public key you trust (PEM), never the one in the file',
    )
    .action((file: string, flags: { publicKey: string }) => {
      const result = verifyCheckpointExport(
        readFileSync(file, 'utf8'),
        readFileSync(flags.publicKey, 'utf8'),
      );
      const last = result.latest;
      ctx.stdout(
        last
          ? `OK: ${result.count} checkpoints; chain head ${last.headHash} at ${last.treeSize} entries, signed ${last.time}`
          : 'OK: the export holds no checkpoints',
      );
    });
}

function signingKey(config: Config, file: string | undefined): string {
  if (file) return readFileSync(file, 'utf8');
  const key = loadSigningKey(config);
  if (key) return key;
  throw new ConfigError(
    'No checkpoint signing key: pass --key-file, set VIGIL_AUDIT_SIGNING_KEY_FILE or put audit-signing.key in the data directory',
  );
}
