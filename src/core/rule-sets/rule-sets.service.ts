import { sql } from 'kysely';
import type { CallContext } from '#core/access/actor.js';
import { requireRole } from '#core/access/guards.js';
import { ADMIN_ROLES } from '#core/access/roles.js';
import type { AuditService } from '#core/audit/audit.service.js';
import {
  DEFAULT_RULE_SET,
  RULE_SET_V1,
  RuleSet,
  type RuleSetDefinition,
} from '#core/scoring/index.js';
import type { Clock } from '#platform/clock.js';
import type { Db } from '#platform/db/client.js';
import type { JobQueue } from '#platform/jobs/queue.js';
import { NotFoundError } from '#shared/errors.js';
import type { CreateRuleSet, RuleSetSummary, RuleSetView } from './rule-sets.schema.js';
import { RuleSetsRepository, type RuleSetRow } from './rule-sets.repository.js';

export type RuleSetsDeps = {
  db: Db;
  clock: Clock;
  queue: JobQueue;
  audit: AuditService;
  /**
   * The built-in versions, oldest first, stored under their own version numbers when no version is
   * stored (default: RULE_SET_V1 and DEFAULT_RULE_SET, so a score's version means the same rules in
   * the code, the docs and every database).
   */
  seeds?: RuleSetDefinition[];
};

const actorLabel = (ctx: CallContext) =>
  ctx.actor.kind === 'user'
    ? `user:${ctx.actor.userId}`
    : ctx.actor.kind === 'system'
      ? ctx.actor.label
      : 'anonymous';

/**
 * Rule sets stored in the database, versioned: a change is a new version (never an edit), the
 * newest version is the one the next rescore uses, and scores keep the version they were made with.
 */
export class RuleSetsService {
  private readonly repository = new RuleSetsRepository();

  constructor(private readonly deps: RuleSetsDeps) {}

  /** Stores the built-in versions when the table is empty (idempotent; concurrent callers agree). */
  async ensureSeeded(db: Db): Promise<void> {
    if (await this.repository.findLatest(db)) return;
    for (const seed of this.deps.seeds ?? [RULE_SET_V1, DEFAULT_RULE_SET]) {
      // Validates each seed too: a broken built-in must fail here, not at the first score.
      const definition = RuleSet.fromDefinition(seed).serialize();
      await this.repository.insertIfAbsent(db, {
        version: definition.version,
        name: definition.name,
        definition: JSON.stringify(definition),
        note: `built-in rule set version ${definition.version} (src/core/scoring/default-rule-set.ts)`,
        createdBy: 'system',
        createdByUserId: null,
        createdAt: this.deps.clock.now(),
      });
    }
  }

  /** The newest stored rule set (seeding the built-in versions first if none is stored). */
  async current(db: Db): Promise<RuleSet> {
    let row = await this.repository.findLatest(db);
    if (!row) {
      await this.ensureSeeded(db);
      row = await this.repository.findLatest(db);
    }
    return RuleSet.fromDefinition(JSON.parse(row!.definition));
  }

  /** Every stored version, newest first (administrators only). */
  async listRuleSets(ctx: CallContext): Promise<RuleSetSummary[]> {
    return this.deps.audit.run(ctx, 'rule_set.list', 'consultation', async (trx, note) => {
      requireRole(ctx.actor, ADMIN_ROLES);
      await this.ensureSeeded(trx);
      const rows = await this.repository.listAll(trx);
      note.details.count = rows.length;
      return rows.map((r, i) => summaryOf(r, i === 0));
    });
  }

  /** One version with its definition (administrators only); NotFoundError when unknown. */
  async getRuleSet(ctx: CallContext, version: number): Promise<RuleSetView> {
    return this.deps.audit.run(ctx, 'rule_set.read', 'consultation', async (trx, note) => {
      note.objectType = 'rule_set';
      note.objectIds = [String(version)];
      requireRole(ctx.actor, ADMIN_ROLES);
      await this.ensureSeeded(trx);
      const row = await this.repository.findByVersion(trx, version);
      if (!row) throw new NotFoundError(`rule set version ${version} not found`);
      const latest = await this.repository.findLatest(trx);
      return {
        ...summaryOf(row, latest?.version === row.version),
        definition: JSON.parse(row.definition),
      };
    });
  }

  /**
   * Stores a changed rule set as the next version (system administrators only) and enqueues a
   * rescore: scores change only when that job runs; throws ValidationError for a bad definition.
   */
  async createRuleSet(
    ctx: CallContext,
    input: CreateRuleSet,
  ): Promise<RuleSetView & { rescoreJobId: string }> {
    return this.deps.audit.run(ctx, 'rule_set.create', 'alteration', async (trx, note) => {
      requireRole(ctx.actor, ['system_admin']);
      // One writer at a time picks the next number.
      await sql`select pg_advisory_xact_lock(hashtext('rule_set.create'))`.execute(trx);
      await this.ensureSeeded(trx);
      const latest = await this.repository.findLatest(trx);
      const version = (latest?.version ?? 0) + 1;
      const definition = RuleSet.fromDefinition({ ...input.definition, version }).serialize();
      const row: RuleSetRow = {
        version,
        name: definition.name,
        definition: JSON.stringify(definition),
        note: input.note,
        createdBy: actorLabel(ctx),
        createdByUserId: ctx.actor.kind === 'user' ? ctx.actor.userId : null,
        createdAt: this.deps.clock.now(),
      };
      await this.repository.insertIfAbsent(trx, row);
      const job = await this.deps.queue.enqueue(
        'subjects.rescore',
        { reason: `rule set v${version}` },
        { dedupeKey: 'subjects.rescore' },
        trx,
      );
      note.objectType = 'rule_set';
      note.objectIds = [String(version)];
      note.details = { version, rules: definition.rules.length };
      return { ...summaryOf(row, true), definition, rescoreJobId: job.id };
    });
  }
}

function summaryOf(row: RuleSetRow, isCurrent: boolean): RuleSetSummary {
  const definition = JSON.parse(row.definition) as RuleSetDefinition;
  return {
    version: row.version,
    name: row.name,
    note: row.note,
    createdBy: row.createdBy,
    createdAt: row.createdAt.toISOString(),
    isCurrent,
    ruleCount: definition.rules.length,
    maxScore: Math.round(definition.rules.reduce((s, r) => s + r.weight, 0) * 100) / 100,
  };
}
