import { z } from 'zod';

export const HealthSchema = z
  .object({
    status: z.enum(['ok', 'degraded']).describe('ok when every check passes'),
    version: z.string().describe('Vigil version'),
    engine: z.enum(['pglite', 'pg']).describe('Database engine in use'),
    checks: z.object({
      database: z.enum(['ok', 'unreachable']),
      migrations: z.enum(['current', 'pending', 'unknown']),
      audit: z
        .enum(['ok', 'stuck', 'unknown'])
        .describe('stuck: the audit chain lock is held, so no audited operation can commit'),
      jobs: z
        .enum(['ok', 'stuck', 'unknown'])
        .describe(
          'stuck: a due job has waited, or a lease has been expired, longer than the threshold',
        ),
      worker: z
        .enum(['ok', 'stuck', 'absent'])
        .describe(
          "stuck: this process's job worker has not completed a poll within the threshold; absent: no worker role here",
        ),
    }),
    migrations: z.object({
      applied: z.number().int().describe('Number of applied migrations'),
      pending: z.number().int().describe('Number of migrations not yet applied'),
    }),
    problems: z.array(z.string()).describe('What is wrong, one line per failing check'),
  })
  .meta({ id: 'Health' });

export type Health = z.infer<typeof HealthSchema>;

/** Operational figures for metrics (no investigative content: counts and ages only). */
export type OpsSnapshot = {
  jobs: {
    queued: number;
    running: number;
    failed: number;
    oldestReadySeconds: number;
    expiredLeaseSeconds: number;
  };
  audit: { entries: number; lastEntryAgeSeconds: number | null; appendable: boolean };
  workerHeartbeatAgeSeconds: number | null;
};
