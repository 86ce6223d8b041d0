import type { Command } from 'commander';
import type { UnitReport } from '#core/investigations/report.schema.js';
import { CLI_CONTEXT, configFrom, withCore, type CliContext } from '../context.js';
import { databaseOptions } from '../options.js';

type Flags = { from: string; to: string; agency?: string; json?: boolean };

const line = (label: string, value: number | string | null) =>
  `  ${label.padEnd(40)} ${value ?? '-'}`;

/** The unit report as text, one figure a line. */
export function formatUnitReport(r: UnitReport): string {
  return [
    `Unit report ${r.agency.code} (${r.agency.name}), ${r.from} to ${r.to}`,
    line('Leads received', r.leadsReceived),
    line('Subjects prioritised', r.subjectsPrioritised),
    line('Legal process requests', r.legalProcessRequests),
    line('Warrants executed', r.warrantsExecuted),
    line('Arrests', r.arrests),
    line('Charges', r.charges.total),
    ...r.charges.byOffence.map((o) => line(`    ${o.section} ${o.label}`, o.count)),
    line('Cases referred to other jurisdictions', r.casesReferredOut),
    line('Cases received from other jurisdictions', r.casesReferredIn),
    line('Victims identified', r.victimsIdentified),
    line('Children safeguarded', r.childrenSafeguarded),
    line('Referrals to counselling', r.referralsToCounselling),
    line('Investigations still open', r.investigationsOpen),
    line('Median days from lead to warrant', r.medianDaysLeadToWarrant),
  ].join('\n');
}

/** `vigil report --from DATE --to DATE [--agency CODE] [--json]`. */
export function reportCommand(program: Command, ctx: CliContext): void {
  databaseOptions(
    program
      .command('report')
      .description('Unit statistics for a period, computed from the investigation workflow'),
  )
    .requiredOption('--from <date>', 'first day (YYYY-MM-DD, UTC)')
    .requiredOption('--to <date>', 'last day, included (YYYY-MM-DD, UTC)')
    .option('--agency <code>', 'the agency (organisation code)')
    .option('--json', 'print JSON')
    .action(async (flags: Flags) => {
      const report = await withCore(configFrom(ctx, flags), (core) =>
        core.investigations.reports.unitReport(CLI_CONTEXT, {
          from: flags.from,
          to: flags.to,
          ...(flags.agency !== undefined ? { agency: flags.agency } : {}),
        }),
      );
      ctx.stdout(flags.json ? JSON.stringify(report) : formatUnitReport(report));
    });
}
