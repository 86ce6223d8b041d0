import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadEncryptionKey } from '#platform/crypto/aes-gcm-cipher.js';
import { loadConfig } from '#platform/config.js';
import { DEMO_KEY_FILE, withDemoEncryptionKey } from './demo.js';

describe('demo encryption key', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vigil-demo-key-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const dataDir = join(dir, 'data');

  it('is made once in the demo data directory, readable by its owner only, and reused', () => {
    const first = withDemoEncryptionKey(loadConfig({ VIGIL_DATA_DIR: dataDir }));
    const file = join(dataDir, DEMO_KEY_FILE);
    expect(first.security.encryptionKey).toEqual({ file });
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const key = readFileSync(file, 'utf8');
    expect(loadEncryptionKey({ file })).toHaveLength(32);
    withDemoEncryptionKey(loadConfig({ VIGIL_DATA_DIR: dataDir }));
    expect(readFileSync(file, 'utf8')).toBe(key);
  });

  it('leaves a configured key alone', () => {
    const value = 'ab'.repeat(32);
    const config = withDemoEncryptionKey(
      loadConfig({ VIGIL_DATA_DIR: join(dir, 'other'), VIGIL_ENCRYPTION_KEY: value }),
    );
    expect(config.security.encryptionKey).toEqual({ value });
  });
});
