import { randomBytes } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { Database } from '#platform/db/tables.js';
import { ConflictError, ForbiddenError, NotFoundError } from '#shared/errors.js';
import type { CallContext } from '#core/access/actor.js';
import { isSystemAdmin, requireRole } from '#core/access/guards.js';
import type { Role } from '#core/access/roles.js';
import { sealTotp, type SecurityDeps } from '#core/auth/auth.deps.js';
import { assertAcceptablePassword } from '#core/auth/password-policy.js';
import { newTotpSecret, totpUri } from '#core/auth/totp.js';
import type { UserAdmin } from './user-admin.js';
import { UsersRepository, type UserRow } from './users.repository.js';
import type {
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
      return this.insertUser(trx, input, org, options.isDemo ?? false, note);
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
      return rows.map((r) => this.toView(r));
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
      return this.toView(row);
    });
  }

  /** Disables an account and ends its sessions at once. */
  async disableUser(ctx: CallContext, id: string): Promise<UserView> {
    return this.manage(ctx, id, 'user.disable', async (trx, target) => {
      this.refuseSelf(ctx, target.id);
      await users.update(trx, target.id, { status: 'disabled' });
      await users.endSessions(trx, target.id, this.deps.clock.now());
      return { ...target, status: 'disabled' as const };
    });
  }

  /** Replaces an account's roles (never above the caller's own) and ends its sessions. */
  async setRoles(ctx: CallContext, id: string, input: SetRoles): Promise<UserView> {
    return this.manage(ctx, id, 'user.roles_change', async (trx, target, note) => {
      this.refuseSelf(ctx, target.id);
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

  /** Sets a random one-time password (returned once) and ends the account's sessions. */
  async resetPassword(ctx: CallContext, id: string): Promise<ResetResult> {
    return this.manage(ctx, id, 'user.password_reset', async (trx, target) => {
      const temporaryPassword = randomBytes(18).toString('base64url');
      const now = this.deps.clock.now();
      await users.update(trx, target.id, {
        passwordHash: await this.deps.hasher.hash(temporaryPassword),
        passwordChangedAt: now,
      });
      await users.endSessions(trx, target.id, now);
      return { temporaryPassword };
    });
  }

  /** Replaces the TOTP secret (returned once, for re-enrolment) and ends the account's sessions. */
  async resetMfa(ctx: CallContext, id: string): Promise<ResetResult> {
    return this.manage(ctx, id, 'user.mfa_reset', async (trx, target) => {
      const secret = newTotpSecret();
      await users.update(trx, target.id, {
        totpSecret: sealTotp(this.deps, secret),
        totpLastStep: null,
      });
      await users.endSessions(trx, target.id, this.deps.clock.now());
      return { totpSecret: secret, totpUri: totpUri(secret, target.username) };
    });
  }

  /** Releases a locked account (the only way out of a lock under the CJIS profile). */
  async unlockUser(ctx: CallContext, id: string): Promise<UserView> {
    return this.manage(ctx, id, 'user.unlock', async (trx, target) => {
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

  private async manage<T>(
    ctx: CallContext,
    id: string,
    action: string,
    fn: (
      trx: Transaction<Database>,
      target: UserRow,
      note: Parameters<UserAdmin['getManageable']>[3],
    ) => Promise<T>,
  ): Promise<T extends UserRow ? UserView : T> {
    const result = await this.deps.audit.run(ctx, action, 'permission', async (trx, note) =>
      fn(trx, await this.admin.getManageable(trx, ctx, id, note), note),
    );
    return (isUserRow(result) ? this.toView(result) : result) as T extends UserRow ? UserView : T;
  }

  private refuseSelf(ctx: CallContext, targetId: string): void {
    if (ctx.actor.kind === 'user' && ctx.actor.userId === targetId) {
      throw new ForbiddenError('You cannot change your own roles or status');
    }
  }

  private async insertUser(
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
    return { user: this.toView(row), totpSecret: secret, totpUri: totpUri(secret, row.username) };
  }

  private toView(r: UserRow): UserView {
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
    };
  }
}

function isUserRow(value: unknown): value is UserRow {
  return typeof value === 'object' && value !== null && 'passwordHash' in value;
}
