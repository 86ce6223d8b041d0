import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '#platform/db/tables.js';
import type { AuditQuery } from './audit.schema.js';

type Db = Kysely<Database> | Transaction<Database>;

// Any constant: serialises appenders so that seq and prev_hash form one chain.
const AUDIT_LOCK_KEY = 7_388_452;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

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
        // SET LOCAL, not set_config(): the application's PGlite pool refuses set_config (it could
        // change the role); the value is an integer this code computed, never caller text.
        const ms = Number.isFinite(timeoutMs) ? Math.max(1, Math.round(timeoutMs)) : 1;
        await sql.raw(`set local lock_timeout = '${ms}ms'`).execute(trx);
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

  /**
   * The rows an organisation's auditor reads, matching the filters, in chain order: its own rows
   * and every row that touched an object it owns, whoever wrote it.
   */
  async listForOrganisation(db: Db, organisationId: string, q: AuditQuery): Promise<AuditRow[]> {
    let query = db
      .selectFrom('auditLog')
      .selectAll()
      .where((eb) =>
        eb.or([
          eb('organisationId', '=', organisationId),
          eb(sql.val(organisationId), '=', eb.fn.any('ownerOrganisationIds')),
        ]),
      )
      .where('seq', '>', q.afterSeq);
    if (q.owner) {
      query = query.where(sql.val(q.owner), '=', (eb) => eb.fn.any('ownerOrganisationIds'));
    }
    if (q.action) query = query.where('action', '=', q.action);
    if (q.outcome) query = query.where('outcome', '=', q.outcome);
    if (q.actorId) query = query.where('actorId', '=', q.actorId);
    return query.orderBy('seq').limit(q.limit).execute();
  }

  /**
   * The organisations that own the objects named by an audit row: cases and what hangs on a case
   * (identities, warrants, tasks, legal authorities) through the case, referrals through their
   * sending agency, imports and their quarantined rows through the uploading organisation, shares, users and organisations, and subjects (by key) through their agency's
   * organisation. Ids that name nothing owned are ignored.
   */
  async ownersOf(db: Db, objectIds: readonly string[]): Promise<string[]> {
    const keys = [...new Set(objectIds)];
    const uuids = keys.filter((k) => UUID.test(k));
    const rows = await sql<{ org: string }>`
      select distinct org::text as org from (
        select organisation_id as org from investigation_case where id = any(${uuids}::uuid[])
        union select c.organisation_id from subscriber_identity x
          join investigation_case c on c.id = x.case_id where x.id = any(${uuids}::uuid[])
        union select c.organisation_id from warrant x
          join investigation_case c on c.id = x.case_id where x.id = any(${uuids}::uuid[])
        union select c.organisation_id from case_task x
          join investigation_case c on c.id = x.case_id where x.id = any(${uuids}::uuid[])
        union select c.organisation_id from legal_authority x
          join investigation_case c on c.id = x.case_id where x.id = any(${uuids}::uuid[])
        union select from_organisation_id from referral where id = any(${uuids}::uuid[])
        union select owner_organisation_id from import_journal where id = any(${uuids}::uuid[])
        union select j.owner_organisation_id from quarantine x
          join import_journal j on j.id = x.import_id where x.id = any(${uuids}::uuid[])
        union select owner_organisation_id from share where id = any(${uuids}::uuid[])
        union select organisation_id from app_user where id = any(${uuids}::uuid[])
        union select id from organisation where id = any(${uuids}::uuid[])
        union select o.id from subject s
          join organisation o on o.code = s.agency_code and o.kind = 'agency'
          where s.key = any(${keys}::text[])
      ) owners where org is not null order by 1`.execute(db);
    return rows.rows.map((r) => r.org);
  }

  /** Display names of users and names of organisations, by id (for the auditors' screen). */
  async namesOf(
    db: Db,
    userIds: readonly string[],
    organisationIds: readonly string[],
  ): Promise<{ people: Record<string, string>; organisations: Record<string, string> }> {
    const people =
      userIds.length === 0
        ? []
        : await db
            .selectFrom('appUser')
            .select(['id', 'displayName'])
            .where('id', 'in', [...userIds])
            .execute();
    const orgs =
      organisationIds.length === 0
        ? []
        : await db
            .selectFrom('organisation')
            .select(['id', 'name', 'code'])
            .where('id', 'in', [...organisationIds])
            .execute();
    return {
      people: Object.fromEntries(people.map((p) => [p.id, p.displayName])),
      organisations: Object.fromEntries(orgs.map((o) => [o.id, `${o.name} (${o.code})`])),
    };
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
