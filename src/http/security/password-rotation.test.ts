import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { totpCode } from '#core/auth/totp.js';
import type { Core } from '#src/app.js';
import { fixedClock } from '#test/clock.js';
import {
  cookieOf,
  createSecurityCore,
  jsonHeaders,
  newOrganisation,
  newUser,
} from '#test/security.js';
import { createHttpApp } from '../app.js';

describe('password rotation switch (CJIS profile)', () => {
  const clock = fixedClock('2026-03-01T08:00:00Z');
  let core: Core;
  let app: ReturnType<typeof createHttpApp>;
  beforeAll(async () => {
    core = await createSecurityCore({ clock, security: { policy: { passwordRotationDays: 365 } } });
    app = createHttpApp(core);
  });
  afterAll(async () => core.close());

  it('forces a change of a password older than 365 days before anything else', async () => {
    const org = await newOrganisation(core);
    const u = await newUser(core, org.id, ['supervisor']);
    clock.advance(366 * 86_400_000);
    const login = await app.request('http://localhost/api/auth/login', {
      method: 'POST',
      headers: jsonHeaders(),
      body: JSON.stringify({
        username: u.username,
        password: u.password,
        totp: totpCode(u.totpSecret, clock.now()),
      }),
    });
    expect(await login.json()).toEqual({ passwordExpired: true, mustEnrolTotp: false });
    const cookie = cookieOf(login);
    const users = await app.request('http://localhost/api/users', { headers: { cookie } });
    expect(users.status).toBe(403);
    expect(((await users.json()) as { error: { code: string } }).error.code).toBe(
      'password_expired',
    );
    clock.advance(30_000);
    const change = await app.request('http://localhost/api/auth/password', {
      method: 'POST',
      headers: jsonHeaders({ cookie }),
      body: JSON.stringify({
        currentPassword: u.password,
        newPassword: 'a fresh and rather long passphrase',
        totp: totpCode(u.totpSecret, clock.now()),
      }),
    });
    expect(change.status).toBe(204);
    expect(
      (await app.request('http://localhost/api/auth/me', { headers: { cookie } })).status,
    ).toBe(401);
    // The rotated session carries on, the password no longer expired.
    const rotated = cookieOf(change);
    expect(
      (await app.request('http://localhost/api/users', { headers: { cookie: rotated } })).status,
    ).toBe(200);
  });
});
