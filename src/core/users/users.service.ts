import { randomBytes } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { Database } from '#platform/db/tables.js';
import { ConflictError, NotFoundError } from '#shared/errors.js';
import type { CallContext } from '#core/access/actor.js';
import { isSystemAdmin, requireRole } from '#core/access/guards.js';
import type { Role } from '#core/access/roles.js';
import { sealTotp, type SecurityDeps } from '#core/auth/auth.deps.js';
import { assertAcceptablePassword } from '#core/auth/password-policy.js';
import { newTotpSecret, totpUri } from '#core/auth/totp.js';
import { allowedAccountActions, type UserAdmin } from './user-admin.js';
import { UsersRepository, type UserRow } from './users.repository.js';
import type {
  AccountAction,
  Bootstrap,
  CreatedUser,
  CreateUser,
  ResetResult,
  SetRoles,
  UserView,
} from './users.schema.js';

const users = new UsersRepository();
const READ_ROLES: Role[] = ['agency_admin', 'system_admin', 'supervisor', 'auditor'];

/** Account lifecycle: create, list, disable, roles, password/MFA reset, unlock. */
export class UsersService {
  constructor(
    private readonly deps: SecurityDeps,
    private readonly admin: UserAdmin,
  ) {}

  /** Creates an account with a fresh TOTP secret (returned once); R6 and password policy apply. */
  async createUser(
    ctx: CallContext,
    input: CreateUser,
    options: { isDemo?: boolean } = {},
  ): Promise<CreatedUser> {
    return this.deps.audit.run(ctx, 'user.create', 'permission', async (trx, note) => {
      const org = await this.admin.getTargetOrganisation(trx, ctx, input.organisationId);
      note.organisationId = org.id;
      this.admin.assertGrantable(ctx, input.roles, org.kind);
      return this.insertUser(ctx, trx, input, org, options.isDemo ?? false, note);
    });
  }

  /**
   * Creates the first system administrator, and its organisation when the code is new, in one
   * transaction; ConflictError if any system administrator exists already.
   */
  async bootstrap(ctx: CallContext, input: Bootstrap): Promise<CreatedUser> {
    return this.deps.audit.run(ctx, 'user.bootstrap', 'permission', async (trx, note) => {
      if ((await users.countSystemAdmins(trx)) > 0) {
        throw new ConflictError('A system administrator already exists; bootstrap refused');
      }
      const org =
        (await trx
          .selectFrom('organisation')
          .selectAll()
          .where('code', '=', input.organisation.code)
          .executeTakeFirst()) ??
        (await trx
          .insertInto('organisation')
          .values(input.organisation)
          .returningAll()
          .executeTakeFirstOrThrow());
      note.organisationId = org.id;
      const { organisation: _o, ...account } = input;
      return this.insertUser(
        ctx,
        trx,
        { ...account, organisationId: org.id, roles: ['system_admin'] },
        org,
        false,
        note,
      );
    });
  }

  /** Accounts the caller may see (own organisation; all for system administrators). */
  async listUsers(ctx: CallContext, organisationId?: string): Promise<UserView[]> {
    return this.deps.audit.run(ctx, 'user.list', 'consultation', async (trx, note) => {
      requireRole(ctx.actor, READ_ROLES);
      const rows = await users.listVisible(
        trx,
        ctx.actor,
        this.deps.clock.now(),
        isSystemAdmin(ctx.actor),
        organisationId,
      );
      note.details.count = rows.length;
      return rows.map((r) => this.toView(ctx, r));
    });
  }

  /** One account; another organisation's answers like a missing one (404). */
  async getUser(ctx: CallContext, id: string): Promise<UserView> {
    return this.deps.audit.run(ctx, 'user.read', 'consultation', async (trx, note) => {
      note.objectType = 'user';
      note.objectIds = [id];
      requireRole(ctx.actor, READ_ROLES, 'User not found');
      const row = await users.findVisible(
        trx,
        ctx.actor,
        id,
        this.deps.clock.now(),
        isSystemAdmin(ctx.actor),
        'view',
      );
      if (!row) throw new NotFoundError('User not found');
      return this.toView(ctx, row);
    });
  }

  /** Disables an account and ends its sessions at once. */
  async disableUser(ctx: CallContext, id: string): Promise<UserView> {
    return this.manage(ctx, id, 'user.disable', 'disable', async (trx, target) => {
      await users.update(trx, target.id, { status: 'disabled' });
      await users.endSessions(trx, target.id, this.deps.clock.now());
      return { ...target, status: 'disabled' as const };
    });
  }

  /** Replaces an account's roles (R6: see UserAdmin) and ends its sessions. */
  async setRoles(ctx: CallContext, id: string, input: SetRoles): Promise<UserView> {
    return this.manage(ctx, id, 'user.roles_change', 'roles', async (trx, target, note) => {
      const org = await trx
        .selectFrom('organisation')
        .select('kind')
        .where('id', '=', target.organisationId)
        .executeTakeFirstOrThrow();
      this.admin.assertGrantable(ctx, input.roles, org.kind);
      note.details.roles = input.roles.join(',');
      await users.update(trx, target.id, { roles: input.roles });
      await users.endSessions(trx, target.id, this.deps.clock.now());
      return { ...target, roles: input.roles };
    });
  }

