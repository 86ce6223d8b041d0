import { createWriteStream } from 'node:fs';
import { basename } from 'node:path';
import type { Command } from 'commander';
import { parseColumnMap } from '#core/intake/column-map.js';
import { detectFormat, scanFile } from '#core/intake/file-source.js';
import { FormatSchema, type ImportSummary } from '#core/intake/intake.schema.js';
import { ValidationError } from '#shared/errors.js';
import type { RescoreResult } from '#core/subjects/queue.schema.js';
import { CLI_CONTEXT, configFrom, withAuditedCore, type CliContext } from '../context.js';
import { databaseOptions } from '../options.js';
import { progressReporter } from '../progress.js';

type IngestFlags = {
  format?: string;
  json?: boolean;
  errors?: string;
  strict?: boolean;
  map?: string;
  progress?: boolean;
  rescore?: boolean;
  dataDir?: string;
  databaseUrl?: string;
};

export function ingestCommand(program: Command, ctx: CliContext): void {
  databaseOptions(
    program
      .command('ingest')
      .description('Import P2P observation logs (CSV, JSONL, .gz) and CyberTipline XML reports')
      .argument('<files...>', 'files to import'),
  )
    .option(
      '--format <format>',
      'p2p-csv | p2p-jsonl | cybertip (default: from the file extension)',
    )
    .option('--json', 'print the summary as JSON')
    .option('--errors <file>', 'write rejected rows as NDJSON to this file')
    .option(
      '--map <pairs>',
      'column mapping for a tool export: "Source=field,Other=" (empty ignores)',
    )
    .option('--strict', 'stop at the first bad row and import nothing from that file')
    .option('--progress', 'print progress to stderr even when it is not a terminal')
    .option('--rescore', 'link and score the new observations now (as `vigil rescore` does)')
    .action(async (files: string[], flags: IngestFlags) => {
      const format = flags.format === undefined ? undefined : FormatSchema.parse(flags.format);
      const columnMap = flags.map === undefined ? undefined : parseColumnMap(flags.map);
      const errors = flags.errors ? createWriteStream(flags.errors) : null;
      const summaries: ImportSummary[] = [];
      let rescored: RescoreResult | undefined;
      let awaiting = 0;
      try {
        await withAuditedCore(
          configFrom(ctx, flags),
          { action: 'intake.import', category: 'collection' },
          async (core) => {
            for (const file of files) {
              const scan = await scanFile(file);
              const progress = progressReporter(ctx, basename(file), flags.progress === true);
              summaries.push(
                await core.intake.importFile({
                  fileName: basename(file),
                  format: format ?? detectFormat(file),
                  sourceSha256: scan.sha256,
                  open: scan.open,
                  mode: 'resumable',
                  strict: flags.strict === true,
                  columnMap,
                  onRejected: (r) => errors?.write(`${JSON.stringify(r)}\n`),
                  onProgress: (counts) => progress.update(counts.rowsDone),
                }),
              );
              progress.done();
            }
            if (flags.rescore) {
              rescored = await core.subjects.relinkAndScore(CLI_CONTEXT, {
                settlesQueuedRuns: true,
              });
            }
            awaiting = await core.subjects.countAwaitingScoring();
          },
        );
      } finally {
        await new Promise<void>((resolve) => (errors ? errors.end(resolve) : resolve()));
      }
      const total = summaries.reduce(
        (t, s) => ({
          accepted: t.accepted + s.accepted,
          duplicates: t.duplicates + s.duplicates,
          rejected: t.rejected + s.rejected,
          matched: t.matched + s.matched,
        }),
        { accepted: 0, duplicates: 0, rejected: 0, matched: 0 },
      );
      ctx.stdout(
        flags.json
          ? JSON.stringify({
              ...total,
              files: summaries,
              awaitingScoring: awaiting,
              ...(rescored ? { rescore: rescored } : {}),
            })
          : `${summaries.map((s) => `${s.file}: ${s.accepted} accepted, ${s.duplicates} duplicates, ${s.rejected} rejected, ${s.matched} matched${s.resumed ? ' (resumed)' : ''}`).join('\n')}`,
      );
      // What comes next: the queue shows new observations only once they are linked and scored.
      if (!flags.json) {
        if (rescored) ctx.stdout(`Scored: ${rescored.subjects} subjects. Next: \`vigil queue\`.`);
        else if (awaiting > 0) {
          ctx.stdout(
            `Next: \`vigil rescore\` links and scores the ${awaiting} observation${awaiting === 1 ? '' : 's'} waiting (or \`vigil serve\`'s worker does it), then \`vigil queue\`.`,
          );
        }
      }
      if (total.rejected > 0) {
        throw new ValidationError(
          `${total.rejected} record(s) rejected; see \`vigil quarantine list\``,
        );
      }
    });
}
