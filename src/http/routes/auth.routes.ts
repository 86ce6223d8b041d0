import { createRoute, z } from '@hono/zod-openapi';
import {
  ChangePasswordSchema,
  LoginSchema,
  MeSchema,
  StepUpSchema,
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
  summary: 'Log in with password and TOTP; sets the session cookie',
  request: jsonBody(LoginSchema),
  responses: { 200: jsonOk(z.object({ passwordExpired: z.boolean() })) },
});
const logout = createRoute({
  method: 'post',
  path: '/auth/logout',
  tags,
  summary: 'End the session and clear site data',
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
  summary: 'Change own password; ends every session',
  request: jsonBody(ChangePasswordSchema),
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
      const result = await core.auth.login(callContext(c), body);
      writeSessionCookie(c, cookie, result.token);
      return c.json({ passwordExpired: result.passwordExpired }, 200);
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
      await core.auth.changePassword(callContext(c), c.req.valid('json'));
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
        },
        200,
      );
    });
}
