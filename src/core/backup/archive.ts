import { IntegrityError, ValidationError } from '#shared/errors.js';
import type { BackupCipher } from './backup.ports.js';

/**
 * The archive layout: a clear header (magic and key fingerprint, authenticated as AAD), then
 * AES-256-GCM over [manifest length (4 bytes) | manifest JSON | dump]. The key is never in it.
 */
const MAGIC = Buffer.from('VIGILBK1', 'ascii');
const KEY_ID_BYTES = 16;
const HEADER_BYTES = MAGIC.length + KEY_ID_BYTES;

export function packArchive(cipher: BackupCipher, manifestJson: string, dump: Buffer): Buffer {
  const header = Buffer.concat([
    MAGIC,
    Buffer.from(cipher.keyId.padEnd(KEY_ID_BYTES).slice(0, KEY_ID_BYTES), 'ascii'),
  ]);
  const manifest = Buffer.from(manifestJson, 'utf8');
  const length = Buffer.alloc(4);
  length.writeUInt32BE(manifest.length);
  return Buffer.concat([header, cipher.seal(Buffer.concat([length, manifest, dump]), header)]);
}

/** Authenticates and splits an archive; throws before returning anything when it does not verify. */
export function unpackArchive(
  cipher: BackupCipher,
  archive: Buffer,
): { manifestJson: string; dump: Buffer } {
  if (archive.length < HEADER_BYTES || !archive.subarray(0, MAGIC.length).equals(MAGIC)) {
    throw new ValidationError('Not a Vigil backup (unknown header)');
  }
  const header = archive.subarray(0, HEADER_BYTES);
  const keyId = header.subarray(MAGIC.length).toString('ascii').trim();
  if (keyId !== cipher.keyId) {
    throw new IntegrityError(
      `The backup was sealed with another key (fingerprint ${keyId}; the configured key is ${cipher.keyId})`,
    );
  }
  const plain = cipher.open(archive.subarray(HEADER_BYTES), header);
  const length = plain.readUInt32BE(0);
  if (4 + length > plain.length) throw new IntegrityError('The backup manifest is cut short');
  return {
    manifestJson: plain.subarray(4, 4 + length).toString('utf8'),
    dump: plain.subarray(4 + length),
  };
}
