import { z } from 'zod';
import type { JobHandlers } from '#platform/jobs/job.types.js';
import type { HashsetsService } from './hashsets.service.js';

/** Payload of `hashsets.changed`: enqueued in the transaction that activates a set version. */
export const HashSetChangedPayloadSchema = z.object({
  hashSetId: z.string(),
  version: z.number().int(),
});

/**
 * `hashsets.changed`: makes this process's index current (a worker process that did not run the
 * import learns of it here). Idempotent: a rebuild reads whatever is active now. Other domains
 * that must re-match on a change subscribe with `hashsets.onChanged`.
 */
export function hashsetsJobs(hashsets: HashsetsService) {
  return {
    'hashsets.changed': {
      payload: HashSetChangedPayloadSchema,
      handle: async () => {
        await hashsets.refreshIndex();
      },
    },
  } satisfies JobHandlers;
}
