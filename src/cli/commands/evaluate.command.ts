import type { Command } from 'commander';
import type { QueueEvaluation } from '#core/evaluation/evaluation.schema.js';
import { formatReports } from '#core/evaluation/report.js';
import { TruthSchema } from '#core/simulation/truth.schema.js';
import { CLI_CONTEXT, configFrom, withCore, type CliContext } from '../context.js';
import { databaseOptions } from '../options.js';
import { readJsonFile } from '../read-json.js';

type Flags = { truth: string; warrants?: string; agency?: string; json?: boolean };

/** The human report: world, linking quality, the metrics table and the ratio to volume. */
export function formatEvaluation(e: QueueEvaluation): string {
  const w = e.world;
  const m = e.mapping;
  const ratio =
    e.highRiskRatioToVolume === null
      ? 'The volume baseline reaches no high-risk subject in its first K.'
      : `Vigil reaches ${e.highRiskRatioToVolume.toFixed(2)}x the high-risk subjects of the volume baseline.`;
  return [
    `Evaluation (an assessment against a SYNTHETIC world): seed ${w.seed}, scale ${w.scale}, ${w.region}, ${w.start} + ${w.days} days`,
    `Queue: rule set v${e.ruleSetVersion}, ${e.agency ?? 'all agencies'}, first K = ${e.k} subjects`,
    `Subjects: ${m.subjects} (mapped to the truth ${m.mapped}, unmapped ${m.unmapped}, mixed ${m.mixed}); truth subjects reached ${m.truthSubjects} (split over several subjects ${m.truthSubjectsSplit})`,
    `Reachable truth: ${e.truth.subjects} subjects, ${e.truth.highRisk} high-risk, ${e.truth.childrenAtRisk} children at risk`,
    '',
    formatReports(e.reports),
    '',
    ratio,
    'Real outcomes (warrants executed, charges, victims identified): none recorded yet.',
  ].join('\n');
}

/** `vigil evaluate --truth truth.json [--warrants 30] [--agency CODE] [--json]`. */
export function evaluateCommand(program: Command, ctx: CliContext): void {
  databaseOptions(
    program
      .command('evaluate')
      .description(
        "Compare the priority queue's first K subjects with a simulated world's truth.json and two baselines",
      ),
  )
    .requiredOption('--truth <file>', 'truth.json written by `vigil simulate`')
    .option('--warrants <k>', 'K: the subjects a unit can act on (1..500, default 30)')
    .option('--agency <code>', "only this agency's queue")
    .option('--json', 'print JSON')
    .action(async (flags: Flags) => {
      // Validated before the database opens: a bad file is a usage error (exit 2).
      const truth = readJsonFile(flags.truth, TruthSchema);
      const result = await withCore(configFrom(ctx, flags), (core) =>
        core.evaluation.evaluateQueue(CLI_CONTEXT, truth, {
          ...(flags.warrants !== undefined ? { warrants: flags.warrants } : {}),
          ...(flags.agency !== undefined ? { agency: flags.agency } : {}),
        }),
      );
      ctx.stdout(flags.json ? JSON.stringify(result) : formatEvaluation(result));
    });
}