  /**
   * Resets an account's credentials (R6: accounts of lower rank only): a random temporary password
   * (returned once) that must be replaced at the next sign-in, the TOTP secret cleared so that a
   * new one is enrolled then, the lock released and every session ended.
   */
  async resetPassword(ctx: CallContext, id: string): Promise<ResetResult> {
    return this.resetCredentials(ctx, id, 'user.password_reset');
  }

  /**
   * An MFA reset is the same reset: signing in without a second factor needs a credential the
   * administrator hands over, so it also issues a temporary password (returned once).
   */
  async resetMfa(ctx: CallContext, id: string): Promise<ResetResult> {
    return this.resetCredentials(ctx, id, 'user.mfa_reset');
  }

  /** Releases a locked account (the only way out of a lock under the CJIS profile). */
  async unlockUser(ctx: CallContext, id: string): Promise<UserView> {
    return this.manage(ctx, id, 'user.unlock', 'unlock', async (trx, target) => {
      await users.update(trx, target.id, { lockedAt: null, failedLogins: 0, firstFailedAt: null });
      return { ...target, lockedAt: null };
    });
  }

  /** Finds an account by username for the CLI (`vigil users unlock <username>`). */
  async findIdByUsername(username: string): Promise<string> {
    const row = await users.findByUsername(this.deps.db, username.trim().toLowerCase());
    if (!row) throw new NotFoundError('User not found');
    return row.id;
  }

  private async resetCredentials(
    ctx: CallContext,
    id: string,
    auditAction: string,
  ): Promise<ResetResult> {
    return this.manage(ctx, id, auditAction, 'reset', async (trx, target) => {
      const temporaryPassword = randomBytes(18).toString('base64url');
      const now = this.deps.clock.now();
      await users.update(trx, target.id, {
        passwordHash: await this.deps.hasher.hash(temporaryPassword),
        passwordChangedAt: now,
        mustChangePassword: true,
        totpSecret: null,
        totpPendingSecret: null,
        totpLastStep: null,
        failedLogins: 0,
        firstFailedAt: null,
        lockedAt: null,
      });
      await users.endSessions(trx, target.id, now);
      return { temporaryPassword };
    });
  }

  private async manage<T>(
    ctx: CallContext,
    id: string,
    auditAction: string,
    action: AccountAction,
    fn: (
      trx: Transaction<Database>,
      target: UserRow,
      note: Parameters<UserAdmin['getManageable']>[3],
    ) => Promise<T>,
  ): Promise<T extends UserRow ? UserView : T> {
    const result = await this.deps.audit.run(ctx, auditAction, 'permission', async (trx, note) =>
      fn(trx, await this.admin.getManageable(trx, ctx, id, note, action), note),
    );
    return (isUserRow(result) ? this.toView(ctx, result) : result) as T extends UserRow
      ? UserView
      : T;
  }

  private async insertUser(
    ctx: CallContext,
    trx: Transaction<Database>,
    input: CreateUser,
    org: { id: string; code: string; name: string },
    isDemo: boolean,
    note: Parameters<UserAdmin['getManageable']>[3],
  ): Promise<CreatedUser> {
    assertAcceptablePassword(input.password, [
      input.username,
      ...input.displayName.split(/\s+/),
      org.code,
      org.name,
    ]);
    if (await users.findByUsername(trx, input.username)) throw new ConflictError('Username taken');
    const secret = newTotpSecret();
    const now = this.deps.clock.now();
    const row = await users.insert(trx, {
      organisationId: org.id,
      username: input.username,
      displayName: input.displayName,
      roles: [...new Set(input.roles)],
      passwordHash: await this.deps.hasher.hash(input.password),
      passwordChangedAt: now,
      totpSecret: sealTotp(this.deps, secret),
      isDemo,
    });
    note.objectType = 'user';
    note.objectIds = [row.id];
    note.details.roles = row.roles.join(',');
    return {
      user: this.toView(ctx, row),
      totpSecret: secret,
      totpUri: totpUri(secret, row.username),
    };
  }

  private toView(ctx: CallContext, r: UserRow): UserView {
    return {
      id: r.id,
      organisationId: r.organisationId,
      username: r.username,
      displayName: r.displayName,
      roles: r.roles as Role[],
      status: r.status,
      isLocked: r.lockedAt !== null,
      isDemo: r.isDemo,
      lastLoginAt: r.lastLoginAt?.toISOString() ?? null,
      createdAt: r.createdAt.toISOString(),
      mustChangePassword: r.mustChangePassword,
      isTotpEnrolled: r.totpSecret !== null,
      allowedActions: allowedAccountActions(ctx.actor, r),
    };
  }
}

function isUserRow(value: unknown): value is UserRow {
  return typeof value === 'object' && value !== null && 'passwordHash' in value;
}
