import type { MiddlewareHandler } from 'hono';
import { matchedRoutes } from 'hono/route';
import type { Core } from '#src/app.js';
import type { Actor } from '#core/access/actor.js';
import { isPartnerActor } from '#core/access/guards.js';
import { hasAnyRole } from '#core/access/roles.js';
import {
  AuditUnavailableError,
  CredentialSetupRequiredError,
  ForbiddenError,
  NotFoundError,
  PasswordExpiredError,
  UnauthorizedError,
} from '#shared/errors.js';
import type { HttpEnv } from '../openapi-app.js';
import { callContext } from './context.js';
import { assertSameOrigin } from './csrf.js';
import { policyKey, ROUTE_POLICIES, type RoutePolicy } from './route-policy.js';
import { readSessionCookie } from './session-cookie.js';

// With an expired password (rotation policy) only these routes answer.
const PASSWORD_CHANGE_ROUTES = new Set([
  'POST /api/auth/password',
  'POST /api/auth/logout',
  'GET /api/auth/me',
]);
// A session opened with a temporary password (after an administrator's reset) reaches only these.
const CREDENTIAL_SETUP_ROUTES = new Set([
  ...PASSWORD_CHANGE_ROUTES,
  'POST /api/auth/totp/enrolment',
  'POST /api/auth/totp/enrolment/confirm',
]);

/** The policy of the route this request matched, or undefined when no route matched. */
export function matchedPolicy(
  c: Parameters<MiddlewareHandler>[0],
): { key: string; policy: RoutePolicy | undefined } | undefined {
  const route = matchedRoutes(c).findLast((r) => r.method !== 'ALL');
  if (!route) return undefined;
  const key = policyKey(route.method, route.path);
  return { key, policy: ROUTE_POLICIES[key] };
}

/**
 * The single gate in front of every route: looks up the route's policy (an unclassified route is
 * refused), applies CSRF rules, resolves the caller (session cookie or, where allowed, bearer
 * token) into `c.get('actor')`, and checks the route's roles (a missing role answers 404, and the
 * denial is audited).
 */
export function authenticate(core: Core): MiddlewareHandler<HttpEnv> {
  return async (c, next) => {
    const matched = matchedPolicy(c);
    c.set('actor', { kind: 'anonymous' });
    if (!matched) return next();
    const { policy, key } = matched;
    if (!policy) {
      throw new Error(`Route ${key} has no access policy (src/http/security/route-policy.ts)`);
    }
    assertSameOrigin(c);
    if (policy.auth === 'public') return next();
    const actor = await resolveActor(core, c, policy);
    c.set('actor', actor);
    if (
      actor.kind === 'user' &&
      actor.sessionPurpose === 'credentials' &&
      !CREDENTIAL_SETUP_ROUTES.has(key)
    ) {
      throw new CredentialSetupRequiredError(
        'Signed in with a temporary password: choose a new password and enrol TOTP first',
      );
    }
    if (actor.kind === 'user' && actor.mustChangePassword && !PASSWORD_CHANGE_ROUTES.has(key)) {
      throw new PasswordExpiredError(
        'Your password has expired; change it (POST /api/auth/password)',
      );
    }
    if (policy.police && isPartnerActor(actor)) {
      await core.audit.run(callContext(c), policy.audit, 'permission', async (_trx, note) => {
        note.details.route = key;
        throw new ForbiddenError('Police data: not available to partner organisations');
      });
    }
    if (policy.roles && actor.kind === 'user' && !hasAnyRole(actor.roles, policy.roles)) {
      await core.audit.run(callContext(c), policy.audit, 'permission', async (_trx, note) => {
        note.details.route = key;
        throw new NotFoundError('Not found');
      });
    }
    if (policy.auditedBy) return auditedByGate(core, c, key, policy, next);
    return next();
  };
}

const UUID_TEXT = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

// One audit row for a route whose service does not audit itself (see RoutePolicy.auditedBy):
// Hono has already turned a handler's error into `c.error` and a response when next() returns.
async function auditedByGate(
  core: Core,
  c: Parameters<MiddlewareHandler<HttpEnv>>[0],
  key: string,
  policy: RoutePolicy,
  next: () => Promise<void>,
): Promise<void> {
  try {
    await core.audit.record(callContext(c), policy.audit, policy.auditedBy!.gate, async (note) => {
      note.details.route = key;
      if (policy.statedReason) note.details.reason = c.req.query(policy.statedReason) ?? '';
      const objectId = policy.auditObject && c.req.query(policy.auditObject.query);
      if (objectId && UUID_TEXT.test(objectId)) {
        note.objectType = policy.auditObject!.type;
        note.objectIds = [objectId];
      }
      await next();
      if (c.error) throw c.error;
      note.details.status = c.res.status;
    });
  } catch (error) {
    if (error instanceof AuditUnavailableError) throw error;
    // Any other error is the handler's own, already rendered into c.res by the error handler.
  }
}

async function resolveActor(
  core: Core,
  c: Parameters<MiddlewareHandler>[0],
  policy: RoutePolicy,
): Promise<Actor> {
  const bearer = c.req.header('authorization');
  if (bearer !== undefined) {
    if (policy.auth !== 'any' || !bearer.startsWith('Bearer ')) {
      throw new UnauthorizedError('This route needs a UI session; API tokens are not accepted');
    }
    return core.tokens.authenticate(bearer.slice('Bearer '.length).trim());
  }
  const token = readSessionCookie(c, core.securitySettings.cookieSecure);
  if (!token) throw new UnauthorizedError('Authentication required');
  return core.sessions.authenticate(token);
}
