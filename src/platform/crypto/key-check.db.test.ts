import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAesGcmCipher, generateEncryptionKey, loadEncryptionKey } from './aes-gcm-cipher.js';
import { createTestDatabase } from '#test/db.js';
import { verifyEncryptionKey } from '#core/crypto/key-check.js';

describe(verifyEncryptionKey.name, () => {
  let handle: Awaited<ReturnType<typeof createTestDatabase>>;
  beforeAll(async () => {
    handle = await createTestDatabase();
  });
  afterAll(async () => handle.close());

  it('stores a check value, then refuses a missing or wrong key (startup fails closed)', async () => {
    const cipher = createAesGcmCipher(loadEncryptionKey({ value: generateEncryptionKey() })!);
    await expect(verifyEncryptionKey(handle.db, undefined)).resolves.toBeUndefined();
    await verifyEncryptionKey(handle.db, cipher);
    await expect(verifyEncryptionKey(handle.db, cipher)).resolves.toBeUndefined();
    await expect(verifyEncryptionKey(handle.db, undefined)).rejects.toThrow(
      /no encryption key is configured/,
    );
    const wrong = createAesGcmCipher(loadEncryptionKey({ value: generateEncryptionKey() })!);
    await expect(verifyEncryptionKey(handle.db, wrong)).rejects.toThrow(
      /not the key of this database/,
    );
  });
});
