import { createReadStream, createWriteStream } from 'node:fs';
import { finished } from 'node:stream/promises';
import type { Command } from 'commander';
import { QuarantineQuerySchema } from '#core/intake/intake.schema.js';
import { ValidationError } from '#shared/errors.js';
import { QUARANTINE_EXPORT_MAX_ROWS } from '#core/intake/quarantine.service.js';
import { CLI_CONTEXT, configFrom, withAuditedCore, type CliContext } from '../context.js';
import { databaseOptions } from '../options.js';

type Flags = {
  import?: string;
  all?: boolean;
  limit?: string;
  json?: boolean;
  output?: string;
  dataDir?: string;
  databaseUrl?: string;
};

const query = (flags: Flags) =>
  QuarantineQuerySchema.parse({
    importId: flags.import,
    includeResolved: flags.all === true,
    limit: flags.limit ?? 100,
  });

export function quarantineCommand(program: Command, ctx: CliContext): void {
  const q = program.command('quarantine').description('Rejected rows and documents, kept verbatim');
  databaseOptions(q.command('list').description('List open quarantine entries'))
    .option('--import <id>', 'only this import')
    .option('--all', 'include resolved entries')
    .option('--limit <n>', 'at most this many (default 100)')
    .option('--json', 'print JSON')
    .action(async (flags: Flags) => {
      await withAuditedCore(
        configFrom(ctx, flags),
        { action: 'quarantine.list', category: 'consultation' },
        async (core) => {
          const rows = await core.quarantine.list(CLI_CONTEXT.actor, query(flags));
          ctx.stdout(
            flags.json
              ? JSON.stringify(rows)
              : rows.length === 0
                ? 'Quarantine is empty.'
                : rows
                    .map((r) => `${r.id}  ${r.fileName}:${r.line}  ${r.field}: ${r.reason}`)
                    .join('\n'),
          );
        },
      );
    });

  databaseOptions(
    q.command('export').description('Export quarantine as CSV (formula prefixes escaped)'),
  )
    .option('--import <id>', 'only this import')
    .option('--all', 'include resolved entries')
    .option('--output <file>', 'write to this file instead of stdout')
    .requiredOption('--reason <text>', 'why the rows are exported (written to the audit log)')
    .action(async (flags: Flags & { reason: string }) => {
      await withAuditedCore(
        configFrom(ctx, flags),
        { action: 'quarantine.export', category: 'disclosure' },
        async (core, _logger, note) => {
          note.details.reason = flags.reason;
          const out = flags.output ? createWriteStream(flags.output) : null;
          const result = await core.quarantine.exportCsv(CLI_CONTEXT.actor, {
            ...query(flags),
            limit: 1000,
          });
          for (const line of result.lines) {
            if (out) out.write(line);
            else ctx.stdout(line.replace(/\r\n$/, ''));
          }
          if (out) {
            out.end();
            await finished(out);
          }
          if (result.truncated) {
            ctx.stderr(
              `Export capped at ${QUARANTINE_EXPORT_MAX_ROWS} rows; narrow it with --import.`,
            );
          }
        },
      );
    });

  databaseOptions(
    q
      .command('reimport')
      .description('Re-import fixed rows from an edited export (columns id, raw)')
      .argument('<file>'),
  )
    .option('--json', 'print JSON')
    .action(async (file: string, flags: Flags) => {
      await withAuditedCore(
        configFrom(ctx, flags),
        { action: 'quarantine.reimport', category: 'collection' },
        async (core) => {
          const result = await core.quarantine.reimport(
            CLI_CONTEXT.actor,
            createReadStream(file),
            file,
          );
          ctx.stdout(
            flags.json
              ? JSON.stringify(result)
              : `${result.accepted} accepted, ${result.duplicates} duplicates, ${result.stillRejected.length} still rejected`,
          );
          if (result.stillRejected.length > 0) {
            throw new ValidationError(
              `${result.stillRejected.length} row(s) still invalid`,
              result.stillRejected.map((r) => ({
                path: `${r.file}:${r.line}:${r.field}`,
                reason: r.reason,
              })),
            );
          }
        },
      );
    });
}
