import type { Transaction } from 'kysely';
import type { Database } from '#platform/db/tables.js';
import { ForbiddenError, NotFoundError } from '#shared/errors.js';
import type { CallContext } from '#core/access/actor.js';
import { isSystemAdmin, requireRole } from '#core/access/guards.js';
import { ADMIN_ROLES, PARTNER_ROLES, rankOf, type Role } from '#core/access/roles.js';
import type { AuditNote } from '#core/audit/audit.service.js';
import type { Clock } from '#platform/clock.js';
import { UsersRepository, type UserRow } from './users.repository.js';

const users = new UsersRepository();

/**
 * The privilege hierarchy (R6) in one place: who may act on whose account. An administrator acts
 * only inside their own organisation (system administrators anywhere), never on an account that
 * outranks them, and never grants a role above their own.
 */
export class UserAdmin {
  constructor(private readonly clock: Clock) {}

  /** The target account, if the caller may manage it; NotFoundError/ForbiddenError otherwise. */
  async getManageable(
    trx: Transaction<Database>,
    ctx: CallContext,
    userId: string,
    note: AuditNote,
  ): Promise<UserRow> {
    note.objectType = 'user';
    note.objectIds = [userId];
    requireRole(ctx.actor, ADMIN_ROLES, 'User not found');
    const target = await users.findVisible(
      trx,
      ctx.actor,
      userId,
      this.clock.now(),
      isSystemAdmin(ctx.actor),
      'edit',
    );
    // Shares never confer account administration: outside system administrators, only the
    // account's own organisation manages it, whatever a share says.
    const crossOrg =
      ctx.actor.kind === 'user' && target?.organisationId !== ctx.actor.organisationId;
    if (!target || (crossOrg && !isSystemAdmin(ctx.actor))) {
      throw new NotFoundError('User not found');
    }
    note.organisationId = target.organisationId;
    if (ctx.actor.kind === 'user' && rankOf(target.roles) > rankOf(ctx.actor.roles)) {
      throw new ForbiddenError('The account has more privilege than yours');
    }
    return target;
  }

  /** Throws unless the caller may grant these roles in an organisation of this kind. */
  assertGrantable(
    ctx: CallContext,
    roles: readonly Role[],
    organisationKind: 'agency' | 'partner',
  ): void {
    if (ctx.actor.kind === 'user' && rankOf(roles) > rankOf(ctx.actor.roles)) {
      throw new ForbiddenError('You cannot grant a role above your own');
    }
    const allowed = (r: Role) =>
      organisationKind === 'partner' ? PARTNER_ROLES.includes(r) : r !== 'partner_caseworker';
    if (!roles.every(allowed)) {
      throw new ForbiddenError(`Role not available in a ${organisationKind} organisation`);
    }
  }

  /** The organisation a new account goes into, if the caller may add users to it. */
  async getTargetOrganisation(
    trx: Transaction<Database>,
    ctx: CallContext,
    organisationId: string,
  ) {
    requireRole(ctx.actor, ADMIN_ROLES, 'Organisation not found');
    if (
      !isSystemAdmin(ctx.actor) &&
      ctx.actor.kind === 'user' &&
      ctx.actor.organisationId !== organisationId
    ) {
      throw new NotFoundError('Organisation not found');
    }
    const org = await trx
      .selectFrom('organisation')
      .selectAll()
      .where('id', '=', organisationId)
      .executeTakeFirst();
    if (!org) throw new NotFoundError('Organisation not found');
    return org;
  }
}
