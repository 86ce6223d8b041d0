import type { Command } from 'commander';
import { systemContext } from '#core/access/actor.js';
import { MatchRequestSchema, type MatchResult } from '#core/hashsets/hashsets.schema.js';
import { ValidationError } from '#shared/errors.js';
import { zodIssues } from '#shared/zod-error.js';
import { configFrom, withCore, type CliContext } from '../context.js';
import { databaseOptions } from '../options.js';

export function matchCommand(program: Command, ctx: CliContext): void {
  databaseOptions(
    program
      .command('match <hashes...>')
      .description(
        'Match hashes against the active hash sets (hex, type:hex, urn:sha1:<base32>, pdq:<hex>)',
      ),
  )
    .option('--pdq-distance <n>', 'PDQ match threshold in bits (default 31)')
    .option('--json', 'print JSON')
    .action(
      async (
        hashes: string[],
        flags: { json?: boolean; pdqDistance?: string; dataDir?: string; databaseUrl?: string },
      ) => {
        const parsed = MatchRequestSchema.safeParse({
          hashes,
          ...(flags.pdqDistance !== undefined ? { pdqMaxDistance: Number(flags.pdqDistance) } : {}),
        });
        if (!parsed.success) {
          throw new ValidationError('Invalid match request', zodIssues(parsed.error));
        }
        const result = await withCore(configFrom(ctx, flags), (core) =>
          core.hashsets.matchHashes(systemContext('cli', 'vigil-cli'), parsed.data),
        );
        ctx.stdout(flags.json ? JSON.stringify(result) : result.results.map(describe).join('\n'));
        if (result.results.some((r) => r.status === 'invalid')) {
          throw new ValidationError('Some inputs are not hashes (marked invalid above)');
        }
      },
    );
}

function describe(r: MatchResult): string {
  const head = `${r.input}\t${r.status}`;
  if (r.status === 'invalid' || r.status === 'empty_file') return `${head}\t${r.reason ?? ''}`;
  const entries = [...r.matches, ...r.benign].map(
    (m) =>
      `  ${m.kind} ${m.hashSetName} v${m.hashSetVersion} ${m.hashType}` +
      (m.distance !== undefined ? ` d=${m.distance}` : '') +
      (m.categoryCode !== null ? ` category ${m.categoryScheme}:${m.categoryCode}` : '') +
      (m.series ? ` series "${m.series}"` : '') +
      (m.victimIdentified !== null ? ` victimIdentified=${m.victimIdentified}` : '') +
      (m.isDistributed !== null ? ` distributed=${m.isDistributed}` : ''),
  );
  return [head + (r.isAlsoBenign ? '\t(also in a benign set)' : ''), ...entries].join('\n');
}
