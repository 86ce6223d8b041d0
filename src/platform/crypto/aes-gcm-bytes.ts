import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import type { BackupCipher } from '#core/backup/backup.ports.js';
import { ConfigError, IntegrityError } from '#shared/errors.js';

const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * AES-256-GCM over whole byte buffers (backups): the output is iv (12) | ciphertext | tag (16), and
 * `aad` (the archive header) is authenticated with it. A flipped bit, a cut-off end or another key
 * fails authentication before any plaintext is returned.
 */
export function createAesGcmByteCipher(key: Buffer): BackupCipher {
  if (key.length !== 32) throw new ConfigError('The encryption key must be 32 bytes (AES-256)');
  const keyId = createHash('sha256').update(key).digest('hex').slice(0, 16);
  return {
    keyId,
    seal(plaintext, aad) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      cipher.setAAD(aad);
      const data = Buffer.concat([cipher.update(plaintext), cipher.final()]);
      return Buffer.concat([iv, data, cipher.getAuthTag()]);
    },
    open(sealed, aad) {
      if (sealed.length < IV_BYTES + TAG_BYTES) {
        throw new IntegrityError(
          'The backup is truncated: too short to hold its authentication tag',
        );
      }
      const iv = sealed.subarray(0, IV_BYTES);
      const tag = sealed.subarray(sealed.length - TAG_BYTES);
      const data = sealed.subarray(IV_BYTES, sealed.length - TAG_BYTES);
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, iv);
        decipher.setAAD(aad);
        decipher.setAuthTag(tag);
        return Buffer.concat([decipher.update(data), decipher.final()]);
      } catch (error) {
        throw new IntegrityError(
          'The backup does not authenticate (AES-GCM): it was altered or truncated, or the key differs',
          undefined,
          { cause: error },
        );
      }
    },
  };
}
