import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { dirname } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseUrl, dropDatabase } from '#test/pg-admin.js';
import { run, testKeyEnv, vigil, waitForUrl } from './process.js';

const serverUrl = process.env.VIGIL_TEST_DATABASE_URL;

describe.skipIf(!serverUrl)('vigil on a PostgreSQL server (real processes)', () => {
  const name = `vigil_e2e_${randomBytes(4).toString('hex')}`;
  let url: string;

  beforeAll(async () => {
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    url = databaseUrl(serverUrl!, name);
  });
  afterAll(async () => dropDatabase(serverUrl!, name));

  it('migrates the server database with `vigil migrate`', async () => {
    const first = await run(['migrate', '--json'], { DATABASE_URL: url });
    expect(first.code).toBe(0);
    expect(JSON.parse(first.output.trim().split('\n').at(-1)!)).toMatchObject({ engine: 'pg' });
    const again = await run(['migrate', '--json'], { DATABASE_URL: url });
    expect(JSON.parse(again.output.trim().split('\n').at(-1)!).applied).toEqual([]);
  });

  it('runs the http and worker roles as separate processes', async () => {
    const env = { DATABASE_URL: url, ...testKeyEnv() };
    const http = vigil(['serve', '--port', '0', '--roles', 'http', '--skip-migrations'], env);
    const worker = vigil(['serve', '--roles', 'worker', '--skip-migrations'], env);
    const httpUrl = await waitForUrl(http);
    const health = await fetch(`${httpUrl}/api/health`);
    expect(await health.json()).toMatchObject({ status: 'ok', engine: 'pg' });
    await new Promise((r) => setTimeout(r, 500));
    expect(worker.output()).toContain('Vigil started');
    http.child.kill('SIGTERM');
    worker.child.kill('SIGTERM');
    expect(await http.exited).toBe(0);
    expect(await worker.exited).toBe(0);
    rmSync(dirname(env.VIGIL_ENCRYPTION_KEY_FILE), { recursive: true, force: true });
  });
});
