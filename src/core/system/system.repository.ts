import { sql, type Kysely } from 'kysely';
import type { Database } from '#platform/db/tables.js';

export type JobStats = {
  queued: number;
  running: number;
  failed: number;
  /** Seconds the oldest ready (queued, due) job has waited; 0 when none. */
  oldestReadySeconds: number;
  /** Seconds since the oldest running job's lease ran out; 0 when no lease has. */
  expiredLeaseSeconds: number;
};

/** Operational reads of the job table (health and metrics). */
export class SystemRepository {
  async jobStats(db: Kysely<Database>, now: Date): Promise<JobStats> {
    const result = await sql<{
      queued: number;
      running: number;
      failed: number;
      oldestReady: Date | null;
      oldestLeaseEnd: Date | null;
    }>`
      select
        count(*) filter (where status = 'queued')::int8 as queued,
        count(*) filter (where status = 'running')::int8 as running,
        count(*) filter (where status = 'failed')::int8 as failed,
        min(run_at) filter (where status = 'queued' and run_at <= ${now}) as "oldestReady",
        min(leased_until) filter (where status = 'running' and leased_until < ${now}) as "oldestLeaseEnd"
      from job`.execute(db);
    const row = result.rows[0]!;
    const age = (t: Date | null) =>
      t === null ? 0 : Math.max(0, (now.getTime() - new Date(t).getTime()) / 1000);
    return {
      queued: row.queued,
      running: row.running,
      failed: row.failed,
      oldestReadySeconds: age(row.oldestReady),
      expiredLeaseSeconds: age(row.oldestLeaseEnd),
    };
  }
}
