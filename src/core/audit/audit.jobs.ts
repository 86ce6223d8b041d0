import { z } from 'zod';
import { systemContext } from '#core/access/actor.js';
import type { JobHandlers } from '#platform/jobs/job.types.js';
import { CHECKPOINT_JOB, type AuditCheckpointsService } from './audit-checkpoints.service.js';

/**
 * `audit.checkpoint`: signs a checkpoint of the chain head with the configured key (audited, actor
 * the job), and queues the next one for the next interval, so checkpoints are written on a schedule
 * for as long as a worker runs.
 */
export function auditJobs(checkpoints: AuditCheckpointsService) {
  return {
    [CHECKPOINT_JOB]: {
      payload: z.object({}),
      handle: async () => {
        // The next run is queued first: a broken chain fails this run, never the schedule.
        await checkpoints.scheduleNext();
        await checkpoints.checkpoint(systemContext('job', CHECKPOINT_JOB));
      },
    },
  } satisfies JobHandlers;
}
