import type { ControlledTransaction } from 'kysely';
import type { Db } from '#platform/db/client.js';
import type { Database } from '#platform/db/tables.js';

/**
 * Runs batch writes in shared transactions, committing every `perCommit` batches: fewer commits
 * (each an fsync on a server) while every commit still covers whole batches and their journal row.
 */
export class CommitGroup {
  private trx: ControlledTransaction<Database> | null = null;
  private batches = 0;

  constructor(
    private readonly db: Db,
    private readonly perCommit: number,
  ) {}

  /** Runs `fn` in the open transaction (opening one); returns whether this call committed it. */
  async run<T>(fn: (trx: Db) => Promise<T>): Promise<{ value: T; committed: boolean }> {
    this.trx ??= await this.db.startTransaction().execute();
    let value: T;
    try {
      value = await fn(this.trx);
    } catch (error) {
      await this.rollback();
      throw error;
    }
    this.batches++;
    if (this.batches < this.perCommit) return { value, committed: false };
    await this.commit();
    return { value, committed: true };
  }

  /** Commits the open transaction, if any. */
  async commit(): Promise<void> {
    const trx = this.trx;
    this.trx = null;
    this.batches = 0;
    if (trx) await trx.commit().execute();
  }

  /** Rolls the open transaction back, if any (after an error). */
  async rollback(): Promise<void> {
    const trx = this.trx;
    this.trx = null;
    this.batches = 0;
    if (trx) await trx.rollback().execute();
  }
}
