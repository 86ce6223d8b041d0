import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { Clock } from '../clock.js';
import type { Db } from '../db/client.js';
import type { Logger } from '../logger.js';
import type { JobHandlers } from './job.types.js';
import type { JobQueue } from './queue.js';

export type WorkerOptions = {
  db: Db;
  handlers: JobHandlers;
  clock: Clock;
  logger: Logger;
  pollMs: number;
  /** How long a leased job is ours; past it, another worker may take it (we crashed). */
  leaseMs?: number;
  queue?: JobQueue;
};

const MAX_BACKOFF_MS = 60 * 60 * 1000;

/** Delay before retry N (1-based): 2, 4, 8 … seconds, at most an hour. */
export function backoffMs(attempt: number): number {
  return Math.min(MAX_BACKOFF_MS, 1000 * 2 ** attempt);
}

/**
 * Leases jobs with `FOR UPDATE SKIP LOCKED`, runs their handler and records the outcome:
 * done, queued again with backoff, or failed after its last attempt (the error is kept).
 */
export class JobWorker {
  readonly id = `worker-${process.pid}-${randomUUID().slice(0, 8)}`;
  #running = false;
  #current: Promise<unknown> = Promise.resolve();
  #timer: NodeJS.Timeout | undefined;
  #unsubscribe: (() => void) | undefined;
  #lastBeat: Date | undefined;

  constructor(private readonly options: WorkerOptions) {}

  /** Starts polling until stop(). */
  start(): void {
    if (this.#running) return;
    this.#running = true;
    this.#lastBeat = this.options.clock.now();
    this.#unsubscribe = this.options.queue?.onEnqueued(() => this.#schedule(0));
    this.#schedule(0);
  }

  /**
   * When the loop last polled or finished a job, while it runs (health: a stale beat means the
   * loop is blocked, e.g. by a job that never returns); undefined once stopped.
   */
  get heartbeat(): Date | undefined {
    return this.#running ? this.#lastBeat : undefined;
  }

  /** Stops polling and waits for the job in hand to finish. */
  async stop(): Promise<void> {
    this.#running = false;
    clearTimeout(this.#timer);
    this.#unsubscribe?.();
    await this.#current;
  }

  /** Leases and runs one ready job; returns false when none was ready. */
  async runOnce(): Promise<boolean> {
    const job = await this.#lease();
    if (!job) return false;
    const { logger, handlers } = this.options;
    const log = logger.child({ jobId: job.id, job: job.name, attempt: job.attempts });
    if (job.attempts > job.maxAttempts) {
      await this.#finish(job.id, 'failed', 'lease expired after the last attempt');
      return true;
    }
    const handler = handlers[job.name];
    if (!handler) {
      await this.#finish(job.id, 'failed', `no handler for job ${job.name}`);
      log.error('job has no handler');
      return true;
    }
    const payload = handler.payload.safeParse(JSON.parse(job.payload));
    if (!payload.success) {
      await this.#finish(job.id, 'failed', `invalid payload: ${payload.error.message}`);
      log.error('job payload invalid');
      return true;
    }
    try {
      await handler.handle(payload.data, { jobId: job.id, attempt: job.attempts });
      await this.#finish(job.id, 'done', null);
      log.debug('job done');
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (job.attempts >= job.maxAttempts) {
        await this.#finish(job.id, 'failed', message);
        log.error({ err: error }, 'job failed for good');
      } else {
        await this.options.db
          .updateTable('job')
          .set({
            status: 'queued',
            lastError: message,
            leasedUntil: null,
            lockedBy: null,
            runAt: new Date(this.options.clock.now().getTime() + backoffMs(job.attempts)),
          })
          .where('id', '=', job.id)
          .execute();
        log.warn({ err: error }, 'job failed; will retry');
      }
    }
    return true;
  }

  #schedule(delayMs: number): void {
    if (!this.#running) return;
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => {
      this.#current = this.#drain().catch((error: unknown) =>
        this.options.logger.error({ err: error }, 'worker loop error'),
      );
    }, delayMs);
  }

  async #drain(): Promise<void> {
    await this.#current.catch(() => undefined);
    this.#lastBeat = this.options.clock.now();
    while (this.#running && (await this.runOnce())) this.#lastBeat = this.options.clock.now();
    this.#schedule(this.options.pollMs);
  }

  async #lease() {
    const { db, clock } = this.options;
    const now = clock.now();
    const leasedUntil = new Date(now.getTime() + (this.options.leaseMs ?? 5 * 60_000));
    const row = await db
      .updateTable('job')
      .set({
        status: 'running',
        attempts: sql`attempts + 1`,
        leasedUntil,
        lockedBy: this.id,
      })
      .where(
        'id',
        '=',
        db
          .selectFrom('job')
          .select('id')
          .where((eb) =>
            eb.or([
              eb.and([eb('status', '=', 'queued'), eb('runAt', '<=', now)]),
              eb.and([eb('status', '=', 'running'), eb('leasedUntil', '<', now)]),
            ]),
          )
          .orderBy('runAt')
          .limit(1)
          .forUpdate()
          .skipLocked(),
      )
      .returning(['id', 'name', 'payload', 'attempts', 'maxAttempts'])
      .executeTakeFirst();
    return row as
      | { id: string; name: string; payload: string; attempts: number; maxAttempts: number }
      | undefined;
  }

  async #finish(id: string, status: 'done' | 'failed', error: string | null): Promise<void> {
    await this.options.db
      .updateTable('job')
      .set({
        status,
        lastError: error,
        leasedUntil: null,
        finishedAt: this.options.clock.now(),
      })
      .where('id', '=', id)
      .execute();
  }
}
