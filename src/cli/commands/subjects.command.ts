import type { Command } from 'commander';
import {
  MergeSubjectsSchema,
  SplitSubjectSchema,
  type DecisionResult,
} from '#core/subjects/decisions.schema.js';
import type { QueuePage, SubjectDetail } from '#core/subjects/queue.schema.js';
import { ValidationError } from '#shared/errors.js';
import { zodIssues } from '#shared/zod-error.js';
import type { z } from 'zod';
import { CLI_CONTEXT, configFrom, withCore, type CliContext } from '../context.js';
import { databaseOptions } from '../options.js';

type Flags = {
  agency?: string;
  limit?: string;
  offset?: string;
  minScore?: string;
  attribution?: string;
  json?: boolean;
  reason?: string;
  members?: string[];
  clientIds?: string[];
  ips?: string[];
  rescore?: boolean;
  full?: boolean;
};

function formatDecision(r: DecisionResult): string {
  const d = r.decision;
  const what =
    d.kind === 'merge'
      ? `merge of ${d.subjectKeys.join(' + ')} (${d.refs.length} nodes)`
      : `split of ${d.subjectKeys[0]}: ${d.sideB.length} out, ${d.sideA.length} stay`;
  const after = r.resultingSubjects
    ? `now: ${r.resultingSubjects.join(', ')}`
    : `applied by rescore job ${r.rescoreJobId}`;
  return `Decision ${d.id} recorded: ${what}, by ${d.decidedBy}: "${d.reason}"; ${after}`;
}

/** The flags that stand for environment variables (the list options do not). */
function configOf(ctx: CliContext, flags: Flags) {
  const { members: _m, clientIds: _c, ips: _i, ...rest } = flags;
  return configFrom(ctx, rest);
}

const collect = (value: string, previous: string[] = []) => [...previous, ...value.split(',')];

/** The first `shown` names, then "+N more". */
export function firstOf(names: readonly string[], shown = 3): string {
  if (names.length === 0) return '-';
  const more = names.length - shown;
  return `${names.slice(0, shown).join(', ')}${more > 0 ? ` +${more} more` : ''}`;
}

/** A stored timestamp as a reader wants it: `2015-03-02 14:05 UTC`. */
const when = (iso: string | null) =>
  iso === null ? '-' : `${iso.slice(0, 16).replace('T', ' ')} UTC`;

/** Said when observations wait for the rescore: the queue does not show them yet. */
export function awaitingNote(awaiting: number): string {
  return awaiting === 0
    ? ''
    : `${awaiting} observation${awaiting === 1 ? '' : 's'} await${awaiting === 1 ? 's' : ''} scoring: run \`vigil rescore\` (or let \`vigil serve\`'s worker do it) to see them here.`;
}

