import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { verifyAuditLog } from '#core/audit/audit-verifier.js';
import { generateSigningKey } from '#core/audit/checkpoint.js';
import type { Core } from '#src/app.js';
import { systemClock } from '#platform/clock.js';
import { createAesGcmByteCipher } from '#platform/crypto/aes-gcm-bytes.js';
import { pgDumper, pgLoader } from '#platform/db/archive-pg.js';
import { pgliteDumper, pgliteLoader } from '#platform/db/archive-pglite.js';
import { readMigrations } from '#platform/db/migrate.js';
import { ConflictError, IntegrityError } from '#shared/errors.js';
import { testEngine } from '#test/db.js';
import { databaseUrl, dropDatabase } from '#test/pg-admin.js';
import { createSecurityCore, newOrganisation, newUser } from '#test/security.js';
import type { DatabaseDumper, DatabaseLoader } from '#core/backup/backup.ports.js';
import { BackupService } from '#core/backup/backup.service.js';
import { BackupRepository } from '#core/backup/backup.repository.js';

// The child programs get a fixed PATH (tests do not read the process environment either).
const TOOLS = { env: { PATH: '/usr/local/bin:/usr/bin:/bin' } };

let core: Core;
let dumper: DatabaseDumper;
const cleanups: Array<() => Promise<void> | void> = [];

/** A fresh, empty restore target on this run's engine: a new data directory or a new database. */
async function newTarget(): Promise<DatabaseLoader> {
  if (testEngine() === 'pglite') {
    const dir = mkdtempSync(join(tmpdir(), 'vigil-restore-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    return pgliteLoader(join(dir, 'data'), systemClock);
  }
  const server = inject('testDb').url!;
  const name = `vigil_r_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: server });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  cleanups.push(() => dropDatabase(server, name));
  return pgLoader(databaseUrl(server, name), TOOLS);
}

function service(key = randomBytes(32), checkpointKeyPem?: string) {
  return new BackupService({
    version: 'test',
    cipher: createAesGcmByteCipher(key),
    clock: systemClock,
    knownMigrations: readMigrations().map((m) => m.version),
    ...(checkpointKeyPem ? { checkpointKeyPem } : {}),
  });
}

beforeAll(async () => {
  core = await createSecurityCore();
  const org = await newOrganisation(core);
  await newUser(core, org.id, ['analyst']);
  await newUser(core, org.id, ['supervisor']);
  const raw = core.handle.raw;
  if (raw.kind === 'pglite') {
    dumper = pgliteDumper(raw.pglite, core.handle.db);
  } else {
    const name = await sql<{ n: string }>`select current_database() as n`.execute(core.handle.db);
    dumper = pgDumper(core.handle.db, databaseUrl(inject('testDb').url!, name.rows[0]!.n), TOOLS);
  }
}, 60_000);

afterAll(async () => {
  await core.close();
  for (const cleanup of cleanups) await cleanup();
});

describe(BackupService.name, () => {
  it('restores into an empty target the same row counts and audit head, and the chain verifies', async () => {
    const sut = service(randomBytes(32), generateSigningKey().privatePem);
    const { archive, manifest } = await sut.createBackup(dumper);
    const repo = new BackupRepository();
    expect(manifest.rowCounts).toEqual(await repo.countRows(core.handle.db));
    expect(manifest.auditHead).toEqual(await repo.auditHead(core.handle.db));
    expect(manifest.auditHead!.seq).toBeGreaterThan(0);
    expect(manifest.rowCounts['app_user']).toBe(2);
    expect(manifest.migrationLevel).toBe(readMigrations().at(-1)!.version);
    expect(manifest.lastCheckpoint?.checkpoint.treeSize).toBe(manifest.auditHead!.seq);
    // The key is not in the archive, and the data is not readable in it.
    expect(archive.includes(Buffer.from('schema_migration'))).toBe(false);

    const target = await newTarget();
    const report = await sut.restore(archive, target, { replace: false });
    expect(report.auditEntries).toBe(manifest.auditHead!.seq);
    const restored = await target.open();
    try {
      expect(await repo.countRows(restored.db)).toEqual(manifest.rowCounts);
      expect(await repo.auditHead(restored.db)).toEqual(manifest.auditHead);
      expect(await verifyAuditLog(restored.db)).toMatchObject({ ok: true });
    } finally {
      await restored.close();
    }
    // A second restore into the same, now full, target is refused.
    await expect(sut.restore(archive, target, { replace: false })).rejects.toBeInstanceOf(
      ConflictError,
    );
  }, 120_000);

  it('refuses a tampered, truncated or foreign-key archive and writes nothing', async () => {
    const key = randomBytes(32);
    const sut = service(key);
    const { archive } = await sut.createBackup(dumper);
    const tampered = Buffer.from(archive);
    tampered[Math.floor(tampered.length / 2)]! ^= 0x01;
    const truncated = archive.subarray(0, archive.length - 100);
    for (const bad of [tampered, truncated]) {
      const target = await newTarget();
      await expect(sut.restore(bad, target, { replace: false })).rejects.toThrow(
        /does not authenticate/,
      );
      expect(await target.hasData()).toBe(false);
    }
    expect(() => service(randomBytes(32)).verifyArchive(archive)).toThrow(IntegrityError);
    expect(() => sut.verifyArchive(archive.subarray(0, 30))).toThrow(IntegrityError);
  }, 120_000);
});
