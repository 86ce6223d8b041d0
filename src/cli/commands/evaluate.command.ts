import type { Command } from 'commander';
import type {
  OutcomeComparison,
  OutcomeEvaluation,
  QueueEvaluation,
} from '#core/evaluation/evaluation.schema.js';
import { formatReports, OUTCOME_LABELS } from '#core/evaluation/report.js';
import { TruthSchema } from '#core/simulation/truth.schema.js';
import { CLI_CONTEXT, configFrom, withCore, type CliContext } from '../context.js';
import { databaseOptions } from '../options.js';
import { readJsonFile } from '../read-json.js';

type Flags = { truth?: string; warrants?: string; agency?: string; json?: boolean };

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
    '',
    formatOutcomes(e.outcomes),
  ].join('\n');
}

/** The comparison with recorded case outcomes, or a line saying there is none yet. */
export function formatOutcomes(o: OutcomeComparison | null): string {
  if (o === null) {
    return 'Real outcomes: no case has one yet (a charge, arrest, identified victim, executed warrant or deciding disposition).';
  }
  return [
    `Real outcomes: ${o.cases} cases with an outcome name ${o.subjects} current subjects (${o.positive} confirmed: charged, arrested or a victim identified; ${o.victimsIdentified} victims identified); ${o.unplacedKeys} case subject keys lead to no stored subject`,
    `The rankings below order only those ${o.subjects} subjects; K = ${o.k}.`,
    '',
    formatReports(o.reports, OUTCOME_LABELS),
  ].join('\n');
}

/** The report of `vigil evaluate` without --truth. */
export function formatOutcomeEvaluation(e: OutcomeEvaluation): string {
  return [
    `Evaluation (an assessment) of the queue against recorded case outcomes: rule set v${e.ruleSetVersion}, ${e.agency ?? 'all agencies'}, K = ${e.k}`,
    '',
    formatOutcomes(e.outcomes),
  ].join('\n');
}

/**
 * `vigil evaluate [--truth truth.json] [--warrants 30] [--agency CODE] [--json]`: against a
 * simulated world's truth (and recorded outcomes, if any), or without --truth against recorded
 * case outcomes only.
 */
export function evaluateCommand(program: Command, ctx: CliContext): void {
  databaseOptions(
    program
      .command('evaluate')
      .description(
        "Compare the priority queue's first K subjects with a simulated world's truth.json, or with recorded case outcomes, and two baselines",
      ),
  )
    .option('--truth <file>', 'truth.json written by `vigil simulate` (without it: outcomes only)')
    .option('--warrants <k>', 'K: the subjects a unit can act on (1..500, default 30)')
    .option('--agency <code>', "only this agency's queue")
    .option('--json', 'print JSON')
    .action(async (flags: Flags) => {
      const options = {
        ...(flags.warrants !== undefined ? { warrants: flags.warrants } : {}),
        ...(flags.agency !== undefined ? { agency: flags.agency } : {}),
      };
      if (flags.truth === undefined) {
        const result = await withCore(configFrom(ctx, flags), (core) =>
          core.evaluation.evaluateOutcomes(CLI_CONTEXT, options),
        );
        ctx.stdout(flags.json ? JSON.stringify(result) : formatOutcomeEvaluation(result));
        return;
      }
      // Validated before the database opens: a bad file is a usage error (exit 2).
      const truth = readJsonFile(flags.truth, TruthSchema);
      const result = await withCore(configFrom(ctx, flags), (core) =>
        core.evaluation.evaluateQueue(CLI_CONTEXT, truth, options),
      );
      ctx.stdout(flags.json ? JSON.stringify(result) : formatEvaluation(result));
    });
}
