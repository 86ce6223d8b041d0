import { EventEmitter } from 'node:events';
import type { Clock } from '../clock.js';
import type { Db } from '../db/client.js';
import type { EnqueueOptions } from './job.types.js';

/**
 * Enqueues jobs into the `job` table. Pass a transaction as `db` to enqueue atomically with the
 * change that calls for the job (a transactional outbox).
 */
export class JobQueue {
  readonly #events = new EventEmitter();

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  /** Adds a job; with a dedupeKey that an unfinished job already has, returns that job's id. */
  async enqueue(
    name: string,
    payload: unknown,
    options: EnqueueOptions = {},
    db: Db = this.db,
  ): Promise<{ id: string; isDuplicate: boolean }> {
    const inserted = await db
      .insertInto('job')
      .values({
        name,
        payload: JSON.stringify(payload),
        runAt: options.runAt ?? this.clock.now(),
        maxAttempts: options.maxAttempts ?? 5,
        dedupeKey: options.dedupeKey ?? null,
      })
      .onConflict((oc) =>
        oc
          .column('dedupeKey')
          .where('dedupeKey', 'is not', null)
          .where('status', 'in', ['queued', 'running'])
          .doNothing(),
      )
      .returning('id')
      .executeTakeFirst();
    if (inserted) {
      this.#events.emit('enqueued');
      return { id: inserted.id, isDuplicate: false };
    }
    const existing = await db
      .selectFrom('job')
      .select('id')
      .where('dedupeKey', '=', options.dedupeKey ?? null)
      .where('status', 'in', ['queued', 'running'])
      .executeTakeFirstOrThrow();
    return { id: existing.id, isDuplicate: true };
  }

  /**
   * Marks the queued (not yet running) jobs of this name done: for a caller that has just done
   * their work itself, in the same transaction (`db`), so that the worker does not do it again.
   */
  async settleQueued(name: string, db: Db = this.db): Promise<number> {
    const settled = await db
      .updateTable('job')
      .set({ status: 'done', finishedAt: this.clock.now() })
      .where('name', '=', name)
      .where('status', '=', 'queued')
      .executeTakeFirst();
    return Number(settled.numUpdatedRows);
  }

  /** Calls `listener` whenever this process enqueues a job (wakes an in-process worker early). */
  onEnqueued(listener: () => void): () => void {
    this.#events.on('enqueued', listener);
    return () => this.#events.off('enqueued', listener);
  }

  /** Counts jobs by status, for health and tests. */
  async countByStatus(): Promise<Record<string, number>> {
    const rows = await this.db
      .selectFrom('job')
      .select(['status', (eb) => eb.fn.countAll<number>().as('count')])
      .groupBy('status')
      .execute();
    return Object.fromEntries(rows.map((r) => [r.status, r.count]));
  }
}
