import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run, testKeyEnv, vigil, waitForUrl, type Proc } from './process.js';

describe('vigil serve (real processes)', { timeout: 240_000 }, () => {
  const key = testKeyEnv();
  let dataDir: string;
  let first: Proc;
  let url: string;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'vigil-e2e-'));
    first = vigil(['serve', '--port', '0', '--data-dir', dataDir], key);
    url = await waitForUrl(first);
  }, 150_000);

  afterAll(async () => {
    if (first.child.exitCode === null) {
      first.child.kill('SIGTERM');
      await first.exited;
    }
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(dirname(key.VIGIL_ENCRYPTION_KEY_FILE), { recursive: true, force: true });
  });

  it('answers GET /api/health with 200 on the embedded database', async () => {
    const res = await fetch(`${url}/api/health`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'ok', engine: 'pglite' });
  });

  it('binds to loopback by default', () => {
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('refuses a second process on the same data directory, naming the holder PID', async () => {
    const second = await run(['serve', '--port', '0', '--data-dir', dataDir], key);
    expect(second.code).not.toBe(0);
    expect(second.output).toContain(`locked by PID ${first.child.pid}`);
    // The first process is unharmed.
    expect((await fetch(`${url}/api/health`)).status).toBe(200);
  });

  it('shuts down cleanly on SIGTERM and releases the lock for the next process', async () => {
    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);
    const next = vigil(['serve', '--port', '0', '--data-dir', dataDir], key);
    const nextUrl = await waitForUrl(next);
    expect((await fetch(`${nextUrl}/api/health`)).status).toBe(200);
    next.child.kill('SIGINT');
    expect(await next.exited).toBe(0);
  });

  it('takes over the lock of a process that was killed', async () => {
    const victim = vigil(['serve', '--port', '0', '--data-dir', dataDir], key);
    await waitForUrl(victim);
    victim.child.kill('SIGKILL');
    await victim.exited;
    const next = vigil(['serve', '--port', '0', '--data-dir', dataDir], key);
    const nextUrl = await waitForUrl(next);
    expect((await fetch(`${nextUrl}/api/health`)).status).toBe(200);
    next.child.kill('SIGTERM');
    expect(await next.exited).toBe(0);
  });
});

describe('vigil CLI (real processes)', () => {
  it('prints its version', async () => {
    const { code, output } = await run(['--version']);
    expect(code).toBe(0);
    expect(output.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('exits 2 and lists every bad variable', async () => {
    const { code, output } = await run(['migrate'], {
      VIGIL_PORT: 'eighty',
      VIGIL_LOG_LEVEL: 'loud',
    });
    expect(code).toBe(2);
    expect(output).toContain('VIGIL_PORT');
    expect(output).toContain('VIGIL_LOG_LEVEL');
  });

  it('exits 2 on an unknown command', async () => {
    expect((await run(['frobnicate'])).code).toBe(2);
  });

  it('refuses to serve without a field-encryption key outside demo mode, creating nothing', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'vigil-e2e-')), 'data');
    const { code, output } = await run(['serve', '--port', '0', '--data-dir', dir], {
      VIGIL_ENCRYPTION_KEY: undefined,
      VIGIL_ENCRYPTION_KEY_FILE: undefined,
    });
    expect(code).toBe(2);
    expect(output).toContain('needs a field-encryption key outside demo mode');
    expect(existsSync(dir)).toBe(false);
    rmSync(dirname(dir), { recursive: true, force: true });
  });

  it('refuses split roles on the embedded database', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vigil-e2e-'));
    const { code, output } = await run(['serve', '--roles', 'http', '--data-dir', dir]);
    expect(code).toBe(2);
    expect(output).toContain('--roles must be http,worker');
    rmSync(dir, { recursive: true, force: true });
  });
});
