import type { Transaction } from 'kysely';
import type { Database } from '#platform/db/tables.js';
import { UnauthorizedError } from '#shared/errors.js';
import type { CallContext, UserActor } from '#core/access/actor.js';
import type { Role } from '#core/access/roles.js';
import { UsersRepository } from '#core/users/users.repository.js';
import { isLocked } from './credentials.js';
import type { SecurityDeps } from './auth.deps.js';
import { hashToken, newSecretToken } from './secret-token.js';

const users = new UsersRepository();

/**
 * Server-side sessions: 256-bit CSPRNG tokens stored as SHA-256, idle and absolute timeouts,
 * ended at logout, password change and disable.
 */
export class SessionsService {
  constructor(private readonly deps: SecurityDeps) {}

  /** Opens a session for a user inside the caller's transaction; returns the raw token once. */
  async open(trx: Transaction<Database>, userId: string, stepUp: boolean): Promise<string> {
    const now = this.deps.clock.now();
    const token = newSecretToken('vgs');
    await trx
      .insertInto('session')
      .values({
        tokenHash: hashToken(token),
        userId,
        createdAt: now,
        lastSeenAt: now,
        stepUpAt: stepUp ? now : null,
      })
      .execute();
    return token;
  }

  /**
   * Resolves a session token to its actor and touches it; throws UnauthorizedError when the
   * session is unknown, ended, idle too long, past its absolute lifetime, or its user is disabled
   * or locked.
   */
  async authenticate(token: string): Promise<UserActor> {
    const { db, clock, policy } = this.deps;
    const now = clock.now();
    const row = await db
      .selectFrom('session')
      .innerJoin('appUser', 'appUser.id', 'session.userId')
      .innerJoin('organisation', 'organisation.id', 'appUser.organisationId')
      .select([
        'session.id as sessionId',
        'session.createdAt',
        'session.lastSeenAt',
        'session.stepUpAt',
        'session.endedAt',
        'appUser.id as userId',
        'organisation.kind as organisationKind',
      ])
      .where('session.tokenHash', '=', hashToken(token))
      .executeTakeFirst();
    if (!row || row.endedAt) throw new UnauthorizedError('Session ended; log in again');
    const user = await users.findById(db, row.userId);
    const expired =
      now.getTime() - row.lastSeenAt.getTime() > policy.sessionIdleMs ||
      now.getTime() - row.createdAt.getTime() > policy.sessionAbsoluteMs;
    if (expired || !user || user.status !== 'active' || isLocked(this.deps, user, now)) {
      await db
        .updateTable('session')
        .set({ endedAt: now })
        .where('id', '=', row.sessionId)
        .execute();
      throw new UnauthorizedError('Session ended; log in again');
    }
    await db
      .updateTable('session')
      .set({ lastSeenAt: now })
      .where('id', '=', row.sessionId)
      .execute();
    return {
      kind: 'user',
      userId: user.id,
      organisationId: user.organisationId,
      organisationKind: row.organisationKind,
      roles: user.roles as Role[],
      via: 'session',
      sessionId: row.sessionId,
      stepUpAt: row.stepUpAt,
      mustChangePassword: isPasswordExpired(
        policy.passwordRotationDays,
        user.passwordChangedAt,
        now,
      ),
    };
  }

  /** Ends the caller's session (logout); audited. */
  async logout(ctx: CallContext): Promise<void> {
    await this.deps.audit.run(ctx, 'auth.logout', 'login', async (trx, note) => {
      if (ctx.actor.kind !== 'user' || !ctx.actor.sessionId) {
        throw new UnauthorizedError('Not logged in');
      }
      note.objectType = 'session';
      note.objectIds = [ctx.actor.sessionId];
      await trx
        .updateTable('session')
        .set({ endedAt: this.deps.clock.now() })
        .where('id', '=', ctx.actor.sessionId)
        .execute();
    });
  }
}

/** The CJIS rotation switch: true when rotation is on and the password is older than allowed. */
export function isPasswordExpired(rotationDays: number, changedAt: Date, now: Date): boolean {
  return rotationDays > 0 && now.getTime() - changedAt.getTime() > rotationDays * 86_400_000;
}
