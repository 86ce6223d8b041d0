import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestCore } from '#test/core.js';
import type { Core } from '#src/app.js';
import { sortedOpenApi } from '../../scripts/openapi.js';
import { createHttpApp } from './app.js';

describe('HTTP application', () => {
  let core: Core;
  let sut: ReturnType<typeof createHttpApp>;
  beforeAll(async () => {
    core = await createTestCore();
    sut = createHttpApp(core);
  });
  afterAll(async () => core.close());

  it('reports health: database reachable, migrations current', async () => {
    const res = await sut.request('/api/health');
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(await res.json()).toMatchObject({
      status: 'ok',
      checks: { database: 'ok', migrations: 'current' },
      migrations: { pending: 0 },
    });
  });

  it('answers unknown routes with the error body and 404', async () => {
    const res = await sut.request('/api/nothing-here');
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: { code: 'not_found', message: 'No such route' } });
  });

  it('serves an OpenAPI document that matches the committed openapi.json', async () => {
    const res = await sut.request('/api/openapi.json');
    expect(res.status).toBe(200);
    const committed = readFileSync(new URL('../../openapi.json', import.meta.url), 'utf8');
    expect(sortedOpenApi(await res.json()), 'run `npm run openapi` and commit openapi.json').toBe(
      committed,
    );
  });

  it('rejects bodies over the limit with 413 before reading them', async () => {
    const res = await sut.request('/api/health', {
      method: 'POST',
      body: 'x'.repeat(2 * 1024 * 1024),
      headers: { 'content-type': 'text/plain' },
    });
    expect(res.status).toBe(413);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe(
      'payload_too_large',
    );
  });
});
