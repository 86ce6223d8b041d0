import type { Kysely } from 'kysely';
import type { Database } from '#platform/db/tables.js';
import type { Health, OpsSnapshot } from './system.schema.js';
import { SystemRepository } from './system.repository.js';

/** What the system service needs from the platform (passed in by the composition root). */
export type SystemPorts = {
  version: string;
  engine: 'pglite' | 'pg';
  db: Kysely<Database>;
  clock: { now: () => Date };
  pingDatabase: () => Promise<void>;
  migrationStatus: () => Promise<{ applied: number[]; pending: number[] }>;
  /** The audit chain's state (AuditService.probe). */
  probeAudit: (
    timeoutMs: number,
  ) => Promise<{ appendable: boolean; head: { seq: number; occurredAt: Date } | null }>;
  /** When this process's job worker last completed a poll; undefined when it runs no worker. */
  workerHeartbeat: () => Date | undefined;
  /** Jobs or a worker silent for longer than this are stuck (health turns red). */
  stuckAfterMs: number;
  /** How long health waits for the audit chain lock. */
  auditProbeMs?: number;
};

export class SystemService {
  private readonly repo = new SystemRepository();

  constructor(private readonly ports: SystemPorts) {}

  get version(): string {
    return this.ports.version;
  }

  /** Counts and ages for the metrics endpoint. */
  async getOpsSnapshot(): Promise<OpsSnapshot> {
    const now = this.ports.clock.now();
    const jobs = await this.repo.jobStats(this.ports.db, now);
    const audit = await this.ports.probeAudit(this.ports.auditProbeMs ?? 2000);
    const beat = this.ports.workerHeartbeat();
    return {
      jobs,
      audit: {
        entries: audit.head?.seq ?? 0,
        lastEntryAgeSeconds: audit.head ? secondsSince(now, audit.head.occurredAt) : null,
        appendable: audit.appendable,
      },
      workerHeartbeatAgeSeconds: beat ? secondsSince(now, beat) : null,
    };
  }

  /**
   * Reports whether the database answers, all migrations are applied, the audit can append and
   * the jobs move; never throws. `problems` names each failing component.
   */
  async getHealth(): Promise<Health> {
    const { version, engine } = this.ports;
    try {
      await this.ports.pingDatabase();
    } catch {
      return {
        status: 'degraded',
        version,
        engine,
        checks: {
          database: 'unreachable',
          migrations: 'unknown',
          audit: 'unknown',
          jobs: 'unknown',
          worker: this.workerCheck().check,
        },
        migrations: { applied: 0, pending: 0 },
        problems: ['database: unreachable'],
      };
    }
    const problems: string[] = [];
    const status = await this.ports.migrationStatus().catch(() => undefined);
    const migrations = status ? (status.pending.length === 0 ? 'current' : 'pending') : 'unknown';
    if (migrations !== 'current') problems.push(`migrations: ${migrations}`);
    const snapshot = await this.getOpsSnapshot().catch(() => undefined);
    const limit = this.ports.stuckAfterMs / 1000;
    let audit: Health['checks']['audit'] = 'unknown';
    let jobs: Health['checks']['jobs'] = 'unknown';
    if (snapshot) {
      audit = snapshot.audit.appendable ? 'ok' : 'stuck';
      if (audit === 'stuck') {
        problems.push('audit: the chain lock is held by a transaction; audited operations wait');
      }
      const j = snapshot.jobs;
      jobs = j.oldestReadySeconds > limit || j.expiredLeaseSeconds > limit ? 'stuck' : 'ok';
      if (j.oldestReadySeconds > limit) {
        problems.push(`jobs: a due job has waited ${Math.round(j.oldestReadySeconds)} s`);
      }
      if (j.expiredLeaseSeconds > limit) {
        problems.push(
          `jobs: a running job's lease expired ${Math.round(j.expiredLeaseSeconds)} s ago`,
        );
      }
    } else {
      problems.push('audit and jobs: could not be read');
    }
    const worker = this.workerCheck();
    if (worker.problem) problems.push(worker.problem);
    return {
      status: problems.length === 0 ? 'ok' : 'degraded',
      version,
      engine,
      checks: { database: 'ok', migrations, audit, jobs, worker: worker.check },
      migrations: { applied: status?.applied.length ?? 0, pending: status?.pending.length ?? 0 },
      problems,
    };
  }

  private workerCheck(): { check: Health['checks']['worker']; problem?: string } {
    const beat = this.ports.workerHeartbeat();
    if (!beat) return { check: 'absent' };
    const age = secondsSince(this.ports.clock.now(), beat);
    if (age * 1000 <= this.ports.stuckAfterMs) return { check: 'ok' };
    return { check: 'stuck', problem: `worker: no poll completed for ${Math.round(age)} s` };
  }
}

function secondsSince(now: Date, then: Date): number {
  return Math.max(0, (now.getTime() - then.getTime()) / 1000);
}
