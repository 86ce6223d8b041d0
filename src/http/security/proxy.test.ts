import { request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createAdaptorServer } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { totpCode } from '#core/auth/totp.js';
import type { Core } from '#src/app.js';
import {
  createSecurityCore,
  jsonHeaders,
  newOrganisation,
  newUser,
  type TestUser,
} from '#test/security.js';
import { createHttpApp, type HttpAppOptions } from '../app.js';

// Real sockets: the server listens on 127.0.0.1 and the requests leave from chosen loopback
// addresses (Linux routes all of 127.0.0.0/8 to lo), so "the proxy" (127.0.0.2) and "a client
// that is not a proxy" (127.0.0.1) are told apart by the peer address alone.
const PROXY = '127.0.0.2';
const PUBLIC_ORIGIN = 'https://vigil.example';

type Reply = { status: number; body: string; setCookie: string[] };

function send(
  port: number,
  from: string,
  path: string,
  init: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: '127.0.0.1',
        port,
        path,
        localAddress: from,
        method: init.method ?? 'GET',
        headers: init.headers,
      },
      (res) => {
        let body = '';
        res.on('data', (d: Buffer) => (body += d.toString()));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            body,
            setCookie: res.headers['set-cookie'] ?? [],
          }),
        );
      },
    );
    req.on('error', reject);
    req.end(init.body);
  });
}

async function listen(
  core: Core,
  options: HttpAppOptions,
): Promise<{ port: number; server: Server }> {
  const server = createAdaptorServer({ fetch: createHttpApp(core, options).fetch }) as Server;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { port: (server.address() as AddressInfo).port, server };
}

describe('behind a reverse proxy (VIGIL_PUBLIC_ORIGIN, VIGIL_TRUSTED_PROXIES)', () => {
  let core: Core;
  let user: TestUser;
  let proxied: { port: number; server: Server };
  let direct: { port: number; server: Server };

  beforeAll(async () => {
    core = await createSecurityCore();
    user = await newUser(core, (await newOrganisation(core)).id, ['analyst']);
    proxied = await listen(core, {
      proxy: { publicOrigin: PUBLIC_ORIGIN, trustedProxies: [PROXY] },
    });
    direct = await listen(core, {});
  });
  afterAll(async () => {
    proxied.server.close();
    direct.server.close();
    await core.close();
  });

  /** A failed login: one audit row (auth.login, failure) that records the client address. */
  async function failedLoginIp(
    port: number,
    from: string,
    headers: Record<string, string>,
  ): Promise<string | undefined> {
    const res = await send(port, from, '/api/auth/login', {
      method: 'POST',
      headers: jsonHeaders({ origin: PUBLIC_ORIGIN, ...headers }),
      body: JSON.stringify({ username: user.username, password: 'wrong password', totp: '000000' }),
    });
    expect(res.status).toBe(401);
    return lastLoginIp();
  }

  async function lastLoginIp(): Promise<string | undefined> {
    const row = await core.handle.db
      .selectFrom('auditLog')
      .select('entry')
      .where('action', '=', 'auth.login')
      .orderBy('seq', 'desc')
      .limit(1)
      .executeTakeFirstOrThrow();
    return (JSON.parse(row.entry) as { ip?: string }).ip;
  }

  it('records the address the trusted proxy forwarded, not the proxy’s', async () => {
    expect(await failedLoginIp(proxied.port, PROXY, { 'x-forwarded-for': '198.51.100.4' })).toBe(
      '198.51.100.4',
    );
  });

  it('takes the right-most untrusted address: a client cannot forge one through the proxy', async () => {
    const forged = { 'x-forwarded-for': '203.0.113.9, 198.51.100.4' };
    expect(await failedLoginIp(proxied.port, PROXY, forged)).toBe('198.51.100.4');
  });

  it('does not believe X-Forwarded-For from a peer that is not a trusted proxy', async () => {
    const forged = { 'x-forwarded-for': '203.0.113.9' };
    expect(await failedLoginIp(proxied.port, '127.0.0.1', forged)).toBe('127.0.0.1');
  });

  it('ignores forwarded headers altogether when no proxy is trusted', async () => {
    const forged = { 'x-forwarded-for': '203.0.113.9', origin: `http://127.0.0.1:${direct.port}` };
    expect(await failedLoginIp(direct.port, PROXY, forged)).toBe(PROXY);
  });

  it('signs in with the public origin: Secure __Host- cookie, session usable through the proxy', async () => {
    const res = await send(proxied.port, PROXY, '/api/auth/login', {
      method: 'POST',
      headers: jsonHeaders({
        origin: PUBLIC_ORIGIN,
        'sec-fetch-site': 'same-origin',
        'x-forwarded-for': '198.51.100.4',
      }),
      body: JSON.stringify({
        username: user.username,
        password: user.password,
        totp: totpCode(user.totpSecret, core.clock.now()),
      }),
    });
    expect(res.status).toBe(200);
    const cookie = res.setCookie[0] ?? '';
    expect(cookie).toMatch(/^__Host-vigil_session=/);
    expect(cookie).toMatch(/; Secure/);
    expect(await lastLoginIp()).toBe('198.51.100.4');
    const me = await send(proxied.port, PROXY, '/api/auth/me', {
      headers: { cookie: cookie.split(';')[0]! },
    });
    expect(me.status).toBe(200);
  });

  it('refuses an Origin other than the public origin (CSRF), even the server’s own address', async () => {
    for (const origin of [`http://127.0.0.1:${proxied.port}`, 'https://evil.example']) {
      const res = await send(proxied.port, PROXY, '/api/auth/login', {
        method: 'POST',
        headers: jsonHeaders({ origin }),
        body: JSON.stringify({ username: user.username, password: 'x', totp: '000000' }),
      });
      expect(res.status).toBe(403);
      expect(JSON.parse(res.body)).toMatchObject({ error: { code: 'csrf_rejected' } });
    }
  });

  it('without a public origin, compares the Origin with the request’s own (a TLS proxy breaks it)', async () => {
    const res = await send(direct.port, PROXY, '/api/auth/login', {
      method: 'POST',
      headers: jsonHeaders({ origin: PUBLIC_ORIGIN }),
      body: JSON.stringify({ username: user.username, password: 'x', totp: '000000' }),
    });
    expect(res.status).toBe(403);
  });
});
