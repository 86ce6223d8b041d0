import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '#platform/db/tables.js';
import type { AuditQuery } from './audit.schema.js';

type Db = Kysely<Database> | Transaction<Database>;

// Any constant: serialises appenders so that seq and prev_hash form one chain.
const AUDIT_LOCK_KEY = 7_388_452;

export type AuditRow = Database['auditLog'];

/** Kysely queries over audit_log; the table is INSERT-only. */
export class AuditRepository {
  /** Takes the chain lock (held until the transaction ends) and returns the current head. */
  async lockHead(trx: Db): Promise<{ seq: number; hash: string } | undefined> {
    await sql`select pg_advisory_xact_lock(${AUDIT_LOCK_KEY})`.execute(trx);
    return trx
      .selectFrom('auditLog')
      .select(['seq', 'hash'])
      .orderBy('seq', 'desc')
      .limit(1)
      .executeTakeFirst();
  }

  /**
   * Whether the chain lock can be taken within `timeoutMs` (taken and released at once): false
   * means an open transaction holds it, and every audited operation waits behind it.
   */
  async probeLock(db: Db, timeoutMs: number): Promise<boolean> {
    try {
      await db.transaction().execute(async (trx) => {
        await sql`select set_config('lock_timeout', ${`${Math.max(1, Math.round(timeoutMs))}ms`}, true)`.execute(
          trx,
        );
        await sql`select pg_advisory_xact_lock(${AUDIT_LOCK_KEY})`.execute(trx);
      });
      return true;
    } catch (error) {
      if ((error as { code?: string }).code === '55P03') return false;
      throw error;
    }
  }

  /** The newest entry's seq and time (null: an empty log). */
  async head(db: Db): Promise<{ seq: number; occurredAt: Date } | null> {
    const row = await db
      .selectFrom('auditLog')
      .select(['seq', 'occurredAt'])
      .orderBy('seq', 'desc')
      .limit(1)
      .executeTakeFirst();
    return row ? { seq: row.seq, occurredAt: new Date(row.occurredAt) } : null;
  }

  async insert(trx: Db, row: AuditRow): Promise<void> {
    await trx.insertInto('auditLog').values(row).execute();
  }

  /** A page of rows in chain order, from seq > afterSeq. */
  async page(db: Db, afterSeq: number, limit: number): Promise<AuditRow[]> {
    return db
      .selectFrom('auditLog')
      .selectAll()
      .where('seq', '>', afterSeq)
      .orderBy('seq')
      .limit(limit)
      .execute();
  }

  /** Rows of one organisation matching the filters, in chain order. */
  async listForOrganisation(db: Db, organisationId: string, q: AuditQuery): Promise<AuditRow[]> {
    let query = db
      .selectFrom('auditLog')
      .selectAll()
      .where('organisationId', '=', organisationId)
      .where('seq', '>', q.afterSeq);
    if (q.action) query = query.where('action', '=', q.action);
    if (q.outcome) query = query.where('outcome', '=', q.outcome);
    if (q.actorId) query = query.where('actorId', '=', q.actorId);
    return query.orderBy('seq').limit(q.limit).execute();
  }

  async count(db: Db): Promise<number> {
    const row = await db
      .selectFrom('auditLog')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return row.n;
  }

  async findBySeq(db: Db, seq: number): Promise<AuditRow | undefined> {
    return db.selectFrom('auditLog').selectAll().where('seq', '=', seq).executeTakeFirst();
  }
}
