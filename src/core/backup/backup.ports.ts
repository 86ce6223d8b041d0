import type { Kysely } from 'kysely';
import type { Database } from '#platform/db/tables.js';

type Db = Kysely<Database>;

/** Authenticated encryption of a whole archive (AES-256-GCM in the platform). */
export type BackupCipher = {
  /** A short, non-secret fingerprint of the key (written in the archive header). */
  keyId: string;
  seal(plaintext: Buffer, aad: Buffer): Buffer;
  /** Throws IntegrityError when the bytes or the header do not authenticate. */
  open(sealed: Buffer, aad: Buffer): Buffer;
};

/** Dumps the open database with the engine's own tool (PGlite's dumpDataDir, pg_dump). */
export type DatabaseDumper = {
  engine: 'pglite' | 'pg';
  /** Runs `read` on exactly the state that is dumped (one snapshot), and returns both. */
  dump<T>(read: (db: Db) => Promise<T>): Promise<{ facts: T; dump: Buffer }>;
};

/** Loads a dump into the configured target (an embedded data directory or a server database). */
export type DatabaseLoader = {
  engine: 'pglite' | 'pg';
  /** A human name of the target, for messages. */
  target: string;
  /** Whether the target holds a database already. */
  hasData(): Promise<boolean>;
  /** Loads the dump; `replace` lets it overwrite a target that holds data. */
  load(dump: Buffer, options: { replace: boolean }): Promise<void>;
  /** Opens the restored target (to check it); the caller closes it. */
  open(): Promise<{ db: Db; close: () => Promise<void> }>;
};
