import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  assertNginx,
  freePort,
  makeTestCertificate,
  nginxConfig,
  nginxSuite,
  startNginx,
  type RunningNginx,
  type TestCertificate,
} from '../nginx.js';
import { run, testKeyEnv, vigil, waitForUrl, type Proc } from '../process.js';
import {
  apiJsonIn,
  assertChromium,
  browserSuite,
  launchChromium,
  signIn,
  type DemoAccount,
} from './browser.js';
import { openPage } from './demo-server.js';

// Deployment as README.md documents it: Debian's nginx terminates TLS on loopback with a
// certificate this test makes, and proxies to a real `vigil serve` (PGlite in a temporary
// directory). nginx connects to Vigil from 127.0.0.2, the only trusted proxy; the browser and the
// test's own clients connect from 127.0.0.1 or 127.0.0.3, so every address in the audit tells who
// it came from. Skipped loudly without Chromium or nginx, except in CI, where it fails.
const PROXY_ADDRESS = '127.0.0.2';
const FORGED = '203.0.113.9';
const runSuite =
  browserSuite('e2e/ui/proxy', 'the reverse-proxy sign-in test') &&
  nginxSuite('e2e/ui/proxy', 'the reverse-proxy sign-in test');

type AuditRows = { items: Array<{ seq: number; entry: { outcome: string; ip?: string } }> };

