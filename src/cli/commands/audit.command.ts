import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { generateSigningKey, readCheckpoint, signCheckpoint } from '#core/audit/checkpoint.js';
import { ConfigError, IntegrityError } from '#shared/errors.js';
import type { Config } from '#platform/config.js';
import { configFrom, withCore, type CliContext } from '../context.js';
import { databaseOptions } from '../options.js';

type DbFlags = { dataDir?: string; databaseUrl?: string; logLevel?: string; keyFile?: string };

/** `vigil audit keygen|checkpoint|verify`: signed checkpoints and chain verification. */
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
        const result = await core.verifyAudit();
        if (!result.ok) {
          throw new IntegrityError(
            `Audit log broken at entry ${result.firstBadSeq}: ${result.reason}; no checkpoint written`,
          );
        }
        const signed = signCheckpoint(key, {
          treeSize: result.size,
          headHash: result.headHash,
          time: core.clock.now(),
        });
        writeFileSync(flags.out, `${JSON.stringify(signed, null, 2)}\n`);
        ctx.stdout(`Checkpoint: ${result.size} entries, head ${result.headHash} -> ${flags.out}`);
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
        const result = await core.verifyAudit(checkpoint);
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
}

function signingKey(config: Config, file: string | undefined): string {
  const source = config.security.auditSigningKey;
  const path = file ?? source.file;
  if (path) return readFileSync(path, 'utf8');
  if (source.value) return source.value;
  throw new ConfigError(
    'No checkpoint signing key: pass --key-file or set VIGIL_AUDIT_SIGNING_KEY_FILE',
  );
}
