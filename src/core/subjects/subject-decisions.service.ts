import type { CallContext } from '#core/access/actor.js';
import { requireRole } from '#core/access/guards.js';
import type { Role } from '#core/access/roles.js';
import type { AuditService } from '#core/audit/audit.service.js';
import type { Clock } from '#platform/clock.js';
import type { Db } from '#platform/db/client.js';
import type { JobQueue } from '#platform/jobs/queue.js';
import { NotFoundError, ValidationError } from '#shared/errors.js';
import { agencyScopeOf, inScope } from './agency-scope.js';
import type {
  DecisionResult,
  DecisionView,
  MergeSubjects,
  SplitSubject,
} from './decisions.schema.js';
import {
  decisionViewOf,
  insertDecision,
  membersOf,
  subjectsHolding,
  type DecisionRow,
} from './decisions.repository.js';

/** Who may merge and split subjects: the unit's analysts, investigators and supervisors. */
export const DECIDERS: readonly Role[] = [
  'analyst',
  'investigator',
  'supervisor',
  'agency_admin',
  'coordinator',
  'system_admin',
];

export type SubjectDecisionsDeps = {
  db: Db;
  clock: Clock;
  queue: JobQueue;
  audit: AuditService;
  /** Runs a full relink-and-score (SubjectsService.relinkAndScore), for `applyNow`. */
  relink: (ctx: CallContext) => Promise<unknown>;
};

type Options = { applyNow?: boolean };

const preview = (xs: string[]) => xs.slice(0, 10).join(', ') + (xs.length > 10 ? ', ...' : '');

/**
 * Analysts' merge and split decisions: stored (who, when, why, which nodes), audited, and applied
 * by every later relink (the linking engine takes them as must-link / cannot-link constraints).
 */
export class SubjectDecisionsService {
  constructor(private readonly deps: SubjectDecisionsDeps) {}

  /**
   * Records that the given subjects are one (all their current nodes must stay together) and
   * enqueues the rescore that applies it; NotFoundError for a subject unknown or out of scope.
   */
  async mergeSubjects(
    ctx: CallContext,
    input: MergeSubjects,
    options: Options = {},
  ): Promise<DecisionResult> {
    const keys = [...new Set(input.subjects)];
    if (keys.length < 2) throw new ValidationError('merge needs two different subjects');
    const recorded = await this.deps.audit.run(
      ctx,
      'subject.merge',
      'alteration',
      async (trx, note) => {
        note.objectType = 'subject';
        note.objectIds = keys;
        requireRole(ctx.actor, DECIDERS);
        await this.requireVisible(trx, ctx, keys);
        const refs = (await membersOf(trx, keys)).map((m) => m.nodeRef);
        const row = await insertDecision(trx, ctx, this.deps.clock.now(), {
          kind: 'merge',
          refs,
          sideA: [],
          sideB: [],
          subjectKeys: keys,
          reason: input.reason,
        });
        note.objectIds = [...keys, row.id];
        note.details = { kind: 'merge', nodes: refs.length };
        return { row, jobId: await this.enqueue(trx, row) };
      },
    );
    return this.finish(ctx, recorded, options);
  }

  /**
   * Records that some members of a subject are not the same installation or household as the rest
   * (named directly, by client id or by IP) and enqueues the rescore that applies it; ValidationError
   * when the selection names nothing of the subject or all of it.
   */
  async splitSubject(
    ctx: CallContext,
    key: string,
    input: SplitSubject,
    options: Options = {},
  ): Promise<DecisionResult> {
    const recorded = await this.deps.audit.run(
      ctx,
      'subject.split',
      'alteration',
      async (trx, note) => {
        note.objectType = 'subject';
        note.objectIds = [key];
        requireRole(ctx.actor, DECIDERS);
        await this.requireVisible(trx, ctx, [key]);
        const members = await membersOf(trx, [key]);
        const { out, problems } = selectOut(members, input);
        if (problems.length > 0) throw new ValidationError('split selection', problems);
        if (out.size === 0) {
          throw new ValidationError('the selection names no member of the subject');
        }
        if (out.size === members.length) {
          throw new ValidationError('a split must leave at least one member in the subject');
        }
        const row = await insertDecision(trx, ctx, this.deps.clock.now(), {
          kind: 'split',
          refs: [],
          sideA: members.filter((m) => !out.has(m.nodeRef)).map((m) => m.nodeRef),
          sideB: members.filter((m) => out.has(m.nodeRef)).map((m) => m.nodeRef),
          subjectKeys: [key],
          reason: input.reason,
        });
        note.objectIds = [key, row.id];
        note.details = { kind: 'split', stay: members.length - out.size, out: out.size };
        return { row, jobId: await this.enqueue(trx, row) };
      },
    );
    return this.finish(ctx, recorded, options);
  }

  private async requireVisible(trx: Db, ctx: CallContext, keys: string[]): Promise<void> {
    const scope = await agencyScopeOf(trx, ctx.actor, this.deps.clock.now());
    const rows = await trx
      .selectFrom('subject')
      .select(['key', 'agencyCode'])
      .where('key', 'in', keys)
      .execute();
    const found = new Map(rows.map((r) => [r.key, r.agencyCode]));
    for (const key of keys) {
      // Out of scope answers exactly like unknown.
      if (!found.has(key) || !inScope(scope, found.get(key)!)) {
        throw new NotFoundError(`subject ${key} not found`);
      }
    }
  }

  private async enqueue(trx: Db, row: DecisionRow): Promise<string> {
    const job = await this.deps.queue.enqueue(
      'subjects.rescore',
      { reason: `${row.kind} decision ${row.id}` },
      { dedupeKey: 'subjects.rescore' },
      trx,
    );
    return job.id;
  }

  private async finish(
    ctx: CallContext,
    recorded: { row: DecisionRow; jobId: string },
    options: Options,
  ): Promise<DecisionResult> {
    const decision: DecisionView = decisionViewOf(recorded.row);
    if (!options.applyNow) return { decision, rescoreJobId: recorded.jobId };
    await this.deps.relink(ctx);
    const refs = [...decision.refs, ...decision.sideA, ...decision.sideB];
    return {
      decision,
      rescoreJobId: recorded.jobId,
      resultingSubjects: await subjectsHolding(this.deps.db, refs),
    };
  }
}

/** The members a split selection takes out, and what in it names nothing of the subject. */
function selectOut(
  members: Array<{ nodeRef: string; ip: string | null; clientId: string | null }>,
  input: SplitSubject,
): { out: Set<string>; problems: Array<{ path: string; message: string }> } {
  const out = new Set<string>();
  const problems: Array<{ path: string; message: string }> = [];
  const known = new Set(members.map((m) => m.nodeRef));
  const named = input.members.map((m) => (/^(obs|tip):/.test(m) ? m : `obs:${m}`));
  const unknown = named.filter((ref) => !known.has(ref));
  if (unknown.length > 0) {
    problems.push({ path: 'members', message: `not members of the subject: ${preview(unknown)}` });
  }
  for (const ref of named) if (known.has(ref)) out.add(ref);
  const pick = (values: string[], field: 'ip' | 'clientId', path: string) => {
    for (const value of values) {
      const hits = members.filter((m) => m[field]?.toLowerCase() === value.toLowerCase());
      if (hits.length === 0) {
        problems.push({ path, message: `no observation of the subject has ${value}` });
      }
      for (const m of hits) out.add(m.nodeRef);
    }
  };
  pick(input.ips, 'ip', 'ips');
  pick(input.clientIds, 'clientId', 'clientIds');
  return { out, problems };
}
