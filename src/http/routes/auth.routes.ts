import { createRoute, z } from '@hono/zod-openapi';
import {
  ChangePasswordSchema,
  ConfirmTotpSchema,
  LoginResultSchema,
  LoginSchema,
  MeSchema,
  StepUpSchema,
  TotpEnrolmentSchema,
} from '#core/auth/auth.schema.js';
import { requireUser } from '#core/access/guards.js';
import type { Core } from '#src/app.js';
import { createRouter } from '../openapi-app.js';
import { callContext } from '../security/context.js';
import { LoginRateLimiter } from '../security/rate-limit.js';
import { clearSessionCookie, writeSessionCookie } from '../security/session-cookie.js';
import { jsonBody, jsonOk, NoContent } from './route-helpers.js';

const tags = ['auth'];
const notice = createRoute({
  method: 'get',
  path: '/auth/notice',
  tags,
  summary: 'The system-use notice shown before login',
  responses: { 200: jsonOk(z.object({ notice: z.string() })) },
});
const login = createRoute({
  method: 'post',
  path: '/auth/login',
  tags,
  summary:
    'Log in with password and TOTP (a temporary password from a reset: no code); sets the session cookie',
  request: jsonBody(LoginSchema),
  responses: { 200: jsonOk(LoginResultSchema) },
});
const logout = createRoute({
  method: 'post',
  path: '/auth/logout',
  tags,
  summary: 'End every session of the caller and clear site data',
  responses: { 204: NoContent },
});
const stepUp = createRoute({
  method: 'post',
  path: '/auth/step-up',
  tags,
  summary: 'Re-authenticate; rotates the session cookie',
  request: jsonBody(StepUpSchema),
  responses: { 204: NoContent },
});
const password = createRoute({
  method: 'post',
  path: '/auth/password',
  tags,
  summary:
    'Change own password (current password and TOTP code); ends every other session and rotates this one',
  request: jsonBody(ChangePasswordSchema),
  responses: { 204: NoContent },
});
const totpEnrolment = createRoute({
  method: 'post',
  path: '/auth/totp/enrolment',
  tags,
  summary: 'After a reset and a new password: offer a new TOTP secret (shown once)',
  responses: { 200: jsonOk(TotpEnrolmentSchema) },
});
const totpConfirm = createRoute({
  method: 'post',
  path: '/auth/totp/enrolment/confirm',
  tags,
  summary: 'Enrol the offered TOTP secret with a code from it; ends every session (sign in again)',
  request: jsonBody(ConfirmTotpSchema),
  responses: { 204: NoContent },
});
const me = createRoute({
  method: 'get',
  path: '/auth/me',
  tags,
  summary: 'The caller',
  responses: { 200: jsonOk(MeSchema) },
});

export function authRoutes(core: Core) {
  const limiter = new LoginRateLimiter(core.clock);
  const cookie = core.securitySettings.cookieSecure;
  return createRouter()
    .openapi(notice, (c) => c.json({ notice: core.securitySettings.noticeText }, 200))
    .openapi(login, async (c) => {
      const body = c.req.valid('json');
      limiter.hit(body.username);
      const { token, ...result } = await core.auth.login(callContext(c), body);
      writeSessionCookie(c, cookie, token);
      return c.json(result, 200);
    })
    .openapi(logout, async (c) => {
      await core.sessions.logout(callContext(c));
      clearSessionCookie(c, cookie);
      c.header('Clear-Site-Data', '"cache", "cookies", "storage"');
      return c.body(null, 204);
    })
    .openapi(stepUp, async (c) => {
      writeSessionCookie(
        c,
        cookie,
        (await core.auth.stepUp(callContext(c), c.req.valid('json'))).token,
      );
      return c.body(null, 204);
    })
    .openapi(password, async (c) => {
      const { token } = await core.auth.changePassword(callContext(c), c.req.valid('json'));
      writeSessionCookie(c, cookie, token);
      return c.body(null, 204);
    })
    .openapi(totpEnrolment, async (c) =>
      c.json(await core.auth.startTotpEnrolment(callContext(c)), 200),
    )
    .openapi(totpConfirm, async (c) => {
      await core.auth.confirmTotpEnrolment(callContext(c), c.req.valid('json'));
      clearSessionCookie(c, cookie);
      return c.body(null, 204);
    })
    .openapi(me, (c) => {
      const a = requireUser(c.get('actor'));
      return c.json(
        {
          userId: a.userId,
          organisationId: a.organisationId,
          roles: a.roles,
          via: a.via,
          stepUpAt: a.stepUpAt?.toISOString() ?? null,
          mustChangePassword: a.mustChangePassword ?? false,
          mustEnrolTotp: a.mustEnrolTotp ?? false,
        },
        200,
      );
    });
}
