import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { totpCode } from '#core/auth/totp.js';
import type { Core } from '#src/app.js';
import { fixedClock } from '#test/clock.js';
import {
  cookieOf,
  createSecurityCore,
  jsonHeaders,
  loginCookie,
  newOrganisation,
  newUser,
  type TestUser,
} from '#test/security.js';
import { createHttpApp } from '../app.js';

const NEW_PASSWORD = 'a quiet orchard under snow';

const errorCode = async (res: Response) =>
  ((await res.json()) as { error: { code: string } }).error.code;

describe('password change, logout and credential resets (R6, R7, R9)', () => {
  const clock = fixedClock('2026-05-04T08:00:00Z');
  let core: Core;
  let app: ReturnType<typeof createHttpApp>;
  let orgId: string;
  beforeAll(async () => {
    core = await createSecurityCore({ clock });
    app = createHttpApp(core);
    orgId = (await newOrganisation(core)).id;
  });
  afterAll(async () => core.close());

  const next = () => clock.advance(30_000);
  const code = (secret: string) => totpCode(secret, clock.now());
  const post = (path: string, body: unknown, cookie?: string) =>
    app.request(`http://localhost${path}`, {
      method: 'POST',
      headers: jsonHeaders(cookie ? { cookie } : {}),
      body: JSON.stringify(body),
    });
  const get = (path: string, cookie: string) =>
    app.request(`http://localhost${path}`, { headers: { cookie } });
  const login = (username: string, password: string, totp: string) =>
    post('/api/auth/login', { username, password, totp });
  const signIn = async (u: TestUser) => {
    next();
    return loginCookie(app, core, u);
  };
  const failedLogins = async (id: string) =>
    (
      await core.handle.db
        .selectFrom('appUser')
        .select(['failedLogins', 'lockedAt'])
        .where('id', '=', id)
        .executeTakeFirstOrThrow()
    ).failedLogins;

  it('ends every session of the user at logout, not only the one that logged out', async () => {
    const u = await newUser(core, orgId, ['analyst']);
    const laptop = await signIn(u);
    const desktop = await signIn(u);
    expect((await get('/api/auth/me', desktop)).status).toBe(200);
    expect((await post('/api/auth/logout', {}, laptop)).status).toBe(204);
    expect((await get('/api/auth/me', laptop)).status).toBe(401);
    expect((await get('/api/auth/me', desktop)).status).toBe(401);
  });

  it('asks for the current password and a TOTP code to change a password, counting failures', async () => {
    const u = await newUser(core, orgId, ['analyst']);
    const cookie = await signIn(u);
    next();
    const change = (body: Record<string, string>) =>
      post('/api/auth/password', { newPassword: NEW_PASSWORD, ...body }, cookie);
    expect((await change({ currentPassword: u.password })).status).toBe(401);
    expect(
      (await change({ currentPassword: 'a wrong guess here', totp: code(u.totpSecret) })).status,
    ).toBe(401);
    expect(await failedLogins(u.id)).toBe(2);
    for (let i = 0; i < 3; i++) {
      expect((await change({ currentPassword: `wrong guess ${i}`, totp: '000000' })).status).toBe(
        401,
      );
    }
    // Five failures lock the account: the session ends, the right password no longer helps.
    expect((await get('/api/auth/me', cookie)).status).toBe(401);
    next();
    expect((await login(u.username, u.password, code(u.totpSecret))).status).toBe(401);
  });

  it('ends every other session on a password change and rotates the current one', async () => {
    const u = await newUser(core, orgId, ['analyst']);
    const other = await signIn(u);
    const cookie = await signIn(u);
    next();
    const totp = code(u.totpSecret);
    const res = await post(
      '/api/auth/password',
      { currentPassword: u.password, newPassword: NEW_PASSWORD, totp },
      cookie,
    );
    expect(res.status).toBe(204);
    const rotated = cookieOf(res);
    expect(rotated).not.toBe(cookie);
    expect((await get('/api/auth/me', cookie)).status).toBe(401);
    expect((await get('/api/auth/me', other)).status).toBe(401);
    expect((await get('/api/auth/me', rotated)).status).toBe(200);
    // The code is spent, and the old password is gone.
    expect(
      (
        await post(
          '/api/auth/password',
          { currentPassword: NEW_PASSWORD, newPassword: 'yet another long phrase', totp },
          rotated,
        )
      ).status,
    ).toBe(401);
    next();
    expect((await login(u.username, u.password, code(u.totpSecret))).status).toBe(401);
    next();
    expect((await login(u.username, NEW_PASSWORD, code(u.totpSecret))).status).toBe(200);
  });

  it('resets with one-time credentials: a new password, then a new TOTP, before anything else', async () => {
    const admin = await newUser(core, orgId, ['agency_admin']);
    const u = await newUser(core, orgId, ['investigator']);
    const adminCookie = await signIn(admin);
    const before = await signIn(u);
    const reset = await post(`/api/users/${u.id}/password-reset`, {}, adminCookie);
    expect(reset.status).toBe(200);
    const { temporaryPassword } = (await reset.json()) as { temporaryPassword: string };
    expect(
      Object.keys((await (await get(`/api/users/${u.id}`, adminCookie)).json()) as object),
    ).not.toContain('temporaryPassword');
    expect((await get('/api/auth/me', before)).status).toBe(401);

    // The old password and TOTP no longer sign in; the temporary password does, without a code.
    next();
    expect((await login(u.username, u.password, code(u.totpSecret))).status).toBe(401);
    next();
    const first = await login(u.username, temporaryPassword, '');
    expect(first.status).toBe(200);
    expect(await first.json()).toEqual({ passwordExpired: true, mustEnrolTotp: true });
    let setup = cookieOf(first);
    expect(await (await get('/api/auth/me', setup)).json()).toMatchObject({
      mustChangePassword: true,
      mustEnrolTotp: true,
    });

    // That session can do nothing else, step-up and enrolment before the new password included.
    for (const path of ['/api/users', `/api/organisations/${orgId}`, '/api/queue']) {
      const res = await get(path, setup);
      expect([path, res.status, await errorCode(res)]).toEqual([
        path,
        403,
        'credential_setup_required',
      ]);
    }
    expect(
      (await post('/api/auth/step-up', { password: temporaryPassword, totp: '' }, setup)).status,
    ).toBe(403);
    expect(await errorCode(await post('/api/auth/totp/enrolment', {}, setup))).toBe(
      'password_expired',
    );

    // 1. A new password (the temporary one as current; no code exists yet). Rotates the session.
    // Keeping the temporary password, which the administrator knows, is refused.
    expect(
      (
        await post(
          '/api/auth/password',
          { currentPassword: temporaryPassword, newPassword: temporaryPassword },
          setup,
        )
      ).status,
    ).toBe(400);
    const changed = await post(
      '/api/auth/password',
      { currentPassword: temporaryPassword, newPassword: NEW_PASSWORD },
      setup,
    );
    expect(changed.status).toBe(204);
    expect((await get('/api/auth/me', setup)).status).toBe(401);
    setup = cookieOf(changed);
    expect((await get(`/api/organisations/${orgId}`, setup)).status).toBe(403);

    // 2. A new TOTP secret, confirmed with a code from it; then every session ends.
    const offer = await post('/api/auth/totp/enrolment', {}, setup);
    expect(offer.status).toBe(200);
    const { totpSecret, totpUri } = (await offer.json()) as { totpSecret: string; totpUri: string };
    expect(totpUri).toContain(`secret=${totpSecret}`);
    expect(totpSecret).not.toBe(u.totpSecret);
    expect((await post('/api/auth/totp/enrolment/confirm', { totp: '000000' }, setup)).status).toBe(
      400,
    );
    const confirmed = await post(
      '/api/auth/totp/enrolment/confirm',
      { totp: code(totpSecret) },
      setup,
    );
    expect(confirmed.status).toBe(204);
    expect((await get('/api/auth/me', setup)).status).toBe(401);

    // The next sign-in needs the new password and the new TOTP, and is a full session.
    next();
    expect((await login(u.username, NEW_PASSWORD, '')).status).toBe(401);
    expect((await login(u.username, temporaryPassword, code(totpSecret))).status).toBe(401);
    next();
    const full = await login(u.username, NEW_PASSWORD, code(totpSecret));
    expect(await full.json()).toEqual({ passwordExpired: false, mustEnrolTotp: false });
    expect((await get(`/api/organisations/${orgId}`, cookieOf(full))).status).toBe(200);
    // A second enrolment is refused: only an administrator's reset clears TOTP.
    expect((await post('/api/auth/totp/enrolment', {}, cookieOf(full))).status).toBe(409);
  });

  it('makes an MFA reset the same one-time reset, and releases a lock', async () => {
    const admin = await newUser(core, orgId, ['agency_admin']);
    const u = await newUser(core, orgId, ['analyst']);
    for (let i = 0; i < 5; i++) await login(u.username, `wrong ${i} guess`, '000000');
    const adminCookie = await signIn(admin);
    const res = await post(`/api/users/${u.id}/mfa-reset`, {}, adminCookie);
    expect(res.status).toBe(200);
    const body = (await res.json()) as Record<string, string>;
    expect(Object.keys(body)).toEqual(['temporaryPassword']);
    next();
    const first = await login(u.username, body.temporaryPassword!, '');
    expect(await first.json()).toEqual({ passwordExpired: true, mustEnrolTotp: true });
    // Password alone never opens anything for an account that has TOTP.
    next();
    expect((await login(admin.username, admin.password, '')).status).toBe(401);
  });

  it('offers no reset of a peer administrator over HTTP', async () => {
    const admin = await newUser(core, orgId, ['agency_admin']);
    const peer = await newUser(core, orgId, ['agency_admin']);
    const cookie = await signIn(admin);
    const res = await post(`/api/users/${peer.id}/password-reset`, {}, cookie);
    expect(res.status).toBe(403);
    const view = (await (await get(`/api/users/${peer.id}`, cookie)).json()) as {
      allowedActions: string[];
    };
    expect(view.allowedActions).not.toContain('reset');
    next();
    expect((await login(peer.username, peer.password, code(peer.totpSecret))).status).toBe(200);
  });
});
