import type { Transaction } from 'kysely';
import type { Database } from '#platform/db/tables.js';
import {
  ConflictError,
  PasswordExpiredError,
  UnauthorizedError,
  ValidationError,
} from '#shared/errors.js';
import { requireUser } from '#core/access/guards.js';
import type { AuditNote } from '#core/audit/audit.service.js';
import type { CallContext, UserActor } from '#core/access/actor.js';
import { UsersRepository, type UserRow } from '#core/users/users.repository.js';
import { UsernameSchema } from '#core/users/users.schema.js';
import { openTotp, sealTotp, type SecurityDeps } from './auth.deps.js';
import type {
  ChangePassword,
  ConfirmTotp,
  Login,
  LoginResult,
  StepUp,
  TotpEnrolment,
} from './auth.schema.js';
import { checkCredentials } from './credentials.js';
import { assertAcceptablePassword } from './password-policy.js';
import { isPasswordExpired, type SessionsService } from './sessions.service.js';
import { matchTotpStep, newTotpSecret, totpUri } from './totp.js';

const users = new UsersRepository();
const INVALID = 'Invalid username, password or code';

/**
 * Interactive authentication: login (password + TOTP), step-up, password change, and the end of an
 * administrator's reset (a new password, then a new TOTP enrolment).
 */
export class AuthService {
  constructor(
    private readonly deps: SecurityDeps,
    private readonly sessions: SessionsService,
  ) {}

  /**
   * Logs in with password and TOTP and returns a new session token (a fresh one every time: no
   * fixation). An account whose TOTP was reset signs in with its password alone, into a
   * `credentials` session. Every failure, for whatever reason, throws the same UnauthorizedError.
   */
  async login(ctx: CallContext, input: Login): Promise<LoginResult & { token: string }> {
    const result = await this.deps.audit.run(ctx, 'auth.login', 'login', async (trx, note) => {
      const username = UsernameSchema.safeParse(input.username);
      const user = username.success ? await users.findByUsername(trx, username.data) : undefined;
      const ok = await checkCredentials(this.deps, trx, note, user, input.password, input.totp);
      if (!ok) return undefined;
      const now = this.deps.clock.now();
      await users.update(trx, ok.id, { lastLoginAt: now });
      const mustEnrolTotp = ok.totpSecret === null;
      const token = await this.sessions.open(
        trx,
        ok.id,
        false,
        mustEnrolTotp ? 'credentials' : 'full',
      );
      const passwordExpired =
        ok.mustChangePassword ||
        isPasswordExpired(this.deps.policy.passwordRotationDays, ok.passwordChangedAt, now);
      if (passwordExpired) note.details.passwordExpired = true;
      if (mustEnrolTotp) note.details.credentialsSession = true;
      return { token, passwordExpired, mustEnrolTotp };
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
      const sessionId = fullSessionOf(actor);
      const user = await users.findById(trx, actor.userId);
      const ok = await checkCredentials(this.deps, trx, note, user, input.password, input.totp);
      if (!ok) return undefined;
      await trx
        .updateTable('session')
        .set({ endedAt: this.deps.clock.now() })
        .where('id', '=', sessionId)
        .execute();
      return { token: await this.sessions.open(trx, ok.id, true) };
    });
    if (!result) throw new UnauthorizedError(INVALID);
    return result;
  }

