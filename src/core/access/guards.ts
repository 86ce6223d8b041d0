import { NotFoundError, StepUpRequiredError, UnauthorizedError } from '#shared/errors.js';
import type { Actor, UserActor } from './actor.js';
import { hasAnyRole, type Role } from './roles.js';

/** The actor must be an authenticated user; else UnauthorizedError. */
export function requireUser(actor: Actor): UserActor {
  if (actor.kind !== 'user') throw new UnauthorizedError('Authentication required');
  return actor;
}

/**
 * The actor must hold one of the roles. A missing role answers exactly like a missing object
 * (NotFoundError), so a caller learns nothing about what exists. The CLI operator passes.
 */
export function requireRole(actor: Actor, roles: readonly Role[], what = 'Not found'): void {
  if (actor.kind === 'system') return;
  if (actor.kind !== 'user') throw new UnauthorizedError('Authentication required');
  if (!hasAnyRole(actor.roles, roles)) throw new NotFoundError(what);
}

/**
 * Before revealing identities or exporting: the session must have re-authenticated within
 * `windowMs`. API tokens cannot step up, so they are refused. Throws StepUpRequiredError (401).
 */
export function requireStepUp(actor: Actor, now: Date, windowMs: number): void {
  if (actor.kind === 'system') return;
  if (actor.kind !== 'user') throw new UnauthorizedError('Authentication required');
  const at = actor.stepUpAt?.getTime();
  if (actor.via !== 'session' || at === undefined || now.getTime() - at > windowMs) {
    throw new StepUpRequiredError('Re-authenticate (POST /api/auth/step-up) to continue', {
      challenge: 'step_up',
    });
  }
}

/**
 * A counselling partner's user or token: of a partner organisation, or holding the partner role.
 * Police data (hash sets, matching, attribution, intake, subjects) is never theirs.
 */
export function isPartnerActor(actor: Actor): boolean {
  return (
    actor.kind === 'user' &&
    (actor.organisationKind === 'partner' || actor.roles.includes('partner_caseworker'))
  );
}

export function isSystemAdmin(actor: Actor): boolean {
  return actor.kind === 'system' || (actor.kind === 'user' && actor.roles.includes('system_admin'));
}

/** The actor must be authenticated: a user or the local operator (CLI / job). */
export function requireAuthenticated(actor: Actor): void {
  if (actor.kind === 'anonymous') throw new UnauthorizedError('Authentication required');
}
