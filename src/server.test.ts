import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '#platform/config.js';
import { silentLogger } from '#platform/logger.js';
import { ConfigError } from '#shared/errors.js';
import { startServer } from './server.js';

describe(startServer.name, () => {
  const dir = mkdtempSync(join(tmpdir(), 'vigil-server-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('refuses to start without a field-encryption key outside demo mode, creating nothing', async () => {
    const dataDir = join(dir, 'no-key');
    const start = startServer(
      loadConfig({ VIGIL_DATA_DIR: dataDir, VIGIL_PORT: '0' }),
      silentLogger,
    );
    await expect(start).rejects.toThrow(ConfigError);
    await expect(start).rejects.toThrow(/needs a field-encryption key outside demo mode/);
    expect(existsSync(dataDir)).toBe(false);
  });

  it('refuses an unreadable key file before the database is created', async () => {
    const dataDir = join(dir, 'bad-key');
    const config = loadConfig({
      VIGIL_DATA_DIR: dataDir,
      VIGIL_PORT: '0',
      VIGIL_ENCRYPTION_KEY_FILE: join(dir, 'missing.key'),
    });
    await expect(startServer(config, silentLogger)).rejects.toThrow(
      /Cannot read VIGIL_ENCRYPTION_KEY_FILE .*ENOENT/,
    );
    expect(existsSync(dataDir)).toBe(false);
  });
});
