import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '#src/app.js';
import { createTestCore } from '#test/core.js';
import { createHttpApp } from './app.js';
import { UI_MISSING_MESSAGE } from './static-ui.js';

describe('the web UI served at /', () => {
  let core: Core;
  let sut: ReturnType<typeof createHttpApp>;
  let missing: ReturnType<typeof createHttpApp>;
  const dir = mkdtempSync(join(tmpdir(), 'vigil-ui-'));

  beforeAll(async () => {
    mkdirSync(join(dir, 'assets'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>Vigil</title>');
    writeFileSync(join(dir, 'assets', 'app-1234.js'), 'console.log(1)');
    writeFileSync(join(tmpdir(), 'vigil-ui-secret.txt'), 'outside');
    core = await createTestCore();
    sut = createHttpApp(core, { uiDir: dir });
    missing = createHttpApp(core, { uiDir: join(dir, 'not-built') });
  });
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await core.close();
  });

  it('serves index.html at / under the security headers, never stored (R22)', async () => {
    const res = await sut.request('/');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(res.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(await res.text()).toContain('<title>Vigil</title>');
  });

  it('serves hashed assets with their type, cached as immutable', async () => {
    const res = await sut.request('/assets/app-1234.js');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(res.headers.get('cache-control')).toContain('immutable');
  });

  it('answers the SPA its index.html for its own paths, and 404 for a missing file', async () => {
    for (const path of ['/queue', '/subjects/sub_0123456789abcdef0123']) {
      const res = await sut.request(path);
      expect(res.status).toBe(200);
      expect(res.headers.get('cache-control')).toBe('no-store');
      expect(await res.text()).toContain('<title>Vigil</title>');
    }
    expect((await sut.request('/assets/gone.js')).status).toBe(404);
    expect((await sut.request('/robots.txt')).status).toBe(404);
  });

  it('never serves a file outside its folder', async () => {
    for (const path of [
      '/../vigil-ui-secret.txt',
      '/%2e%2e/vigil-ui-secret.txt',
      '/..%2fvigil-ui-secret.txt',
    ]) {
      const res = await sut.request(path);
      expect(await res.text()).not.toContain('outside');
    }
  });

  it('leaves /api to the API: unknown API paths are JSON 404s, protected routes still 401', async () => {
    const unknown = await sut.request('/api/nothing-here');
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual({
      error: { code: 'not_found', message: 'No such route' },
    });
    expect((await sut.request('/api/queue')).status).toBe(401);
    expect((await sut.request('/api/auth/me')).status).toBe(401);
  });

  it('says clearly how to build the UI when its files are missing', async () => {
    const res = await missing.request('/queue');
    expect(res.status).toBe(503);
    expect(await res.text()).toBe(UI_MISSING_MESSAGE);
    expect(UI_MISSING_MESSAGE).toContain('npm run build:ui');
    expect((await missing.request('/api/health')).status).toBe(200);
  });
});
