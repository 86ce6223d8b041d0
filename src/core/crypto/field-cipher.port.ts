/**
 * The port for field-level encryption of identities and free-text notes. The adapter
 * (src/platform/crypto/) holds the key; the core only seals and opens strings.
 */
export type FieldCipher = {
  /** A short public id of the key (first bytes of its hash), stored with the key check value. */
  readonly keyId: string;
  /** Encrypts a string into a self-describing envelope (`v1.<iv>.<tag>.<ciphertext>`). */
  seal: (plaintext: string, context: string) => string;
  /** Decrypts an envelope; throws when the key is wrong or the data was altered. */
  open: (envelope: string, context: string) => string;
};
