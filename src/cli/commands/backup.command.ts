import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { createBackupService, dumperFor, loaderFor } from '#src/app.backup.js';
import { systemClock } from '#platform/clock.js';
import { ConflictError, ValidationError } from '#shared/errors.js';
import { configFrom, withAuditedCore, type CliContext } from '../context.js';
import { databaseOptions } from '../options.js';

type DbFlags = { dataDir?: string; databaseUrl?: string; logLevel?: string };

/** `vigil backup --out FILE` and `vigil restore FILE`: encrypted, verified backups. */
export function backupCommand(program: Command, ctx: CliContext): void {
  databaseOptions(
    program
      .command('backup')
      .description(
        'Write an encrypted backup (AES-256-GCM, field-encryption key) with a manifest, then verify it',
      ),
  )
    .requiredOption('--out <file>', 'the archive to write (refused if it exists)')
    .action(async (flags: DbFlags & { out: string }) => {
      if (existsSync(flags.out)) {
        throw new ConflictError(`${flags.out} exists; choose another --out`);
      }
      // A backup copies the database as it is: no migration first.
      const config = configFrom(ctx, { ...flags, skipMigrations: true });
      const service = createBackupService(config, systemClock);
      const partial = `${flags.out}.partial`;
      await withAuditedCore(
        config,
        { action: 'system.backup', category: 'disclosure' },
        async (core) => {
          const { archive, manifest } = await service.createBackup(
            dumperFor(core, config, ctx.env),
          );
          try {
            writeFileSync(partial, archive, { flag: 'wx', mode: 0o600 });
            // Verified as written: read back, decrypt, check the manifest and the dump's SHA-256.
            service.verifyArchive(readFileSync(partial));
            renameSync(partial, flags.out);
          } catch (error) {
            rmSync(partial, { force: true });
            throw error;
          }
          const rows = Object.values(manifest.rowCounts).reduce((a, b) => a + b, 0);
          ctx.stdout(
            `Backup written and verified: ${flags.out} (${archive.length} bytes, ${manifest.engine}, migration ${manifest.migrationLevel}, ${Object.keys(manifest.rowCounts).length} tables, ${rows} rows, audit head ${manifest.auditHead ? `${manifest.auditHead.seq} ${manifest.auditHead.hash}` : 'empty'}${manifest.lastCheckpoint ? ', signed checkpoint' : ''})`,
          );
        },
      );
    });

  databaseOptions(
    program
      .command('restore')
      .description(
        'Restore an encrypted backup into an empty data directory or database, then check it',
      )
      .argument('<file>', 'the archive written by `vigil backup`'),
  )
    .option('--force', 'replace a database that holds data (a data directory is moved aside)')
    .action(async (file: string, flags: DbFlags & { force?: boolean }) => {
      const config = configFrom(ctx, flags);
      const service = createBackupService(config, systemClock);
      if (!existsSync(file)) throw new ValidationError(`${file} does not exist`);
      const report = await service.restore(
        readFileSync(file),
        loaderFor(config, ctx.env, systemClock),
        { replace: flags.force === true },
      );
      const m = report.manifest;
      ctx.stdout(
        `Restored ${file} (made ${m.createdAt} by Vigil ${m.vigilVersion}, migration ${m.migrationLevel}): ${report.tables} tables and ${report.rows} rows as in the manifest; audit chain verified, ${report.auditEntries} entries, head ${m.auditHead ? `${m.auditHead.seq} ${m.auditHead.hash}` : 'empty'}.`,
      );
    });
}
