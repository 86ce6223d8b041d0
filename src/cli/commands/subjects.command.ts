import type { Command } from 'commander';
import type { QueuePage, SubjectDetail } from '#core/subjects/queue.schema.js';
import { CLI_CONTEXT, configFrom, withCore, type CliContext } from '../context.js';
import { databaseOptions } from '../options.js';

type Flags = { agency?: string; limit?: string; offset?: string; json?: boolean };

function formatQueue(page: QueuePage): string {
  const head = `Priority queue (an assessment, rule set v${page.ruleSetVersion}) ${page.agency ?? 'all agencies'}: ${page.total} subjects`;
  const rows = page.items.map(
    (i) =>
      `${String(i.rank).padStart(4)}  ${i.subjectKey}  ${i.score.toFixed(2).padStart(6)}/${i.maxScore}  attribution ${i.attribution.level}` +
      `  ${i.agencyCode ?? '-'}  ${i.ips.slice(0, 3).join(',')}  ${i.topReasons.map((r) => r.ruleId).join(', ')}`,
  );
  return [head, ...rows].join('\n');
}

function formatSubject(d: SubjectDetail): string {
  const lines = [
    `${d.subjectKey}  agency ${d.agencyCode ?? '-'}  ${d.firstSeen ?? '-'} .. ${d.lastSeen ?? '-'}`,
    `observations ${d.counts.observations}, tip persons ${d.counts.tipPersons}, links ${d.counts.links}`,
  ];
  if (d.score) {
    lines.push(
      `score ${d.score.score}/${d.score.maxScore} (an assessment, rule set v${d.score.ruleSetVersion}, as of ${d.score.asOf})`,
      ...d.score.reasons.map(
        (r) => `  +${r.points} ${r.ruleId}: ${r.reason} [${r.evidenceIds.length} evidence rows]`,
      ),
      `attribution ${d.score.attribution.level} ${d.score.attribution.confidence}: ${d.score.attribution.flags.join(', ') || 'no flags'}`,
    );
  }
  lines.push(
    'timeline:',
    ...d.timeline.map(
      (o) =>
        `  ${o.observedAt}  ${o.network}  ${o.ip}:${o.port}  ${o.evidenceKind}  ${o.hashType}:${o.hash}`,
    ),
  );
  return lines.join('\n');
}

/** `vigil queue`, `vigil subject show ID` and `vigil rescore`. */
export function subjectsCommand(program: Command, ctx: CliContext): void {
  databaseOptions(
    program.command('queue').description('The priority queue: subjects ranked by lead priority'),
  )
    .option('--agency <code>', 'only subjects in this agency jurisdiction')
    .option('--limit <n>', 'rows (1..500, default 50)')
    .option('--offset <n>', 'rows to skip (default 0)')
    .option('--json', 'print JSON')
    .action(async (flags: Flags) => {
      const page = await withCore(configFrom(ctx, flags), (core) =>
        core.subjects.queue(CLI_CONTEXT, {
          ...(flags.agency !== undefined ? { agency: flags.agency } : {}),
          ...(flags.limit !== undefined ? { limit: flags.limit } : {}),
          ...(flags.offset !== undefined ? { offset: flags.offset } : {}),
        }),
      );
      ctx.stdout(flags.json ? JSON.stringify(page) : formatQueue(page));
    });

  const subject = program.command('subject').description('Subjects (linked observations and tips)');
  databaseOptions(
    subject
      .command('show')
      .description('One subject: reasons with evidence, links, timeline')
      .argument('<id>', 'subject key (sub_...)'),
  )
    .option('--json', 'print JSON')
    .action(async (id: string, flags: Flags) => {
      const detail = await withCore(configFrom(ctx, flags), (core) =>
        core.subjects.getSubject(CLI_CONTEXT, id),
      );
      ctx.stdout(flags.json ? JSON.stringify(detail) : formatSubject(detail));
    });

  databaseOptions(
    program
      .command('rescore')
      .description('Relink every stored observation and tip into subjects and score them now'),
  )
    .option('--json', 'print JSON')
    .action(async (flags: Flags) => {
      const result = await withCore(configFrom(ctx, flags), (core) =>
        core.subjects.relinkAndScore(CLI_CONTEXT),
      );
      ctx.stdout(
        flags.json
          ? JSON.stringify(result)
          : `Scored ${result.subjects} subjects (rule set v${result.ruleSetVersion}) from ${result.observations} observations and ${result.tips} tips: ${result.added} new, ${result.changed} changed, ${result.removed} removed, ${result.scored} scores written`,
      );
    });
}
