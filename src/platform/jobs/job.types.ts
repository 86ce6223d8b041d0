import type { z } from 'zod';

/** A job handler: its payload schema (parsed when the job is leased) and an idempotent function. */
export type JobHandler<P = unknown> = {
  payload: z.ZodType<P>;
  handle: (payload: P, context: { jobId: string; attempt: number }) => Promise<void>;
};

/** Handlers by job name (`domain.verb`), declared per domain in `core/<domain>/<domain>.jobs.ts`. */
// Each handler has its own payload type; `any` here is what lets one record hold them all.
// oxlint-disable-next-line typescript/no-explicit-any
export type JobHandlers = Record<string, JobHandler<any>>;

export type EnqueueOptions = {
  /** Do not run before this time. */
  runAt?: Date;
  /** Give up after this many attempts (default 5). */
  maxAttempts?: number;
  /** At most one unfinished job with this key exists; a second enqueue returns the first. */
  dedupeKey?: string;
};
