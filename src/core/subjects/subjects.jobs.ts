import { systemContext } from '#core/access/actor.js';
import type { JobHandlers } from '#platform/jobs/job.types.js';
import { RescorePayloadSchema } from './queue.schema.js';
import type { SubjectsService } from './subjects.service.js';

/** Subjects jobs: `subjects.rescore` relinks every stored row into subjects and scores them. */
export function subjectsJobs(subjects: SubjectsService): JobHandlers {
  return {
    'subjects.rescore': {
      payload: RescorePayloadSchema,
      handle: async () =>
        void (await subjects.relinkAndScore(systemContext('job', 'subjects.rescore'))),
    },
  };
}
