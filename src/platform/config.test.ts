import { describe, expect, it } from 'vitest';
import { ConfigError } from '#shared/errors.js';
import { describeEnv, loadConfig } from './config.js';

describe(loadConfig.name, () => {
  it('defaults to the embedded database on loopback', () => {
    const sut = loadConfig({});
    expect(sut.database).toEqual({ kind: 'pglite', dataDir: './vigil-data' });
    expect(sut.http).toEqual({ host: '127.0.0.1', port: 8080 });
    expect(sut.roles).toEqual(['http', 'worker']);
    expect(sut.skipMigrations).toBe(false);
  });

  it('switches to PostgreSQL when DATABASE_URL is set', () => {
    const sut = loadConfig({ DATABASE_URL: 'postgres://root@127.0.0.1:5432/test' });
    expect(sut.database).toEqual({ kind: 'pg', url: 'postgres://root@127.0.0.1:5432/test' });
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

  it('describes every variable', () => {
    for (const { description } of describeEnv()) expect(description.length).toBeGreaterThan(10);
  });

  it('refuses plaintext on a non-loopback bind and an unverified remote database (R20)', () => {
    expect(() => loadConfig({ VIGIL_HOST: '0.0.0.0' })).toThrow(/VIGIL_HOST/);
    expect(loadConfig({ VIGIL_HOST: '0.0.0.0', VIGIL_TLS_PROXY: 'true' }).http.host).toBe(
      '0.0.0.0',
    );
    expect(() => loadConfig({ DATABASE_URL: 'postgres://u@db.example:5432/vigil' })).toThrow(
      /DATABASE_URL/,
    );
    expect(
      loadConfig({ DATABASE_URL: 'postgres://u@db.example:5432/vigil?sslmode=verify-full' })
        .database,
    ).toMatchObject({ kind: 'pg' });
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
