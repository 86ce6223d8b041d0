import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadEncryptionKey } from '#platform/crypto/aes-gcm-cipher.js';
import { loadConfig } from '#platform/config.js';
import { DEMO_KEY_FILE, demoWorld, withDemoEncryptionKey } from './demo.js';

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

describe('the demo world', () => {
  it('covers the days before the first start, inside the statistics screen default (the last 90 days)', () => {
    const now = new Date('2026-12-07T22:55:00Z');
    const world = demoWorld(now);
    // The statistics screen opens on the 90 UTC days ending today: 2026-09-09 .. 2026-12-07.
    expect(world.start).toBe('2026-09-09');
    const end = new Date(Date.parse(`${world.start}T00:00:00Z`) + world.days * 86_400_000);
    expect(end.toISOString().slice(0, 10)).toBe('2026-12-07');
  });
});
