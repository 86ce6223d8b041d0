import { sql } from 'kysely';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codePointLength } from '#core/auth/password-policy.js';
import { totpCode } from '#core/auth/totp.js';
import type { Core } from '#src/app.js';
import { fixedClock } from '#test/clock.js';
import { cookieOf, createSecurityCore, jsonHeaders, newOrganisation } from '#test/security.js';
import { createHttpApp } from '../app.js';

const CANARY_NAME = 'Zzcanaryname Qqsubject';
const CANARY_PASSWORD = 'zzcanary-password-xyzzy-plugh';
// 64 code points of Unicode, accepted and verified exactly as typed (no normalisation).
const UNICODE_PASSPHRASE =
  'Zéphyr soufflé: 東京の夜に歩く猫は静かに月を見上げる — ça reste çà et là, mérci 🙂!';

describe('secrets and personal data never reach audit rows or logs (R13 canary)', () => {
  const clock = fixedClock('2026-02-01T10:00:00Z');
  const logs: string[] = [];
  let core: Core;
  let app: ReturnType<typeof createHttpApp>;
  beforeAll(async () => {
    const logger = pino({ level: 'trace' }, { write: (line: string) => void logs.push(line) });
    core = await createSecurityCore({ clock, logger });
    app = createHttpApp(core);
  });
  afterAll(async () => core.close());

  const post = (path: string, body: unknown, cookie = '') =>
    app.request(`http://localhost${path}`, {
      method: 'POST',
      headers: jsonHeaders(cookie ? { cookie } : {}),
      body: JSON.stringify(body),
    });

  it('runs login, failures, step-up, resets and token flows, then finds no canary anywhere', async () => {
    const org = await newOrganisation(core);
    const { CLI } = await import('#test/security.js');
    const admin = await core.users.createUser(CLI, {
      organisationId: org.id,
      username: 'zzcanaryuser',
      displayName: CANARY_NAME,
      roles: ['agency_admin'],
      password: CANARY_PASSWORD,
    });
    expect(codePointLength(UNICODE_PASSPHRASE)).toBeGreaterThanOrEqual(64);
    const other = await core.users.createUser(CLI, {
      organisationId: org.id,
      username: 'zzcanaryother',
      displayName: CANARY_NAME,
      roles: ['analyst'],
      password: UNICODE_PASSPHRASE,
    });
    const secrets = [CANARY_PASSWORD, UNICODE_PASSPHRASE, admin.totpSecret, other.totpSecret];

    expect(
      (
        await post('/api/auth/login', {
          username: 'zzcanaryuser',
          password: `${CANARY_PASSWORD}x`,
          totp: '123456',
        })
      ).status,
    ).toBe(401);
    expect(
      (
        await post('/api/auth/login', {
          username: 'zzcanarynobody',
          password: CANARY_PASSWORD,
          totp: '123456',
        })
      ).status,
    ).toBe(401);
    // The Unicode passphrase verifies exactly; its NFD spelling does not.
    clock.advance(30_000);
    const nfd = UNICODE_PASSPHRASE.normalize('NFD');
    expect(nfd).not.toBe(UNICODE_PASSPHRASE);
    expect(
      (
        await post('/api/auth/login', {
          username: 'zzcanaryother',
          password: nfd,
          totp: totpCode(other.totpSecret, clock.now()),
        })
      ).status,
    ).toBe(401);
    clock.advance(30_000);
    expect(
      (
        await post('/api/auth/login', {
          username: 'zzcanaryother',
          password: UNICODE_PASSPHRASE,
          totp: totpCode(other.totpSecret, clock.now()),
        })
      ).status,
    ).toBe(200);

    clock.advance(30_000);
    const login = await post('/api/auth/login', {
      username: 'zzcanaryuser',
      password: CANARY_PASSWORD,
      totp: totpCode(admin.totpSecret, clock.now()),
    });
    let cookie = cookieOf(login);
    secrets.push(cookie.split('=')[1]!);
    clock.advance(30_000);
    const stepUp = await post(
      '/api/auth/step-up',
      { password: CANARY_PASSWORD, totp: totpCode(admin.totpSecret, clock.now()) },
      cookie,
    );
    expect(stepUp.status).toBe(204);
    cookie = cookieOf(stepUp);
    secrets.push(cookie.split('=')[1]!);
    const reset = await post(`/api/users/${other.user.id}/password-reset`, {}, cookie);
    secrets.push(((await reset.json()) as { temporaryPassword: string }).temporaryPassword);
    const mfa = await post(`/api/users/${other.user.id}/mfa-reset`, {}, cookie);
    const temporary = ((await mfa.json()) as { temporaryPassword: string }).temporaryPassword;
    secrets.push(temporary);
    // The reset account finishes its reset: a new password, then a new TOTP secret.
    clock.advance(30_000);
    const setup = cookieOf(
      await post('/api/auth/login', { username: 'zzcanaryother', password: temporary, totp: '' }),
    );
    const rotated = await post(
      '/api/auth/password',
      { currentPassword: temporary, newPassword: `${CANARY_PASSWORD}-renewed` },
      setup,
    );
    expect(rotated.status).toBe(204);
    secrets.push(
      `${CANARY_PASSWORD}-renewed`,
      setup.split('=')[1]!,
      cookieOf(rotated).split('=')[1]!,
    );
    const offer = await post('/api/auth/totp/enrolment', {}, cookieOf(rotated));
    const enrolled = ((await offer.json()) as { totpSecret: string }).totpSecret;
    secrets.push(enrolled);
    expect(
      (
        await post(
          '/api/auth/totp/enrolment/confirm',
          { totp: totpCode(enrolled, clock.now()) },
          cookieOf(rotated),
        )
      ).status,
    ).toBe(204);
    const token = await post(
      `/api/users/${other.user.id}/tokens`,
      { name: 'ci', scopes: ['analyst'], expiresInDays: 2 },
      cookie,
    );
    secrets.push(((await token.json()) as { token: string }).token);
    await post('/api/auth/logout', {}, cookie);

    const rows = await core.handle.db.selectFrom('auditLog').selectAll().execute();
    expect(rows.length).toBeGreaterThan(8);
    const haystack = `${rows.map((r) => Object.values(r).join('|')).join('\n')}\n${logs.join('\n')}`;
    const canaries = [
      ...secrets,
      CANARY_NAME,
      'Zzcanaryname',
      'zzcanaryuser',
      'zzcanarynobody',
      'zzcanaryother',
    ];
    expect(canaries.filter((c) => haystack.toLowerCase().includes(c.toLowerCase()))).toEqual([]);
    // And the database holds only Argon2id hashes.
    const hashes = await sql<{ h: string }>`select password_hash as h from app_user`.execute(
      core.handle.db,
    );
    expect(hashes.rows.every((r) => r.h.startsWith('$argon2id$'))).toBe(true);
  });
});