  /**
   * Changes the caller's own password (policy-checked) after checking the current password and a
   * TOTP code (failures count towards lockout; no code while finishing a reset). Every other session
   * ends; the caller's is rotated (its new token is returned) and keeps its purpose.
   */
  async changePassword(ctx: CallContext, input: ChangePassword): Promise<{ token: string }> {
    const actor = requireUser(ctx.actor);
    const result = await this.deps.audit.run(
      ctx,
      'auth.password_change',
      'permission',
      async (trx, note) => {
        if (actor.via !== 'session' || !actor.sessionId) {
          throw new UnauthorizedError('A UI session is required');
        }
        const user = await users.findById(trx, actor.userId);
        if (!user) throw new UnauthorizedError('Session ended; log in again');
        if (input.newPassword === input.currentPassword) {
          throw new ValidationError('The new password must differ from the current one', [
            { path: 'newPassword', reason: 'same as the current password' },
          ]);
        }
        assertAcceptablePassword(input.newPassword, [
          user.username,
          ...user.displayName.split(/\s+/),
        ]);
        const ok = await checkCredentials(
          this.deps,
          trx,
          note,
          user,
          input.currentPassword,
          input.totp ?? '',
        );
        if (!ok) return undefined;
        const now = this.deps.clock.now();
        await users.update(trx, ok.id, {
          passwordHash: await this.deps.hasher.hash(input.newPassword),
          passwordChangedAt: now,
          mustChangePassword: false,
        });
        await users.endSessions(trx, ok.id, now);
        const purpose = actor.sessionPurpose === 'credentials' ? 'credentials' : 'full';
        return { token: await this.sessions.open(trx, ok.id, false, purpose) };
      },
    );
    if (!result) throw new UnauthorizedError(INVALID);
    return result;
  }

  /**
   * Offers a new TOTP secret to a `credentials` session whose password is already changed (shown
   * once; a second call replaces it). ConflictError when TOTP is already enrolled.
   */
  async startTotpEnrolment(ctx: CallContext): Promise<TotpEnrolment> {
    return this.deps.audit.run(ctx, 'auth.totp_enrolment', 'permission', async (trx, note) => {
      const user = await this.enrollingUser(trx, ctx, note);
      const secret = newTotpSecret();
      await users.update(trx, user.id, { totpPendingSecret: sealTotp(this.deps, secret) });
      return { totpSecret: secret, totpUri: totpUri(secret, user.username) };
    });
  }

  /**
   * Enrols the offered secret once a code from it matches (ValidationError otherwise), then ends
   * every session of the user, this one included: the next sign-in uses password and TOTP.
   */
  async confirmTotpEnrolment(ctx: CallContext, input: ConfirmTotp): Promise<void> {
    await this.deps.audit.run(ctx, 'auth.totp_confirm', 'permission', async (trx, note) => {
      const user = await this.enrollingUser(trx, ctx, note);
      if (!user.totpPendingSecret) {
        throw new ConflictError('No enrolment is open; start one (POST /api/auth/totp/enrolment)');
      }
      const now = this.deps.clock.now();
      const step = matchTotpStep(openTotp(this.deps, user.totpPendingSecret), input.totp, now);
      if (step === null) {
        throw new ValidationError('The code does not match the offered secret', [
          { path: 'totp', reason: 'enter the current 6-digit code of the new entry' },
        ]);
      }
      const enrolled = await trx
        .updateTable('appUser')
        .set({ totpSecret: user.totpPendingSecret, totpPendingSecret: null, totpLastStep: step })
        .where('id', '=', user.id)
        .where('totpSecret', 'is', null)
        .where('totpPendingSecret', '=', user.totpPendingSecret)
        .executeTakeFirst();
      if (enrolled.numUpdatedRows !== 1n) throw new ConflictError('The enrolment changed; retry');
      await users.endSessions(trx, user.id, now);
    });
  }

  /** The caller, if it is a credentials session of an account with no TOTP and a new password. */
  private async enrollingUser(
    trx: Transaction<Database>,
    ctx: CallContext,
    note: AuditNote,
  ): Promise<UserRow> {
    const actor = requireUser(ctx.actor);
    note.objectType = 'user';
    note.objectIds = [actor.userId];
    if (actor.via !== 'session' || actor.sessionPurpose !== 'credentials') {
      throw new ConflictError('TOTP is enrolled; an administrator resets it');
    }
    const user = await users.findById(trx, actor.userId);
    if (!user || user.totpSecret !== null) {
      throw new ConflictError('TOTP is enrolled; an administrator resets it');
    }
    if (user.mustChangePassword) {
      throw new PasswordExpiredError('Choose a new password first (POST /api/auth/password)');
    }
    return user;
  }
}

/** The caller's session id, if it is a full UI session (step-up is refused to anything else). */
function fullSessionOf(actor: UserActor): string {
  if (actor.via !== 'session' || !actor.sessionId || actor.sessionPurpose === 'credentials') {
    throw new UnauthorizedError('A UI session is required');
  }
  return actor.sessionId;
}
