import { systemContext } from '#core/access/actor.js';
import type { JobHandlers } from '#platform/jobs/job.types.js';
import { RescorePayloadSchema } from './queue.schema.js';
import type { SubjectsService } from './subjects.service.js';

/**
 * Subjects jobs: `subjects.rescore` brings subjects and scores up to date (incremental unless the
 * payload asks `full` or the rule set or linking parameters changed).
 */
export function subjectsJobs(subjects: SubjectsService): JobHandlers {
  return {
    'subjects.rescore': {
      payload: RescorePayloadSchema,
      handle: async (payload) =>
        void (await subjects.relinkAndScore(systemContext('job', 'subjects.rescore'), {
          full: payload.full,
        })),
    },
  };
}