/** The queue as text: a subject a block, with its score, reasons, ISPs, places and first and last seen. */
export function formatQueue(page: QueuePage, awaiting: number): string {
  const head = `Priority queue (an assessment, rule set v${page.ruleSetVersion}) ${page.agency ?? 'all agencies'}: ${page.total}${page.isTotalExact ? '' : '+'} subjects`;
  const rows = page.items.map((i) =>
    [
      `${String(i.rank).padStart(4)}  ${i.subjectKey}  ${i.score.toFixed(2)}/${i.maxScore}  attribution ${i.attribution.level}  agency ${i.agencyCode ?? '-'}`,
      `      reasons: ${i.topReasons.map((r) => r.ruleId).join(', ') || '-'}`,
      `      IPs: ${firstOf(i.ips)}  ISPs: ${firstOf(i.isps)}`,
      `      places: ${firstOf(i.municipalities)}`,
      `      first seen ${when(i.firstSeen)}, last seen ${when(i.lastSeen)}`,
    ].join('\n'),
  );
  const note = awaitingNote(awaiting);
  return [head, ...rows, ...(note ? [note] : [])].join('\n');
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
    .option('--min-score <n>', 'only subjects scoring at least this much')
    .option('--attribution <level>', 'only this attribution level (high, medium, low)')
    .option('--json', 'print JSON')
    .action(async (flags: Flags) => {
      const [page, awaiting] = await withCore(
        configOf(ctx, flags),
        async (core) =>
          [
            await core.subjects.queue(CLI_CONTEXT, {
              ...(flags.agency !== undefined ? { agency: flags.agency } : {}),
              ...(flags.limit !== undefined ? { limit: flags.limit } : {}),
              ...(flags.offset !== undefined ? { offset: flags.offset } : {}),
              ...(flags.minScore !== undefined ? { minScore: flags.minScore } : {}),
              ...(flags.attribution !== undefined
                ? { attribution: flags.attribution as 'high' | 'medium' | 'low' }
                : {}),
            } as Parameters<typeof core.subjects.queue>[1]),
            await core.subjects.countAwaitingScoring(),
          ] as const,
      );
      ctx.stdout(
        flags.json
          ? JSON.stringify({ ...page, awaitingScoring: awaiting })
          : formatQueue(page, awaiting),
      );
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
      const detail = await withCore(configOf(ctx, flags), (core) =>
        core.subjects.getSubject(CLI_CONTEXT, id),
      );
      ctx.stdout(flags.json ? JSON.stringify(detail) : formatSubject(detail));
    });

  databaseOptions(
    subject
      .command('merge')
      .description('Record that subjects are one installation or household, and relink')
      .argument('<ids...>', 'two or more subject keys'),
  )
    .requiredOption('--reason <text>', 'why (kept with the decision and audited)')
    .option('--no-rescore', 'only record the decision (the next rescore applies it)')
    .option('--json', 'print JSON')
    .action(async (ids: string[], flags: Flags) => {
      const input = parse(MergeSubjectsSchema, { subjects: ids, reason: flags.reason });
      const result = await withCore(configOf(ctx, flags), (core) =>
        core.subjectDecisions.mergeSubjects(CLI_CONTEXT, input, { applyNow: flags.rescore }),
      );
      ctx.stdout(flags.json ? JSON.stringify(result) : formatDecision(result));
    });

  databaseOptions(
    subject
      .command('split')
      .description('Record that some members are not the rest of the subject, and relink')
      .argument('<id>', 'subject key (sub_...)'),
  )
    .requiredOption('--reason <text>', 'why (kept with the decision and audited)')
    .option(
      '--members <refs>',
      'members that go out: obs:<id>, tip:<doc>#<n> or observation ids',
      collect,
    )
    .option('--client-ids <ids>', 'installations (client ids) that go out', collect)
    .option('--ips <ips>', 'IP addresses whose observations go out', collect)
    .option('--no-rescore', 'only record the decision (the next rescore applies it)')
    .option('--json', 'print JSON')
    .action(async (id: string, flags: Flags) => {
      const input = parse(SplitSubjectSchema, {
        members: flags.members ?? [],
        clientIds: flags.clientIds ?? [],
        ips: flags.ips ?? [],
        reason: flags.reason,
      });
      const result = await withCore(configOf(ctx, flags), (core) =>
        core.subjectDecisions.splitSubject(CLI_CONTEXT, id, input, { applyNow: flags.rescore }),
      );
      ctx.stdout(flags.json ? JSON.stringify(result) : formatDecision(result));
    });

  databaseOptions(
    program
      .command('rescore')
      .description(
        'Bring subjects and scores up to date now: relinks what changed since the last run (all with --full)',
      ),
  )
    .option('--full', 'relink every stored observation and tip, not only what changed')
    .option('--json', 'print JSON')
    .action(async (flags: Flags) => {
      const result = await withCore(configOf(ctx, flags), (core) =>
        core.subjects.relinkAndScore(CLI_CONTEXT, { full: flags.full === true }),
      );
      const how =
        result.mode === 'full'
          ? `full relink (${result.fullReason ?? 'requested'})`
          : `incremental relink of ${result.relinkedNodes} node(s)`;
      ctx.stdout(
        flags.json
          ? JSON.stringify(result)
          : `Scored ${result.subjects} subjects (rule set v${result.ruleSetVersion}, ${how}) from ${result.observations} observations and ${result.tips} tips: ${result.added} new, ${result.changed} changed, ${result.removed} removed, ${result.scored} scores written`,
      );
    });
}

/** Parses CLI input with the same schema the API uses; ValidationError (exit 2) when invalid. */
function parse<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw new ValidationError('invalid input', zodIssues(parsed.error));
  return parsed.data;
}
