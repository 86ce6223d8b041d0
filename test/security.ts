import { randomUUID } from 'node:crypto';
import { systemContext, type CallContext } from '#core/access/actor.js';
import type { Role } from '#core/access/roles.js';
import { totpCode } from '#core/auth/totp.js';
import { buildCore, type Core, type CoreDeps } from '#src/app.js';
import { createHttpApp } from '#http/app.js';
import { CSRF_HEADER } from '#http/security/csrf.js';
import { createTestDatabase } from './db.js';

export const CLI: CallContext = systemContext('cli', 'test');
export const FAST_ARGON2 = { memoryCost: 1024, timeCost: 1, parallelism: 1 };
export const PASSWORD = 'correct horse battery staple';

/** The real core with a cheap Argon2id cost (the algorithm is unchanged). */
export async function createSecurityCore(deps: CoreDeps = {}): Promise<Core> {
  return buildCore(await createTestDatabase(), {
    ...deps,
    security: { argon2: FAST_ARGON2, ...deps.security },
  });
}

let counter = 0;
/** A unique code/username suffix per call. */
export const unique = (prefix: string) => `${prefix}${++counter}${randomUUID().slice(0, 6)}`;

export async function newOrganisation(core: Core, kind: 'agency' | 'partner' = 'agency') {
  return core.organisations.createOrganisation(CLI, {
    kind,
    code: unique('ORG').toUpperCase().slice(0, 20),
    name: 'Test service',
    jurisdiction: 'Test province',
  });
}

export async function newUser(
  core: Core,
  organisationId: string,
  roles: Role[],
  password = PASSWORD,
) {
  const created = await core.users.createUser(CLI, {
    organisationId,
    username: unique('user'),
    displayName: 'Test User',
    roles,
    password,
  });
  return { ...created.user, totpSecret: created.totpSecret, password };
}

export type TestUser = Awaited<ReturnType<typeof newUser>>;

/** JSON request headers Vigil's own pages send (the CSRF header and content type). */
export function jsonHeaders(extra: Record<string, string> = {}): Record<string, string> {
  return { 'content-type': 'application/json', [CSRF_HEADER]: '1', ...extra };
}

/** Logs in over HTTP and returns the Cookie header value. */
export async function loginCookie(
  app: ReturnType<typeof createHttpApp>,
  core: Core,
  user: TestUser,
): Promise<string> {
  const res = await app.request('http://localhost/api/auth/login', {
    method: 'POST',
    headers: jsonHeaders(),
    body: JSON.stringify({
      username: user.username,
      password: user.password,
      totp: totpCode(user.totpSecret, core.clock.now()),
    }),
  });
  if (res.status !== 200) throw new Error(`login failed: ${res.status} ${await res.text()}`);
  return cookieOf(res);
}

export function cookieOf(res: Response): string {
  const set = res.headers.get('set-cookie') ?? '';
  return set.split(';')[0]!;
}

/** Opens a session directly (no TOTP step used), for tables of many actors. */
export async function sessionCookie(core: Core, userId: string): Promise<string> {
  const token = await core.handle.db
    .transaction()
    .execute((trx) => core.sessions.open(trx, userId, true));
  return `vigil_session=${token}`;
}

/**
 * The HTTP app as a signed-in user of a new organisation (system administrator by default): every
 * request carries the session cookie and the CSRF header Vigil's own pages send.
 */
export async function signedInApp(core: Core, roles: Role[] = ['system_admin']) {
  const app = createHttpApp(core);
  const user = await newUser(core, (await newOrganisation(core)).id, roles);
  const cookie = await sessionCookie(core, user.id);
  return {
    user,
    request: (path: string, init: RequestInit = {}) =>
      app.request(path, {
        ...init,
        headers: { ...(init.headers as Record<string, string>), cookie, [CSRF_HEADER]: '1' },
      }),
  };
}
