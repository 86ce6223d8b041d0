import { describe, expect, it } from 'vitest';
import { createAesGcmCipher, generateEncryptionKey, loadEncryptionKey } from './aes-gcm-cipher.js';

describe(createAesGcmCipher.name, () => {
  const key = loadEncryptionKey({ value: generateEncryptionKey() })!;

  it('round-trips Unicode and binds the ciphertext to its column', () => {
    const sut = createAesGcmCipher(key);
    const sealed = sut.seal('Jöhn Dœ — 東京', 'subject.name');
    expect(sealed).not.toContain('Dœ');
    expect(sut.open(sealed, 'subject.name')).toBe('Jöhn Dœ — 東京');
    expect(() => sut.open(sealed, 'case.note')).toThrow(/does not decrypt/);
  });

  it('fails closed on a wrong key or an altered ciphertext', () => {
    const sealed = createAesGcmCipher(key).seal('secret note', 'n');
    const other = createAesGcmCipher(loadEncryptionKey({ value: generateEncryptionKey() })!);
    expect(() => other.open(sealed, 'n')).toThrow(/does not decrypt/);
    const parts = sealed.split('.');
    parts[3] = Buffer.from('tampered!!').toString('base64url');
    expect(() => createAesGcmCipher(key).open(parts.join('.'), 'n')).toThrow(/does not decrypt/);
  });

  it('rejects keys that are not 32 bytes', () => {
    expect(() => loadEncryptionKey({ value: 'c2hvcnQ=' })).toThrow(/32 bytes/);
    expect(loadEncryptionKey({})).toBeUndefined();
    expect(loadEncryptionKey({ value: 'ab'.repeat(32) })?.length).toBe(32);
  });
});
