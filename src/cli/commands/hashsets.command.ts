import { createReadStream, statSync } from 'node:fs';
import { systemContext } from '#core/access/actor.js';
import { basename } from 'node:path';
import type { Command } from 'commander';
import { categoryPolicyView, formatCategoryPolicy } from '#core/hashsets/category-policy-view.js';
import { ImportOptionsSchema, type ImportSummary } from '#core/hashsets/hashsets.schema.js';
import { ValidationError } from '#shared/errors.js';
import { zodIssues } from '#shared/zod-error.js';
import { configFrom, withCore, type CliContext } from '../context.js';
import { databaseOptions } from '../options.js';
import { progressStream } from '../progress.js';

type ImportFlags = {
  format?: string;
  name?: string;
  kind?: string;
  scheme?: string;
  category?: string;
  caidMap?: string;
  strict?: boolean;
  json?: boolean;
  dataDir?: string;
  databaseUrl?: string;
  logLevel?: string;
};

export function hashsetsCommand(program: Command, ctx: CliContext): void {
  const hashsets = program.command('hashsets').description('Hash sets: import and list');
  databaseOptions(
    hashsets
      .command('import <file>')
      .description('Import a hash set file (VICS, NSRL, md5sum, sha1sum, hashdeep, PDQ)'),
  )
    .option(
      '--format <format>',
      'vics|nsrl|md5sum|sha1sum|sha256sum|hashdeep|pdq (detected when omitted)',
    )
    .option(
      '--name <name>',
      'set name (default: the file name); a new file under the same name replaces the set',
    )
    .option(
      '--kind <kind>',
      'known|benign: required for md5sum, sha1sum, sha256sum, hashdeep and PDQ lists (VICS is known, NSRL benign)',
    )
    .option('--scheme <scheme>', 'category scheme: vics_us|dhs|caid|caid_numeric|ncmec|custom')
    .option('--category <code>', 'one category for every entry of a flat list')
    .option(
      '--caid-map <pairs>',
      'UK/CAID numeric codes to grades, e.g. 1=A,2=B,3=C,4=non-indecent',
    )
    .option('--strict', 'refuse the whole file when any row is rejected')
    .option('--json', 'print the summary as JSON')
    .action(async (file: string, flags: ImportFlags) => {
      const parsed = ImportOptionsSchema.safeParse({
        format: flags.format,
        name: flags.name,
        kind: flags.kind,
        scheme: flags.scheme,
        category: flags.category,
        isStrict: flags.strict,
        caidCategoryMap: flags.caidMap ? parseMap(flags.caidMap) : undefined,
      });
      if (!parsed.success) throw new ValidationError('Invalid options', zodIssues(parsed.error));
      const size = fileSize(file);
      const config = configFrom(ctx, flags);
      const summary = await withCore(config, (core) =>
        core.hashsets.importHashSet(
          systemContext('cli', 'vigil-cli'),
          { fileName: basename(file), stream: progressStream(createReadStream(file), size, ctx) },
          parsed.data,
        ),
      );
      ctx.stdout(flags.json ? JSON.stringify(summary) : describeSummary(summary));
      if (summary.rejected > 0) {
        throw new ValidationError(
          `${summary.rejected} rows of ${file} were rejected (listed above)`,
        );
      }
    });

  databaseOptions(hashsets.command('list').description('List hash sets and their active versions'))
    .option('--json', 'print JSON')
    .action(async (flags: { json?: boolean; dataDir?: string; databaseUrl?: string }) => {
      const sets = await withCore(configFrom(ctx, flags), (core) =>
        core.hashsets.listHashSets(systemContext('cli', 'vigil-cli')),
      );
      ctx.stdout(
        flags.json
          ? JSON.stringify(sets)
          : sets
              .map(
                (s) =>
                  `${s.name}\t${s.kind}\tv${s.activeVersion ?? '-'}\t${s.entryCount} entries\t${s.format ?? ''}`,
              )
              .join('\n') || 'No hash sets.',
      );
    });

  // Static reference data from the code: no database to open.
  hashsets
    .command('policy')
    .description('Which hash-set categories make a lead (the others are shown, never scored)')
    .option('--json', 'print JSON')
    .action((flags: { json?: boolean }) => {
      const policy = categoryPolicyView();
      ctx.stdout(flags.json ? JSON.stringify(policy) : formatCategoryPolicy(policy));
    });
}

function fileSize(file: string): number {
  try {
    return statSync(file).size;
  } catch (error) {
    throw new ValidationError(`Cannot read ${file}`, [
      { path: file, reason: (error as Error).message },
    ]);
  }
}

function parseMap(text: string): Record<string, string> {
  return Object.fromEntries(
    text.split(',').map((pair) => pair.split('=').map((s) => s.trim()) as [string, string]),
  );
}

function describeSummary(s: ImportSummary): string {
  const lines = [
    `${s.name} (${s.kind}, ${s.format}) version ${s.version}${s.isChanged ? '' : ' (unchanged)'}: ` +
      `${s.imported} imported, ${s.updated} updated, ${s.duplicates} duplicates, ${s.rejected} rejected, ` +
      `${s.removed} removed, ${s.skipped} skipped, ${s.emptyFileHashes} empty-file hashes flagged`,
    ...s.errors.map((e) => `  ${e.position}: ${e.field}: ${e.reason}`),
  ];
  if (s.isErrorListTruncated) lines.push('  (more rows were rejected than listed)');
  return lines.join('\n');
}
