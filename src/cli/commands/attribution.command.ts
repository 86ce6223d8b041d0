import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { LookupInputSchema } from '#core/attribution/attribution.schema.js';
import { configFrom, withAuditedCore, type CliContext } from '../context.js';
import { databaseOptions } from '../options.js';

type Flags = { port?: string; json?: boolean; dataDir?: string; databaseUrl?: string };

export function attributionCommand(program: Command, ctx: CliContext): void {
  const a = program
    .command('attribution')
    .description('IP attribution: geolocation, ASN, Tor exits, jurisdiction');

  databaseOptions(
    a.command('import-tor').description('Import a TorDNSEL exit-addresses list').argument('<file>'),
  )
    .option('--json', 'print JSON')
    .action(async (file: string, flags: Flags) => {
      const text = readFileSync(file, 'utf8');
      await withAuditedCore(
        configFrom(ctx, flags),
        { action: 'attribution.tor_import', category: 'collection' },
        async (core) => {
          const result = await core.attribution.importTorList(text);
          ctx.stdout(
            flags.json
              ? JSON.stringify(result)
              : `${result.entries} exit addresses read, ${result.inserted} new, ${result.errors.length} bad lines`,
          );
        },
      );
    });

  databaseOptions(
    a
      .command('lookup')
      .description('Attribute one IP at one time')
      .argument('<ip>')
      .argument('<time>', 'RFC 3339 with offset'),
  )
    .option('--port <port>', 'source port (needed behind carrier-grade NAT)')
    .option('--json', 'print JSON')
    .action(async (ip: string, at: string, flags: Flags) => {
      const input = LookupInputSchema.parse({
        ip,
        at,
        port: flags.port === undefined ? null : Number(flags.port),
      });
      await withAuditedCore(
        configFrom(ctx, flags),
        { action: 'attribution.lookup', category: 'consultation' },
        async (core) => {
          const r = await core.attribution.lookup(input);
          ctx.stdout(
            flags.json
              ? JSON.stringify(r)
              : `${r.ip} at ${r.at}: ${[r.city, r.region, r.countryCode].filter(Boolean).join(', ') || 'unknown place'}; AS${r.asn ?? '?'} ${r.asOrg ?? ''}; ` +
                  `${r.agencyCode ?? `unassigned: ${r.unassignedReason}`}${r.flags.length ? ` [${r.flags.join(', ')}]` : ''}\n${r.dataAttribution}`,
          );
        },
      );
    });
}
