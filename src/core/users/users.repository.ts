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

  async countSystemAdmins(db: Db): Promise<number> {
    const row = await db
      .selectFrom('appUser')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where(sql<boolean>`'system_admin' = any(roles)`)
      .executeTakeFirstOrThrow();
    return row.n;
  }

  /** Ends every open session of a user (logout everywhere, disable, password/MFA change). */
  async endSessions(db: Db, userId: string, now: Date): Promise<void> {
    await db
      .updateTable('session')
      .set({ endedAt: now })
      .where('userId', '=', userId)
      .where('endedAt', 'is', null)
      .execute();
  }
}
