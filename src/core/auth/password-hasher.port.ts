/** The port for password hashing (Argon2id in src/platform/crypto/argon2-hasher.ts). */
export type PasswordHasher = {
  hash: (password: string) => Promise<string>;
  verify: (hash: string, password: string) => Promise<boolean>;
};
