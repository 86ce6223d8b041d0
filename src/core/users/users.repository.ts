import {
  sql,
  type Insertable,
  type Kysely,
  type Selectable,
  type Transaction,
  type Updateable,
} from 'kysely';
import type { Database } from '#platform/db/tables.js';
import type { Actor } from '#core/access/actor.js';
import { visibleTo } from '#core/access/scope.js';

type Db = Kysely<Database> | Transaction<Database>;
export type UserRow = Selectable<Database['appUser']>;

/** The lockout policy the counter statement applies (SecurityPolicy.lockout). */
export type LockoutPolicy = { threshold: number; windowMs: number; autoReleaseMs: number };

/** True for a row locked now: locked_at set and, with auto-release on, recent enough. */
function isLockedSql(now: Date, autoReleaseMs: number) {
  return autoReleaseMs === 0
    ? sql<boolean>`(locked_at is not null)`
    : sql<boolean>`(locked_at is not null and locked_at > ${new Date(now.getTime() - autoReleaseMs)}::timestamptz)`;
}

/** Kysely queries over app_user and the session/token rows that hang off it. */
export class UsersRepository {
  async insert(db: Db, row: Insertable<Database['appUser']>): Promise<UserRow> {
    return await db.insertInto('appUser').values(row).returningAll().executeTakeFirstOrThrow();
  }

  async findByUsername(db: Db, username: string): Promise<UserRow | undefined> {
    return await db
      .selectFrom('appUser')
      .selectAll()
      .where('username', '=', username)
      .executeTakeFirst();
  }

  async findById(db: Db, id: string): Promise<UserRow | undefined> {
    return await db.selectFrom('appUser').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** One account, only if the actor may see it (own organisation, a share, or cross-org admin). */
  async findVisible(
    db: Db,
    actor: Actor,
    id: string,
    now: Date,
    crossOrg: boolean,
    mode: 'view' | 'edit',
  ): Promise<UserRow | undefined> {
    return await db
      .selectFrom('appUser')
      .selectAll()
      .where('id', '=', id)
      .where(
        visibleTo(
          actor,
          { type: 'user', idColumn: 'app_user.id', ownerColumn: 'app_user.organisation_id' },
          now,
          mode,
          crossOrg,
        ),
      )
      // Edits lock the row so a concurrent role change cannot slip between check and write.
      .$if(mode === 'edit', (qb) => qb.forUpdate())
      .executeTakeFirst();
  }

  async listVisible(
    db: Db,
    actor: Actor,
    now: Date,
    crossOrg: boolean,
    organisationId?: string,
  ): Promise<UserRow[]> {
    let q = db
      .selectFrom('appUser')
      .selectAll()
      .where(
        visibleTo(
          actor,
          { type: 'user', idColumn: 'app_user.id', ownerColumn: 'app_user.organisation_id' },
          now,
          'view',
          crossOrg,
        ),
      );
    if (organisationId) q = q.where('organisationId', '=', organisationId);
    return await q.orderBy('username').limit(1000).execute();
  }

  async update(db: Db, id: string, patch: Updateable<Database['appUser']>): Promise<void> {
    await db.updateTable('appUser').set(patch).where('id', '=', id).execute();
  }

  /**
   * Counts one failed sign-in and decides the lock in ONE statement: concurrent failures each
   * count (PostgreSQL re-reads a row changed by a concurrent transaction before updating it). The
   * count restarts at 1 when the first failure is older than the window; reaching the threshold
   * locks the account, an existing lock is kept as it is. Returns the new count and lock time.
   */
  async recordFailedLogin(
    db: Db,
    id: string,
    now: Date,
    policy: LockoutPolicy,
  ): Promise<{ failedLogins: number; lockedAt: Date | null } | undefined> {
    const windowStart = new Date(now.getTime() - policy.windowMs);
    const inWindow = sql<boolean>`(first_failed_at is not null and first_failed_at >= ${windowStart}::timestamptz)`;
    const count = sql<number>`(case when ${inWindow} then failed_logins + 1 else 1 end)`;
    return await db
      .updateTable('appUser')
      .set({
        failedLogins: count,
        firstFailedAt: sql<Date>`(case when ${inWindow} then first_failed_at else ${now}::timestamptz end)`,
        lockedAt: sql<Date | null>`(case
          when ${isLockedSql(now, policy.autoReleaseMs)} then locked_at
          when ${count} >= ${policy.threshold}::integer then ${now}::timestamptz
          else locked_at end)`,
      })
      .where('id', '=', id)
      .returning(['failedLogins', 'lockedAt'])
      .executeTakeFirst();
  }

  /**
   * Records a successful password (and TOTP) check in ONE conditional statement, which holds only
   * while the account is active and not locked, its password hash and TOTP secret are still those
   * just checked, and the TOTP step is later than the last one used (so of concurrent sign-ins
   * with one code exactly one passes). Clears the failure count. Undefined when a condition fails.
   */
  async recordCredentialSuccess(
    db: Db,
    checked: Pick<UserRow, 'id' | 'passwordHash' | 'totpSecret'>,
    step: number | null,
    now: Date,
    autoReleaseMs: number,
  ): Promise<UserRow | undefined> {
    return await db
      .updateTable('appUser')
      .set({
        failedLogins: 0,
        firstFailedAt: null,
        lockedAt: null,
        ...(step === null ? {} : { totpLastStep: step }),
      })
      .where('id', '=', checked.id)
      .where('status', '=', 'active')
      .where(sql<boolean>`not ${isLockedSql(now, autoReleaseMs)}`)
      .where('passwordHash', '=', checked.passwordHash)
      .$if(checked.totpSecret === null, (qb) => qb.where('totpSecret', 'is', null))
      .$if(checked.totpSecret !== null, (qb) =>
        qb
          .where('totpSecret', '=', checked.totpSecret!)
          .where((eb) => eb.or([eb('totpLastStep', 'is', null), eb('totpLastStep', '<', step!)])),
      )
      .returningAll()
      .executeTakeFirst();
  }

  async countSystemAdmins(db: Db): Promise<number> {
    const row = await db
      .selectFrom('appUser')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where(sql<boolean>`'system_admin' = any(roles)`)
      .executeTakeFirstOrThrow();
    return row.n;
  }

  /** Ends every open session of a user (logout, disable, role change, password change, reset). */
  async endSessions(db: Db, userId: string, now: Date): Promise<void> {
    await db
      .updateTable('session')
      .set({ endedAt: now })
      .where('userId', '=', userId)
      .where('endedAt', 'is', null)
      .execute();
  }
}
