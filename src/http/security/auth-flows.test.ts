import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { totpCode } from '#core/auth/totp.js';
import {
  createAesGcmCipher,
  generateEncryptionKey,
  loadEncryptionKey,
} from '#platform/crypto/aes-gcm-cipher.js';
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

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

describe('authentication flows', () => {
  const clock = fixedClock('2026-01-05T09:00:00Z');
  let core: Core;
  let app: ReturnType<typeof createHttpApp>;
  let orgId: string;
  beforeAll(async () => {
    // TOTP secrets are sealed with a field-encryption key here, so the encrypted path is exercised.
    const key = loadEncryptionKey({ value: generateEncryptionKey() })!;
    core = await createSecurityCore({ clock, security: { cipher: createAesGcmCipher(key) } });
    app = createHttpApp(core);
    orgId = (await newOrganisation(core)).id;
  });
  afterAll(async () => core.close());

  const login = (u: TestUser, over: Record<string, string> = {}) =>
    app.request('http://localhost/api/auth/login', {
      method: 'POST',
      headers: jsonHeaders(),
      body: JSON.stringify({
        username: u.username,
        password: u.password,
        totp: totpCode(u.totpSecret, clock.now()),
        ...over,
      }),
    });
  const me = (cookie: string) =>
    app.request('http://localhost/api/auth/me', { headers: { cookie } });

  it('stores TOTP secrets encrypted when a key is configured', async () => {
    const u = await newUser(core, orgId, ['analyst']);
    const row = await core.handle.db
      .selectFrom('appUser')
      .select('totpSecret')
      .where('id', '=', u.id)
      .executeTakeFirstOrThrow();
    expect(row.totpSecret!.startsWith('v1.')).toBe(true);
    expect(row.totpSecret).not.toContain(u.totpSecret);
  });

  it('shows the system-use notice before login', async () => {
    const res = await app.request('http://localhost/api/auth/notice');
    expect(((await res.json()) as { notice: string }).notice).toMatch(
      /restricted law-enforcement system/,
    );
  });

  it('sets no session cookie without the second factor, and refuses a replayed TOTP code', async () => {
    const u = await newUser(core, orgId, ['analyst']);
    const noTotp = await login(u, { totp: '' });
    expect(noTotp.status).toBe(401);
    expect(noTotp.headers.get('set-cookie')).toBeNull();
    clock.advance(30_000);
    const first = await login(u);
    expect(first.status).toBe(200);
    expect(first.headers.get('set-cookie')).toMatch(
      /HttpOnly.*SameSite=Strict|SameSite=Strict.*HttpOnly/,
    );
    const replay = await login(u);
    expect(replay.status).toBe(401);
  });

  it('answers an unknown user exactly like a wrong password', async () => {
    const u = await newUser(core, orgId, ['analyst']);
    const wrong = await login(u, { password: 'not the password at all' });
    const unknown = await login({ ...u, username: 'nobody-here' });
    expect(unknown.status).toBe(wrong.status);
    expect(await unknown.text()).toBe(await wrong.text());
  });

  it('locks after 5 failures in 15 minutes until an administrator unlocks, and audits the unlock', async () => {
    const u = await newUser(core, orgId, ['analyst']);
    for (let i = 0; i < 5; i++) {
      expect((await login(u, { password: `wrong password ${i}` })).status).toBe(401);
    }
    clock.advance(31_000);
    expect((await login(u)).status).toBe(401);
    clock.advance(24 * 3_600_000);
    expect((await login(u)).status).toBe(401);
    const admin = await newUser(core, orgId, ['agency_admin']);
    clock.advance(31_000);
    const cookie = await loginCookie(app, core, admin);
    const unlock = await app.request(`http://localhost/api/users/${u.id}/unlock`, {
      method: 'POST',
      headers: jsonHeaders({ cookie }),
    });
    expect(unlock.status).toBe(200);
    clock.advance(31_000);
    expect((await login(u)).status).toBe(200);
    const rows = await core.handle.db
      .selectFrom('auditLog')
      .select('entry')
      .where('action', '=', 'user.unlock')
      .execute();
    expect(rows.some((r) => r.entry.includes(u.id))).toBe(true);
  });

  it('ends a session after 30 idle minutes and after 12 hours despite activity', async () => {
    const u = await newUser(core, orgId, ['analyst']);
    clock.advance(31_000);
    const cookie = cookieOf(await login(u));
    clock.advance(29 * 60_000 + 59_000);
    expect((await me(cookie)).status).toBe(200);
    clock.advance(30 * 60_000 + 1_000);
    expect((await me(cookie)).status).toBe(401);
    clock.advance(31_000);
    const second = cookieOf(await login(u));
    for (let i = 0; i < 24; i++) {
      clock.advance(29 * 60_000);
      expect((await me(second)).status).toBe(200);
    }
    clock.advance(25 * 60_000); // 12 h 21 min after login, 25 min idle
    expect((await me(second)).status).toBe(401);
  });

  it('kills the old cookie at logout (with Clear-Site-Data) and a disabled user at once', async () => {
    const u = await newUser(core, orgId, ['analyst']);
    clock.advance(31_000);
    const cookie = cookieOf(await login(u));
    const out = await app.request('http://localhost/api/auth/logout', {
      method: 'POST',
      headers: jsonHeaders({ cookie }),
    });
    expect(out.status).toBe(204);
    expect(out.headers.get('clear-site-data')).toContain('cookies');
    expect((await me(cookie)).status).toBe(401);
    clock.advance(31_000);
    const again = cookieOf(await login(u));
    const admin = await newUser(core, orgId, ['agency_admin']);
    clock.advance(31_000);
    const adminCookie = await loginCookie(app, core, admin);
    await app.request(`http://localhost/api/users/${u.id}/disable`, {
      method: 'POST',
      headers: jsonHeaders({ cookie: adminCookie }),
    });
    expect((await me(again)).status).toBe(401);
  });

  it('refuses cross-site and form posts (CSRF)', async () => {
    const u = await newUser(core, orgId, ['analyst']);
    const body = JSON.stringify({ username: u.username, password: u.password, totp: '000000' });
    const url = 'http://localhost/api/auth/login';
    const plain = await app.request(url, {
      method: 'POST',
      headers: { 'content-type': 'text/plain', 'x-vigil-request': '1' },
      body,
    });
    const foreign = await app.request(url, {
      method: 'POST',
      headers: jsonHeaders({ origin: 'https://evil.example' }),
      body,
    });
    const noHeader = await app.request(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    });
    expect([plain.status, foreign.status, noHeader.status]).toEqual([403, 403, 403]);
  });

  it('rotates the session at step-up and requires it within 5 minutes', async () => {
    const { requireStepUp } = await import('#core/access/guards.js');
    const u = await newUser(core, orgId, ['investigator']);
    clock.advance(31_000);
    const cookie = cookieOf(await login(u));
    const actor = await core.sessions.authenticate(cookie.split('=')[1]!);
    expect(() => requireStepUp(actor, clock.now(), 5 * 60_000)).toThrow(/Re-authenticate/);
    clock.advance(31_000);
    const res = await app.request('http://localhost/api/auth/step-up', {
      method: 'POST',
      headers: jsonHeaders({ cookie }),
      body: JSON.stringify({ password: u.password, totp: totpCode(u.totpSecret, clock.now()) }),
    });
    expect(res.status).toBe(204);
    const rotated = cookieOf(res);
    expect(rotated).not.toBe(cookie);
    expect((await me(cookie)).status).toBe(401);
    const stepped = await core.sessions.authenticate(rotated.split('=')[1]!);
    expect(() => requireStepUp(stepped, clock.now(), 5 * 60_000)).not.toThrow();
    clock.advance(5 * 60_000 + 1_000);
    expect(() => requireStepUp(stepped, clock.now(), 5 * 60_000)).toThrow(/Re-authenticate/);
  });

  it('rate-limits login attempts per account (429 after 10 a minute)', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) {
      statuses.push(
        (
          await login({
            username: 'sprayed-name',
            password: 'x',
            totpSecret: 'A'.repeat(32),
          } as TestUser)
        ).status,
      );
    }
    expect(statuses.slice(0, 10).every((s) => s === 401)).toBe(true);
    expect(statuses[10]).toBe(429);
  });

  it('takes about as long for an unknown user as for a known one (no timing oracle)', async () => {
    const u = await newUser(core, orgId, ['analyst']);
    const time = async (username: string) => {
      clock.advance(61_000); // past the per-minute rate limit
      const start = performance.now();
      await login({ ...u, username }, { password: 'wrong password here' });
      return performance.now() - start;
    };
    const known: number[] = [];
    const unknown: number[] = [];
    for (let i = 0; i < 50; i++) {
      known.push(await time(u.username));
      unknown.push(await time('no-such-user'));
    }
    expect(Math.abs(mean(known) - mean(unknown))).toBeLessThan(50);
  });
});
