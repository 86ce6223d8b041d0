import { z } from 'zod';
import { SignedCheckpointSchema } from '#core/audit/checkpoint.js';

export const BACKUP_FORMAT = 'vigil-backup/1';

/** What a backup says about itself; encrypted with the dump and checked on restore. */
export const BackupManifestSchema = z.strictObject({
  format: z.literal(BACKUP_FORMAT),
  vigilVersion: z.string(),
  engine: z.enum(['pglite', 'pg']),
  createdAt: z.iso.datetime(),
  /** The highest applied migration, and all applied versions. */
  migrationLevel: z.number().int().min(0),
  migrations: z.array(z.number().int()),
  /** Rows per table of the public schema, at the dumped snapshot. */
  rowCounts: z.record(z.string(), z.number().int().min(0)),
  /** The audit chain's head at the dumped snapshot (null: an empty log). */
  auditHead: z.object({ seq: z.number().int().min(1), hash: z.string() }).nullable(),
  /** A checkpoint of that head, signed when a signing key is configured (else null). */
  lastCheckpoint: SignedCheckpointSchema.nullable(),
  dump: z.object({
    format: z.enum(['pglite-tar-gzip', 'pg-custom']),
    bytes: z.number().int().min(0),
    sha256: z.string().regex(/^[0-9a-f]{64}$/),
  }),
});
export type BackupManifest = z.infer<typeof BackupManifestSchema>;
