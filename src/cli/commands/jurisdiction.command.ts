import type { Command } from 'commander';
import { JurisdictionRuleInputSchema } from '#core/attribution/attribution.schema.js';
import { configFrom, withAuditedCore, type CliContext } from '../context.js';
import { databaseOptions } from '../options.js';

type Flags = {
  region?: string;
  municipality?: string;
  note?: string;
  json?: boolean;
  dataDir?: string;
  databaseUrl?: string;
};

export function jurisdictionCommand(program: Command, ctx: CliContext): void {
  const j = program
    .command('jurisdiction')
    .description('Rules: country / region / municipality -> agency code');

  databaseOptions(j.command('list').description('List the jurisdiction rules'))
    .option('--json', 'print JSON')
    .action(async (flags: Flags) => {
      await withAuditedCore(
        configFrom(ctx, flags),
        { action: 'jurisdiction.list', category: 'consultation' },
        async (core) => {
          const rules = await core.attribution.listRules();
          ctx.stdout(
            flags.json
              ? JSON.stringify(rules)
              : rules
                  .map(
                    (r) =>
                      `${r.countryCode} / ${r.region || '*'} / ${r.municipality || '*'} -> ${r.agencyCode}`,
                  )
                  .join('\n'),
          );
        },
      );
    });

  databaseOptions(
    j
      .command('set')
      .description('Create or replace a rule')
      .argument('<country>', 'ISO 3166 alpha-2')
      .argument('<agency>', 'agency code'),
  )
    .option('--region <name>', 'province or state (empty: whole country)')
    .option('--municipality <name>', 'municipality (empty: whole region)')
    .option('--note <text>', 'a note, e.g. the agency name')
    .action(async (country: string, agency: string, flags: Flags) => {
      const rule = JurisdictionRuleInputSchema.parse({
        countryCode: country,
        agencyCode: agency,
        region: flags.region,
        municipality: flags.municipality,
        note: flags.note ?? null,
      });
      await withAuditedCore(
        configFrom(ctx, flags),
        { action: 'jurisdiction.set', category: 'alteration' },
        async (core) => {
          const saved = await core.attribution.setRule(rule);
          ctx.stdout(
            `${saved.countryCode} / ${saved.region || '*'} / ${saved.municipality || '*'} -> ${saved.agencyCode}`,
          );
        },
      );
    });

  databaseOptions(j.command('remove').description('Remove a rule').argument('<country>'))
    .option('--region <name>', 'province or state')
    .option('--municipality <name>', 'municipality')
    .action(async (country: string, flags: Flags) => {
      await withAuditedCore(
        configFrom(ctx, flags),
        { action: 'jurisdiction.remove', category: 'alteration' },
        async (core) => {
          await core.attribution.removeRule({
            countryCode: country,
            region: flags.region ?? '',
            municipality: flags.municipality ?? '',
          });
          ctx.stdout('Removed.');
        },
      );
    });
}
