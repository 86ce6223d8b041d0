import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TOTP } from 'otpauth';
import { afterAll, describe, expect, it } from 'vitest';
import { run, vigil, waitForUrl } from './process.js';

describe('vigil serve --demo (what npm start runs)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'vigil-demo-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('loads a synthetic world on first start, prints demo sign-ins, and marks every response', async () => {
    const demo = vigil(['serve', '--demo', '--port', '0', '--data-dir', dataDir]);
    try {
      const url = await waitForUrl(demo, 240_000);
      expect(demo.output()).toContain('every record in this instance is SYNTHETIC');
      const line = demo
        .output()
        .split('\n')
        .find((l) => l.includes('demo-a-analyst'))!;
      const [, , , password, , , secret] = line.trim().split(/\s+/);
      // `vigil totp` prints the current code; on a loaded machine its start-up can outlast the
      // 30-second step, so the code used to sign in is computed here, just before the request.
      expect((await run(['totp', secret!])).output.trim()).toMatch(/^\d{6}$/);
      const code = new TOTP({ secret: secret! }).generate();
      const login = await fetch(`${url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-vigil-request': '1' },
        body: JSON.stringify({ username: 'demo-a-analyst', password, totp: code }),
      });
      expect(login.status).toBe(200);
      expect(login.headers.get('x-vigil-demo')).toMatch(/synthetic/);
      const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
      const sets = (await (await fetch(`${url}/api/hashsets`, { headers: { cookie } })).json()) as {
        items: Array<{ name: string; entryCount: number }>;
      };
      expect(sets.items.map((s) => s.name).sort()).toEqual(['benign', 'known']);
      expect(sets.items.every((s) => s.entryCount > 0)).toBe(true);
      // The demo made its own field-encryption key, so identities can be attached in it.
      expect(statSync(join(dataDir, 'demo-encryption.key')).mode & 0o777).toBe(0o600);
    } finally {
      demo.child.kill('SIGTERM');
      await demo.exited;
    }
  }, 300_000);

  it('refuses to run demo mode against a PostgreSQL server', async () => {
    const { code, output } = await run(['serve', '--demo', '--port', '0'], {
      DATABASE_URL: 'postgres://root@127.0.0.1:5432/test',
    });
    expect(code).toBe(2);
    expect(output).toContain('--demo never touches a PostgreSQL server');
  });
});
