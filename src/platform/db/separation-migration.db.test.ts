import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from './client.js';
import { migrate, readMigrations } from './migrate.js';
import { createEmptyTestDatabase } from '#test/db.js';

const SEPARATION = 15;

describe('migration 0015 over accounts written before it (separation of duties)', () => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await createEmptyTestDatabase();
    await migrate(
      handle.db,
      readMigrations().filter((m) => m.version < SEPARATION),
    );
    // Migrating an empty database from scratch takes a while on a loaded two-core machine.
  }, 300_000);
  afterAll(async () => handle.close());

  it('removes auditor from administrators, keeps everything else, then refuses the combination', async () => {
    const org = await handle.db
      .insertInto('organisation')
      .values({ kind: 'agency', code: 'MIG-1', name: 'Migration Police' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const insert = (username: string, roles: string[]) =>
      handle.db
        .insertInto('appUser')
        .values({
          organisationId: org.id,
          username,
          displayName: 'Before Migration',
          roles,
          passwordHash: '$argon2id$unused',
          passwordChangedAt: new Date(),
          totpSecret: 'plain:JBSWY3DPEHPK3PXP',
        })
        .execute();
    await insert('both-agency', ['agency_admin', 'auditor']);
    await insert('both-system', ['auditor', 'system_admin', 'analyst']);
    await insert('auditor-only', ['auditor', 'analyst']);
    await insert('admin-only', ['agency_admin']);

    expect(await migrate(handle.db)).toContain(SEPARATION);

    const rows = await handle.db
      .selectFrom('appUser')
      .select(['username', 'roles', 'mustChangePassword', 'totpSecret'])
      .orderBy('username')
      .execute();
    expect(rows.map((r) => [r.username, r.roles])).toEqual([
      ['admin-only', ['agency_admin']],
      ['auditor-only', ['auditor', 'analyst']],
      ['both-agency', ['agency_admin']],
      ['both-system', ['system_admin', 'analyst']],
    ]);
    expect(rows.every((r) => !r.mustChangePassword && r.totpSecret !== null)).toBe(true);
    await expect(insert('both-again', ['auditor', 'agency_admin'])).rejects.toThrow(
      /app_user_auditor_not_admin/,
    );
  });
});
