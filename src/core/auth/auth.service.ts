import { UnauthorizedError } from '#shared/errors.js';
import { requireUser } from '#core/access/guards.js';
import type { CallContext } from '#core/access/actor.js';
import { UsersRepository } from '#core/users/users.repository.js';
import { UsernameSchema } from '#core/users/users.schema.js';
import type { SecurityDeps } from './auth.deps.js';
import type { ChangePassword, Login, StepUp } from './auth.schema.js';
import { checkCredentials } from './credentials.js';
import { assertAcceptablePassword } from './password-policy.js';
import { isPasswordExpired, type SessionsService } from './sessions.service.js';

const users = new UsersRepository();
const INVALID = 'Invalid username, password or code';

/** Interactive authentication: login (password + TOTP), step-up and password change. */
export class AuthService {
  constructor(
    private readonly deps: SecurityDeps,
    private readonly sessions: SessionsService,
  ) {}

  /**
   * Logs in with password and TOTP and returns a new session token (a fresh one every time: no
   * fixation). Every failure, for whatever reason, throws the same UnauthorizedError.
   */
  async login(
    ctx: CallContext,
    input: Login,
  ): Promise<{ token: string; passwordExpired: boolean }> {
    const result = await this.deps.audit.run(ctx, 'auth.login', 'login', async (trx, note) => {
      const username = UsernameSchema.safeParse(input.username);
      const user = username.success ? await users.findByUsername(trx, username.data) : undefined;
      const ok = await checkCredentials(this.deps, trx, note, user, input.password, input.totp);
      if (!ok) return undefined;
      const now = this.deps.clock.now();
      await users.update(trx, ok.id, { lastLoginAt: now });
      const token = await this.sessions.open(trx, ok.id, false);
      const passwordExpired = isPasswordExpired(
        this.deps.policy.passwordRotationDays,
        ok.passwordChangedAt,
        now,
      );
      if (passwordExpired) note.details.passwordExpired = true;
      return { token, passwordExpired };
    });
    if (!result) throw new UnauthorizedError(INVALID);
    return result;
  }

  /**
   * Re-authenticates the session user and returns a rotated session token marked as stepped up;
   * the old session ends. Failures count towards lockout.
   */
  async stepUp(ctx: CallContext, input: StepUp): Promise<{ token: string }> {
    const actor = requireUser(ctx.actor);
    const result = await this.deps.audit.run(ctx, 'auth.step_up', 'login', async (trx, note) => {
      if (actor.via !== 'session' || !actor.sessionId) {
        throw new UnauthorizedError('A UI session is required');
      }
      const user = await users.findById(trx, actor.userId);
      const ok = await checkCredentials(this.deps, trx, note, user, input.password, input.totp);
      if (!ok) return undefined;
      await trx
        .updateTable('session')
        .set({ endedAt: this.deps.clock.now() })
        .where('id', '=', actor.sessionId)
        .execute();
      return { token: await this.sessions.open(trx, ok.id, true) };
    });
    if (!result) throw new UnauthorizedError(INVALID);
    return result;
  }

  /** Changes the caller's own password (policy-checked) and ends all their sessions. */
  async changePassword(ctx: CallContext, input: ChangePassword): Promise<void> {
    const actor = requireUser(ctx.actor);
    const ok = await this.deps.audit.run(
      ctx,
      'auth.password_change',
      'permission',
      async (trx, note) => {
        note.objectType = 'user';
        note.objectIds = [actor.userId];
        const user = await users.findById(trx, actor.userId);
        if (!user || !(await this.deps.hasher.verify(user.passwordHash, input.currentPassword))) {
          note.outcome = 'failure';
          return false;
        }
        assertAcceptablePassword(input.newPassword, [
          user.username,
          ...user.displayName.split(/\s+/),
        ]);
        const now = this.deps.clock.now();
        await users.update(trx, user.id, {
          passwordHash: await this.deps.hasher.hash(input.newPassword),
          passwordChangedAt: now,
        });
        await users.endSessions(trx, user.id, now);
        return true;
      },
    );
    if (!ok) throw new UnauthorizedError(INVALID);
  }
}
