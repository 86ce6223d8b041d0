import type { Kysely } from 'kysely';
import type { Database } from '#platform/db/tables.js';
import { UnavailableError } from '#shared/errors.js';
import type { FieldCipher } from './field-cipher.port.js';

const CHECK_PLAINTEXT = 'vigil-key-check';
const CHECK_CONTEXT = 'encryption_key_check';

/**
 * Fails closed at startup: once a key check value is stored (encrypted data may exist), the same
 * key must be configured. With a key and no check value yet, it stores one. Throws
 * UnavailableError naming the problem, never the key.
 */
export async function verifyEncryptionKey(
  db: Kysely<Database>,
  cipher: FieldCipher | undefined,
): Promise<void> {
  const row = await db.selectFrom('encryptionKeyCheck').selectAll().executeTakeFirst();
  if (!row) {
    if (cipher) {
      await db
        .insertInto('encryptionKeyCheck')
        .values({
          id: 1,
          keyId: cipher.keyId,
          checkValue: cipher.seal(CHECK_PLAINTEXT, CHECK_CONTEXT),
        })
        .onConflict((oc) => oc.column('id').doNothing())
        .execute();
    }
    return;
  }
  if (!cipher) {
    throw new UnavailableError(
      'Encrypted data exists but no encryption key is configured (VIGIL_ENCRYPTION_KEY or VIGIL_ENCRYPTION_KEY_FILE); refusing to start',
    );
  }
  let plain: string | undefined;
  try {
    plain = cipher.open(row.checkValue, CHECK_CONTEXT);
  } catch {
    plain = undefined;
  }
  if (plain !== CHECK_PLAINTEXT) {
    throw new UnavailableError(
      `The configured encryption key (id ${cipher.keyId}) is not the key of this database (id ${row.keyId}); refusing to start`,
    );
  }
}
