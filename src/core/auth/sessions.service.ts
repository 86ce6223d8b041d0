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

/** What a session may do: everything its roles allow, or only finish a credential reset. */
export type SessionPurpose = 'full' | 'credentials';

/**
 * Server-side sessions: 256-bit CSPRNG tokens stored as SHA-256, idle and absolute timeouts,
 * ended at logout, password change, reset, role change and disable.
 */
export class SessionsService {
  constructor(private readonly deps: SecurityDeps) {}

  /**
   * Opens a session for a user inside the caller's transaction; returns the raw token once. A
   * `credentials` session (a sign-in with a temporary password) can only set a new password and
   * enrol TOTP.
   */
  async open(
    trx: Transaction<Database>,
    userId: string,
    stepUp: boolean,
    purpose: SessionPurpose = 'full',
  ): Promise<string> {
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
        purpose,
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
        'session.purpose',
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
    // A full session never belongs to an account without TOTP (a reset ends them all).
    const unenrolled = row.purpose === 'full' && user?.totpSecret === null;
    if (
      expired ||
      unenrolled ||
      !user ||
      user.status !== 'active' ||
      isLocked(this.deps, user, now)
    ) {
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
      sessionPurpose: row.purpose,
      mustChangePassword:
        user.mustChangePassword ||
        isPasswordExpired(policy.passwordRotationDays, user.passwordChangedAt, now),
      mustEnrolTotp: user.totpSecret === null,
    };
  }

  /** Ends every session of the caller (logout, on every device: R9); audited. */
  async logout(ctx: CallContext): Promise<void> {
    await this.deps.audit.run(ctx, 'auth.logout', 'login', async (trx, note) => {
      if (ctx.actor.kind !== 'user' || !ctx.actor.sessionId) {
        throw new UnauthorizedError('Not logged in');
      }
      note.objectType = 'session';
      note.objectIds = [ctx.actor.sessionId];
      await users.endSessions(trx, ctx.actor.userId, this.deps.clock.now());
    });
  }
}

/** The CJIS rotation switch: true when rotation is on and the password is older than allowed. */
export function isPasswordExpired(rotationDays: number, changedAt: Date, now: Date): boolean {
  return rotationDays > 0 && now.getTime() - changedAt.getTime() > rotationDays * 86_400_000;
}