(runSuite ? describe : describe.skip)(
  'vigil serve behind nginx terminating TLS, in Chromium',
  { timeout: 240_000 },
  () => {
    let dir: string;
    let key: { VIGIL_ENCRYPTION_KEY_FILE: string };
    let cert: TestCertificate;
    let server: Proc | undefined;
    let vigilUrl: string;
    let nginx: RunningNginx | undefined;
    let browser: Browser | undefined;
    let admin: DemoAccount;
    let auditor: DemoAccount;
    const pageErrors: string[] = [];

    /** Creates an account with the CLI (before the server holds the data directory). */
    async function account(
      args: string[],
      input: Record<string, unknown>,
      dataDir: string,
    ): Promise<DemoAccount> {
      const file = join(dir, `${String(input.username)}.json`);
      writeFileSync(file, JSON.stringify(input), { mode: 0o600 });
      const result = await run(['users', ...args, '--from-file', file, '--data-dir', dataDir], key);
      const secret = /secret: ([A-Z2-7]+)/.exec(result.output)?.[1];
      if (result.code !== 0 || !secret) throw new Error(`users ${args[0]}: ${result.output}`);
      return {
        username: String(input.username),
        password: String(input.password),
        totpSecret: secret,
      };
    }

    beforeAll(async () => {
      assertChromium();
      assertNginx();
      dir = mkdtempSync(join(tmpdir(), 'vigil-proxy-e2e-'));
      key = testKeyEnv();
      cert = makeTestCertificate(dir);
      const dataDir = join(dir, 'data');
      const password = 'amber lantern harbour 42 nightfall';
      admin = await account(
        ['bootstrap'],
        {
          organisation: {
            kind: 'agency',
            code: 'ZZ0000001',
            name: 'Proxy test service (synthetic)',
            jurisdiction: 'Test',
          },
          username: 'proxy-admin',
          displayName: 'Proxy test administrator',
          password,
        },
        dataDir,
      );
      auditor = await account(
        ['create'],
        {
          organisationCode: 'ZZ0000001',
          username: 'proxy-auditor',
          displayName: 'Proxy test auditor',
          roles: ['auditor'],
          password,
        },
        dataDir,
      );
      const port = await freePort();
      server = vigil(['serve', '--port', '0', '--data-dir', dataDir], {
        ...key,
        VIGIL_PUBLIC_ORIGIN: `https://127.0.0.1:${port}`,
        VIGIL_TRUSTED_PROXIES: PROXY_ADDRESS,
      });
      vigilUrl = await waitForUrl(server, 120_000);
      nginx = await startNginx(join(dir, 'nginx'), {
        port,
        upstreamPort: Number(new URL(vigilUrl).port),
        cert,
        bindFrom: PROXY_ADDRESS,
      });
      // Chromium accepts exactly this test certificate, and no other bad one.
      browser = await launchChromium([`--ignore-certificate-errors-spki-list=${cert.spki}`]);
    }, 300_000);

    afterAll(async () => {
      await browser?.close();
      await nginx?.stop();
      if (server && server.child.exitCode === null) {
        server.child.kill('SIGTERM');
        await server.exited;
      }
      if (dir) rmSync(dir, { recursive: true, force: true });
      if (key) rmSync(dirname(key.VIGIL_ENCRYPTION_KEY_FILE), { recursive: true, force: true });
    });

    /** A failed sign-in of the administrator with a forged X-Forwarded-For, over `send`. */
    const failedLogin = {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-vigil-request': '1',
        'x-forwarded-for': FORGED,
      },
      body: () =>
        JSON.stringify({ username: admin.username, password: 'not the password', totp: '000000' }),
    };

    it('signs in through https and records the browser’s address, not the proxy’s', async () => {
      const { context, page } = await openPage(browser!, pageErrors);
      await signIn(page, nginx!.origin, auditor);
      const cookies = await context.cookies(nginx!.origin);
      expect(cookies.map((c) => [c.name, c.secure])).toEqual([['__Host-vigil_session', true]]);

      await page.getByRole('link', { name: 'Audit log' }).click();
      await page.getByLabel('Action').fill('auth.login');
      await page.getByRole('button', { name: 'Apply' }).click();
      const login = page.getByRole('row').filter({ hasText: 'auth.login' }).filter({
        hasText: 'success',
      });
      await login.first().waitFor();
      expect(await login.last().getByRole('cell').allTextContents()).toContain('127.0.0.1');
      expect(await page.locator('main').textContent()).not.toContain(PROXY_ADDRESS);
      expect(pageErrors).toEqual([]);
      await context.close();
    });

    it('does not believe a forged X-Forwarded-For, through nginx or straight to Vigil', async () => {
      const origin = nginx!.origin;
      // Through nginx: it appends the real peer (127.0.0.1) after the forged address.
      const viaProxy = await new Promise<number>((resolve, reject) => {
        const req = httpsRequest(
          `${origin}/api/auth/login`,
          {
            method: failedLogin.method,
            ca: cert.pem,
            headers: { ...failedLogin.headers, origin },
          },
          (res) => {
            res.resume();
            resolve(res.statusCode ?? 0);
          },
        );
        req.on('error', reject);
        req.end(failedLogin.body());
      });
      // Straight to Vigil from 127.0.0.3, which is not a trusted proxy.
      const direct = await new Promise<number>((resolve, reject) => {
        const req = httpRequest(
          `${vigilUrl}/api/auth/login`,
          {
            method: failedLogin.method,
            localAddress: '127.0.0.3',
            headers: { ...failedLogin.headers, origin },
          },
          (res) => {
            res.resume();
            resolve(res.statusCode ?? 0);
          },
        );
        req.on('error', reject);
        req.end(failedLogin.body());
      });
      expect([viaProxy, direct]).toEqual([401, 401]);

      const { context, page } = await openPage(browser!, pageErrors);
      await signIn(page, origin, auditor);
      const rows = await apiJsonIn<AuditRows>(
        page,
        '/api/audit?action=auth.login&outcome=failure&limit=500',
      );
      expect(rows.items.slice(-2).map((r) => r.entry.ip)).toEqual(['127.0.0.1', '127.0.0.3']);
      await context.close();
    });
  },
);

describe("README.md's nginx example", () => {
  it('is the configuration this test runs (every directive of its location block)', () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    const example = /```nginx\n([\s\S]*?)```/.exec(readme)?.[1] ?? '';
    const location = /location \/ \{([\s\S]*?)\}/.exec(example)?.[1] ?? '';
    const directives = location
      .split('\n')
      .map((line) => line.replace(/#.*/, '').trim())
      .filter(Boolean)
      .map((line) => line.replace(/127\.0\.0\.1:8080/, '127.0.0.1:{port}'));
    expect(directives.length).toBeGreaterThan(3);
    const tested = nginxConfig('/tmp/x', {
      port: 1,
      upstreamPort: 2,
      bindFrom: '127.0.0.2',
      cert: { certFile: 'c', keyFile: 'k', pem: '', spki: '' },
    }).replace('127.0.0.1:2;', '127.0.0.1:{port};');
    expect(directives.filter((d) => !tested.includes(d))).toEqual([]);
    for (const line of ['ssl_protocols TLSv1.2 TLSv1.3;', 'client_max_body_size 512m;']) {
      expect(example).toContain(line);
      expect(tested).toContain(line);
    }
  });
});
