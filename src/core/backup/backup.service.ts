import { createHash } from 'node:crypto';
import { verifyAuditLog } from '#core/audit/audit-verifier.js';
import { signCheckpoint } from '#core/audit/checkpoint.js';
import { ConflictError, IntegrityError, ValidationError } from '#shared/errors.js';
import { zodIssues } from '#shared/zod-error.js';
import { packArchive, unpackArchive } from './archive.js';
import { BackupRepository } from './backup.repository.js';
import type { BackupCipher, DatabaseDumper, DatabaseLoader } from './backup.ports.js';
import { BACKUP_FORMAT, BackupManifestSchema, type BackupManifest } from './backup.schema.js';

export type BackupDeps = {
  version: string;
  cipher: BackupCipher;
  clock: { now: () => Date };
  /** The migration versions this Vigil knows (a backup from a newer schema is refused). */
  knownMigrations: number[];
  /** Ed25519 private key (PEM) that signs the checkpoint in the manifest; absent = none. */
  checkpointKeyPem?: string;
};

export type RestoreReport = {
  manifest: BackupManifest;
  tables: number;
  rows: number;
  auditEntries: number;
};

/**
 * Encrypted, self-describing backups and verified restores. The dump itself is the engine's own
 * (PGlite's data-directory tarball, pg_dump's custom format), made and loaded by platform adapters;
 * this service seals it with a manifest and proves a restore reproduces what was backed up.
 */
export class BackupService {
  private readonly repo = new BackupRepository();

  constructor(private readonly deps: BackupDeps) {}

  /** Dumps the database and seals it with its manifest; the caller writes and re-verifies it. */
  async createBackup(
    dumper: DatabaseDumper,
  ): Promise<{ archive: Buffer; manifest: BackupManifest }> {
    const { facts, dump } = await dumper.dump(async (db) => ({
      migrations: await this.repo.appliedMigrations(db),
      rowCounts: await this.repo.countRows(db),
      auditHead: await this.repo.auditHead(db),
    }));
    const now = this.deps.clock.now();
    const head = facts.auditHead;
    const manifest: BackupManifest = {
      format: BACKUP_FORMAT,
      vigilVersion: this.deps.version,
      engine: dumper.engine,
      createdAt: now.toISOString(),
      migrationLevel: facts.migrations.at(-1) ?? 0,
      migrations: facts.migrations,
      rowCounts: facts.rowCounts,
      auditHead: head,
      lastCheckpoint:
        head && this.deps.checkpointKeyPem
          ? signCheckpoint(this.deps.checkpointKeyPem, {
              treeSize: head.seq,
              headHash: head.hash,
              time: now,
            })
          : null,
      dump: {
        format: dumper.engine === 'pglite' ? 'pglite-tar-gzip' : 'pg-custom',
        bytes: dump.length,
        sha256: sha256(dump),
      },
    };
    return { archive: packArchive(this.deps.cipher, JSON.stringify(manifest), dump), manifest };
  }

  /**
   * Decrypts and checks an archive: authentication (a tampered or truncated file fails here), the
   * manifest's shape, and the dump's length and SHA-256. Returns nothing unless all pass.
   */
  verifyArchive(archive: Buffer): { manifest: BackupManifest; dump: Buffer } {
    const { manifestJson, dump } = unpackArchive(this.deps.cipher, archive);
    let json: unknown;
    try {
      json = JSON.parse(manifestJson);
    } catch {
      throw new IntegrityError('The backup manifest is not JSON');
    }
    const parsed = BackupManifestSchema.safeParse(json);
    if (!parsed.success) {
      throw new IntegrityError('The backup manifest is not valid', zodIssues(parsed.error));
    }
    const manifest = parsed.data;
    if (manifest.dump.bytes !== dump.length || manifest.dump.sha256 !== sha256(dump)) {
      throw new IntegrityError(
        'The dump in the backup does not match its manifest (size or SHA-256)',
      );
    }
    return { manifest, dump };
  }

  /**
   * Restores an archive into an empty target (or replaces one when `replace`), then checks that the
   * row counts and the audit head equal the manifest's and that the audit chain verifies. Nothing
   * is written unless the archive verifies and fits this engine and this Vigil.
   */
  async restore(
    archive: Buffer,
    loader: DatabaseLoader,
    options: { replace: boolean },
  ): Promise<RestoreReport> {
    const { manifest, dump } = this.verifyArchive(archive);
    if (manifest.engine !== loader.engine) {
      throw new ValidationError(
        `This backup is of the ${manifest.engine} engine; the configured database is ${loader.engine}`,
      );
    }
    const unknown = manifest.migrations.filter((v) => !this.deps.knownMigrations.includes(v));
    if (unknown.length > 0) {
      throw new ValidationError(
        `The backup comes from a newer Vigil (${manifest.vigilVersion}; migrations ${unknown.join(', ')} unknown here): upgrade first`,
      );
    }
    if (!options.replace && (await loader.hasData())) {
      throw new ConflictError(
        `${loader.target} already holds a database; restore into an empty one, or pass --force to replace it`,
      );
    }
    await loader.load(dump, options);
    const target = await loader.open();
    try {
      const rowCounts = await this.repo.countRows(target.db);
      const head = await this.repo.auditHead(target.db);
      const problems = countDifferences(manifest.rowCounts, rowCounts);
      if (JSON.stringify(head) !== JSON.stringify(manifest.auditHead)) {
        problems.push(
          `audit head is ${head ? `${head.seq}/${head.hash}` : 'empty'}, the backup's ${manifest.auditHead ? `${manifest.auditHead.seq}/${manifest.auditHead.hash}` : 'empty'}`,
        );
      }
      const verified = await verifyAuditLog(target.db, manifest.lastCheckpoint?.checkpoint);
      if (!verified.ok) {
        problems.push(`audit chain broken at entry ${verified.firstBadSeq}: ${verified.reason}`);
      }
      if (problems.length > 0) {
        throw new IntegrityError(
          `The restored database differs from the backup: ${problems.join('; ')}`,
          problems.map((reason) => ({ path: loader.target, reason })),
        );
      }
      return {
        manifest,
        tables: Object.keys(rowCounts).length,
        rows: Object.values(rowCounts).reduce((a, b) => a + b, 0),
        auditEntries: verified.size,
      };
    } finally {
      await target.close();
    }
  }
}

function countDifferences(
  expected: Record<string, number>,
  actual: Record<string, number>,
): string[] {
  const names = [...new Set([...Object.keys(expected), ...Object.keys(actual)])].sort();
  return names
    .filter((name) => expected[name] !== actual[name])
    .map(
      (name) =>
        `${name}: ${actual[name] ?? 'missing'} rows, the backup has ${expected[name] ?? 'none'}`,
    );
}

function sha256(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}
