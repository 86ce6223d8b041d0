import type { JobHandlers } from '#platform/jobs/job.types.js';
import { RematchPayloadSchema } from './intake.schema.js';
import type { IntakeService } from './intake.service.js';

/** Intake jobs: `intake.rematch` re-runs hash matching over stored observations (idempotent). */
export function intakeJobs(intake: IntakeService): JobHandlers {
  return {
    'intake.rematch': {
      payload: RematchPayloadSchema,
      handle: async (payload) => void (await intake.rematch(payload)),
    },
  };
}
