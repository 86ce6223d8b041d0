import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { SCALES, type Scale } from '#core/simulation/behaviours.js';
import { ValidationError } from '#shared/errors.js';
import type { CliContext } from '../context.js';

function readRegion(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new ValidationError(`--region ${file}: ${(error as Error).message}`);
  }
}

const int = (name: string, min: number) => (value: string) => {
  if (!/^\d+$/.test(value) || Number(value) < min) {
    throw new ValidationError(`--${name} must be an integer >= ${min}`);
  }
  return Number(value);
};

export function simulateCommand(program: Command, ctx: CliContext): void {
  program
    .command('simulate')
    .description(
      'Write a deterministic synthetic ICE caseload (hash sets, P2P log, tips, Tor exits, truth.json)',
    )
    .requiredOption('--out <dir>', 'output directory (created if missing)')
    .option('--seed <n>', 'PRNG seed: the same seed writes the same bytes', int('seed', 0), 1)
    .option('--scale <scale>', `${SCALES.join('|')}`, 'tiny')
    .option('--start <date>', 'first day (UTC), YYYY-MM-DD', '2015-03-01')
    .option('--days <n>', 'number of days', int('days', 1), 92)
    .option('--rows <n>', 'target observation rows (overrides the scale)', int('rows', 1))
    .option(
      '--region <file>',
      'region JSON (src/core/simulation/region.schema.ts); default Ontario',
    )
    .option(
      '--dirty',
      'plant counted malformed rows and documents (expected rejections in truth.json)',
    )
    .action(
      async (flags: {
        out: string;
        seed: number;
        scale: string;
        start: string;
        days: number;
        rows?: number;
        dirty?: boolean;
        region?: string;
      }) => {
        if (!SCALES.includes(flags.scale as Scale)) {
          throw new ValidationError(`--scale must be one of ${SCALES.join(', ')}`);
        }
        if (!/^\d{4}-\d{2}-\d{2}$/.test(flags.start) || Number.isNaN(Date.parse(flags.start))) {
          throw new ValidationError('--start must be a date YYYY-MM-DD');
        }
        const started = performance.now();
        const { simulateToDirectory } = await import('#platform/files/directory-sink.js');
        const truth = await simulateToDirectory(flags.out, {
          seed: flags.seed,
          scale: flags.scale as Scale,
          start: flags.start,
          days: flags.days,
          dirty: Boolean(flags.dirty),
          ...(flags.rows ? { rows: flags.rows } : {}),
          ...(flags.region ? { region: readRegion(flags.region) } : {}),
        });
        const seconds = (performance.now() - started) / 1000;
        const rows = truth.summary.observations.rows;
        ctx.stdout(
          `Wrote ${Object.keys(truth.files).length + 1} files to ${flags.out}: ${truth.subjects.length} subjects, ` +
            `${rows} observations, ${truth.summary.knownMedia} known media, ${truth.tips.length} tips ` +
            `(seed ${flags.seed}, ${flags.scale}${flags.dirty ? ', dirty' : ''}, ${seconds.toFixed(1)} s).`,
        );
      },
    );
}
