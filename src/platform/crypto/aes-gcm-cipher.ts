import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { FieldCipher } from '#core/crypto/field-cipher.port.js';
import { ConfigError, UnavailableError } from '#shared/errors.js';

const VERSION = 'v1';

/**
 * AES-256-GCM field encryption. `context` (e.g. `app_user.totp_secret`) is bound as additional
 * authenticated data, so a ciphertext moved to another column does not decrypt.
 */
export function createAesGcmCipher(key: Buffer): FieldCipher {
  if (key.length !== 32) throw new ConfigError('The encryption key must be 32 bytes (AES-256)');
  const keyId = createHash('sha256').update(key).digest('hex').slice(0, 16);
  return {
    keyId,
    seal(plaintext, context) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      cipher.setAAD(Buffer.from(context, 'utf8'));
      const data = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      const tag = cipher.getAuthTag();
      return [VERSION, iv, tag, data]
        .map((p) => (typeof p === 'string' ? p : p.toString('base64url')))
        .join('.');
    },
    open(envelope, context) {
      const [version, iv, tag, data] = envelope.split('.');
      if (version !== VERSION || iv === undefined || tag === undefined || data === undefined) {
        throw new UnavailableError('Encrypted field has an unknown format');
      }
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
        decipher.setAAD(Buffer.from(context, 'utf8'));
        decipher.setAuthTag(Buffer.from(tag, 'base64url'));
        return Buffer.concat([
          decipher.update(Buffer.from(data, 'base64url')),
          decipher.final(),
        ]).toString('utf8');
      } catch (error) {
        throw new UnavailableError(
          'Encrypted field does not decrypt: wrong key or altered data',
          undefined,
          {
            cause: error,
          },
        );
      }
    },
  };
}

/**
 * Reads the key from a value (base64 or hex of 32 bytes) or from a file holding one; returns
 * undefined when neither is configured. Throws ConfigError on a malformed key.
 */
export function loadEncryptionKey(source: { value?: string; file?: string }): Buffer | undefined {
  const text = source.value ?? (source.file ? readKeyFile(source.file) : undefined);
  if (text === undefined) return undefined;
  const trimmed = text.trim();
  const key = /^[0-9a-f]{64}$/i.test(trimmed)
    ? Buffer.from(trimmed, 'hex')
    : Buffer.from(trimmed, 'base64');
  if (key.length !== 32) {
    throw new ConfigError('VIGIL_ENCRYPTION_KEY must be 32 bytes, as 64 hex digits or base64');
  }
  return key;
}

function readKeyFile(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    throw new ConfigError(
      `Cannot read VIGIL_ENCRYPTION_KEY_FILE ${file}: ${(error as NodeJS.ErrnoException).code ?? 'unreadable'}`,
      [{ path: 'VIGIL_ENCRYPTION_KEY_FILE', reason: 'cannot be read' }],
      { cause: error },
    );
  }
}

/** A fresh random key in base64, for `vigil keys generate`-style bootstrapping. */
export function generateEncryptionKey(): string {
  return randomBytes(32).toString('base64');
}
