import type { Transaction } from 'kysely';
import type { Database } from '#platform/db/tables.js';
import { ForbiddenError, NotFoundError, ValidationError } from '#shared/errors.js';
import type { Actor, CallContext } from '#core/access/actor.js';
import { isSystemAdmin, requireRole } from '#core/access/guards.js';
import {
  ADMIN_ROLES,
  breaksSeparationOfDuties,
  PARTNER_ROLES,
  rankOf,
  type Role,
} from '#core/access/roles.js';
import type { AuditNote } from '#core/audit/audit.service.js';
import type { Clock } from '#platform/clock.js';
import { UsersRepository, type UserRow } from './users.repository.js';
import { ACCOUNT_ACTIONS, type AccountAction } from './users.schema.js';

const users = new UsersRepository();

/**
 * Why `actor` may not take `action` on `target`, or undefined when it may: the R6 matrix once,
 * for the services (which throw) and for the views (which list what the caller may do). The
 * caller has already found the target inside its own organisation (any, for a system
 * administrator); the CLI operator (a system actor) may do everything.
 *
 * - An account holding `auditor` is administered only by a system administrator.
 * - disable: any other account of rank at most the caller's (peers included), never one's own.
 * - unlock: any account of rank at most the caller's.
 * - roles, reset, tokens: only accounts of strictly lower rank, never a peer's (demoting a peer
 *   first would open its reset); a system administrator's are changed only by the host operator
 *   (`vigil users roles|reset`). Tokens of one's own account are allowed; one's own roles and a
 *   reset of one's own credentials are not (change a password with POST /api/auth/password).
 */
export function accountActionRefusal(
  actor: Actor,
  target: Pick<UserRow, 'id' | 'roles'>,
  action: AccountAction,
): string | undefined {
  if (actor.kind !== 'user') return undefined;
  if (!actor.roles.some((r) => ADMIN_ROLES.includes(r))) return 'Administrators only';
  const isSelf = actor.userId === target.id;
  const actorRank = rankOf(actor.roles);
  const targetRank = rankOf(target.roles);
  if (target.roles.includes('auditor') && !actor.roles.includes('system_admin')) {
    return 'Only a system administrator administers an auditor account';
  }
  if (action === 'disable' || action === 'unlock') {
    if (action === 'disable' && isSelf) return 'You cannot change your own roles or status';
    return targetRank > actorRank ? 'The account has more privilege than yours' : undefined;
  }
  if (isSelf && action !== 'tokens') {
    return action === 'roles'
      ? 'You cannot change your own roles or status'
      : 'Change your own password with your current password and TOTP code';
  }
  // roles, reset, tokens: strictly lower rank (one's own tokens excepted).
  return !isSelf && targetRank >= actorRank
    ? 'Only accounts of lower rank than yours: a system administrator acts on a peer administrator, the host operator on a system administrator (vigil users roles|reset)'
    : undefined;
}

/** Every action the caller may take on an account (empty for readers). */
export function allowedAccountActions(
  actor: Actor,
  target: Pick<UserRow, 'id' | 'roles' | 'organisationId'>,
): AccountAction[] {
  const crossOrg =
    actor.kind === 'user' &&
    actor.organisationId !== target.organisationId &&
    !actor.roles.includes('system_admin');
  if (crossOrg) return [];
  return ACCOUNT_ACTIONS.filter((a) => accountActionRefusal(actor, target, a) === undefined);
}

/**
 * The privilege hierarchy (R6) in one place: who may act on whose account. An administrator acts
 * only inside their own organisation (system administrators anywhere), as accountActionRefusal
 * allows, and grants roles as assertGrantable allows.
 */
export class UserAdmin {
  constructor(private readonly clock: Clock) {}

  /**
   * The target account, locked for update, if the caller may take `action` on it; NotFoundError
   * (not an administrator, another organisation, missing) or ForbiddenError (R6) otherwise.
   */
  async getManageable(
    trx: Transaction<Database>,
    ctx: CallContext,
    userId: string,
    note: AuditNote,
    action: AccountAction,
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
    const refusal = accountActionRefusal(ctx.actor, target, action);
    if (refusal) throw new ForbiddenError(refusal);
    return target;
  }

  /**
   * Throws unless the caller may give an account these roles in an organisation of this kind:
   * never above the caller's own rank, `auditor` only by a system administrator (or the CLI),
   * never `auditor` together with an administrator role (ValidationError, whoever asks).
   */
  assertGrantable(
    ctx: CallContext,
    roles: readonly Role[],
    organisationKind: 'agency' | 'partner',
  ): void {
    if (breaksSeparationOfDuties(roles)) {
      throw new ValidationError('auditor cannot be combined with agency_admin or system_admin', [
        {
          path: 'roles',
          reason: 'auditor excludes the administrator roles (separation of duties)',
        },
      ]);
    }
    if (ctx.actor.kind === 'user' && rankOf(roles) > rankOf(ctx.actor.roles)) {
      throw new ForbiddenError('You cannot grant a role above your own');
    }
    if (ctx.actor.kind === 'user' && roles.includes('auditor') && !isSystemAdmin(ctx.actor)) {
      throw new ForbiddenError('Only a system administrator grants the auditor role');
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
