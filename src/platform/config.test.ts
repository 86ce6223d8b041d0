import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '#shared/errors.js';
import { describeEnv, loadConfig } from './config.js';

describe(loadConfig.name, () => {
  it('defaults to the embedded database on loopback', () => {
    const sut = loadConfig({});
    expect(sut.database).toEqual({ kind: 'pglite', dataDir: './vigil-data' });
    expect(sut.http).toEqual({
      host: '127.0.0.1',
      port: 8080,
      publicOrigin: null,
      trustedProxies: [],
    });
    expect(sut.roles).toEqual(['http', 'worker']);
    expect(sut.skipMigrations).toBe(false);
  });

  it('switches to PostgreSQL when DATABASE_URL is set', () => {
    const sut = loadConfig({ DATABASE_URL: 'postgres://root@127.0.0.1:5432/test' });
    expect(sut.database).toEqual({ kind: 'pg', url: 'postgres://root@127.0.0.1:5432/test' });
  });

  it('takes the owner URL that runs migrations apart from the application login', () => {
    const sut = loadConfig({
      DATABASE_URL: 'postgres://vigil_web@127.0.0.1/vigil',
      DATABASE_OWNER_URL: 'postgres://vigil_owner@127.0.0.1/vigil',
    });
    expect(sut.database).toEqual({
      kind: 'pg',
      url: 'postgres://vigil_web@127.0.0.1/vigil',
      ownerUrl: 'postgres://vigil_owner@127.0.0.1/vigil',
    });
    expect(() =>
      loadConfig({
        DATABASE_URL: 'postgres://vigil_web@127.0.0.1/vigil',
        DATABASE_OWNER_URL: 'postgres://vigil_owner@db.example/vigil',
      }),
    ).toThrow(/DATABASE_OWNER_URL/);
  });

  it('lists every invalid variable at once', () => {
    let caught: unknown;
    try {
      loadConfig({
        DATABASE_URL: 'mysql://x',
        VIGIL_PORT: '70000',
        VIGIL_ROLES: 'http,cron',
        VIGIL_SKIP_MIGRATIONS: 'maybe',
      });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    const paths = ((caught as ConfigError).details as Array<{ path: string }>).map((d) => d.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        'DATABASE_URL',
        'VIGIL_PORT',
        'VIGIL_ROLES.1',
        'VIGIL_SKIP_MIGRATIONS',
      ]),
    );
  });

  it('treats empty strings as unset', () => {
    expect(loadConfig({ DATABASE_URL: '', VIGIL_PORT: ' ' }).http.port).toBe(8080);
  });

  it('describes every variable, here and in README.md', () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    for (const { description } of describeEnv()) expect(description.length).toBeGreaterThan(10);
    expect(describeEnv().filter(({ name }) => !readme.includes(`\`${name}\``))).toEqual([]);
  });

  it('refuses plaintext on a non-loopback bind and an unverified remote database (R20)', () => {
    expect(() => loadConfig({ VIGIL_HOST: '0.0.0.0' })).toThrow(/VIGIL_HOST/);
    expect(
      loadConfig({ VIGIL_HOST: '0.0.0.0', VIGIL_PUBLIC_ORIGIN: 'https://vigil.example' }).http.host,
    ).toBe('0.0.0.0');
    expect(() =>
      loadConfig({ VIGIL_HOST: '0.0.0.0', VIGIL_PUBLIC_ORIGIN: 'http://localhost:8080' }),
    ).toThrow(/VIGIL_HOST/);
    expect(() => loadConfig({ DATABASE_URL: 'postgres://u@db.example:5432/vigil' })).toThrow(
      /DATABASE_URL/,
    );
    expect(
      loadConfig({ DATABASE_URL: 'postgres://u@db.example:5432/vigil?sslmode=verify-full' })
        .database,
    ).toMatchObject({ kind: 'pg' });
  });

  it('takes the public origin and the trusted proxies behind a reverse proxy', () => {
    const sut = loadConfig({
      VIGIL_PUBLIC_ORIGIN: 'https://vigil.example:8443/',
      VIGIL_TRUSTED_PROXIES: '127.0.0.2, 10.0.0.0/8,fd00::/8',
    });
    expect(sut.http).toMatchObject({
      publicOrigin: 'https://vigil.example:8443',
      trustedProxies: ['127.0.0.2', '10.0.0.0/8', 'fd00::/8'],
    });
  });

  it.each([
    ['http://vigil.example', /https/],
    ['https://vigil.example/vigil', /origin only/],
    ['https://user:pw@vigil.example', /origin only/],
    ['vigil.example', /not a URL/],
    ['ftp://vigil.example', /https/],
  ])('refuses the public origin %s', (value, reason) => {
    let caught: unknown;
    try {
      loadConfig({ VIGIL_PUBLIC_ORIGIN: value });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    expect((caught as ConfigError).details).toEqual([
      { path: 'VIGIL_PUBLIC_ORIGIN', reason: expect.stringMatching(reason) },
    ]);
  });

  it('accepts plain http as the public origin on loopback only', () => {
    expect(loadConfig({ VIGIL_PUBLIC_ORIGIN: 'http://127.0.0.1:8080' }).http.publicOrigin).toBe(
      'http://127.0.0.1:8080',
    );
  });

  it('names every bad trusted proxy entry', () => {
    let caught: unknown;
    try {
      loadConfig({ VIGIL_TRUSTED_PROXIES: '10.0.0.1,proxy.internal,0.0.0.0/0' });
    } catch (error) {
      caught = error;
    }
    expect((caught as ConfigError).details).toEqual([
      { path: 'VIGIL_TRUSTED_PROXIES', reason: expect.stringMatching(/proxy\.internal/) },
      { path: 'VIGIL_TRUSTED_PROXIES', reason: expect.stringMatching(/every address/) },
    ]);
  });

  it('parses the security settings and caps the session timeouts', () => {
    const sut = loadConfig({
      VIGIL_PASSWORD_ROTATION_DAYS: '365',
      VIGIL_ENCRYPTION_KEY_FILE: '/k',
    });
    expect(sut.security).toMatchObject({
      sessionIdleMs: 30 * 60_000,
      sessionAbsoluteMs: 12 * 3_600_000,
      lockout: { threshold: 5, windowMs: 15 * 60_000, autoReleaseMs: 0 },
      passwordRotationDays: 365,
      encryptionKey: { file: '/k' },
    });
    expect(() => loadConfig({ VIGIL_SESSION_IDLE_MINUTES: '45' })).toThrow(/VIGIL_SESSION_IDLE/);
  });
});
