import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSecurityCore, newOrganisation, newUser } from '#test/security.js';
import { generateSigningKey, readCheckpoint, signCheckpoint } from './checkpoint.js';

describe('tamper-evident audit log', () => {
  let core: Awaited<ReturnType<typeof createSecurityCore>>;
  beforeAll(async () => {
    core = await createSecurityCore();
    const org = await newOrganisation(core);
    for (let i = 0; i < 6; i++) await newUser(core, org.id, ['analyst']);
  });
  afterAll(async () => core.close());

  // Tampering is done as the superuser with the append-only trigger switched off, then restored.
  async function asSuperuser(statement: string): Promise<void> {
    await sql
      .raw(`alter table audit_log disable trigger audit_log_no_update`)
      .execute(core.handle.db);
    await sql.raw(statement).execute(core.handle.db);
    await sql
      .raw(`alter table audit_log enable trigger audit_log_no_update`)
      .execute(core.handle.db);
  }

  it('verifies an untouched chain', async () => {
    expect(await core.verifyAudit()).toMatchObject({ ok: true });
  });

  it('blocks UPDATE and DELETE for the application', async () => {
    await expect(
      sql`update audit_log set outcome = 'success'`.execute(core.handle.db),
    ).rejects.toThrow(/append-only/);
    await expect(sql`delete from audit_log`.execute(core.handle.db)).rejects.toThrow(/append-only/);
  });

  it('refuses UPDATE to the vigil_app role (PostgreSQL privilege, also under PGlite)', async () => {
    await expect(
      core.handle.db.transaction().execute(async (trx) => {
        await sql`set local role vigil_app`.execute(trx);
        await sql`update audit_log set outcome = 'x' where seq = 1`.execute(trx);
      }),
    ).rejects.toThrow(/permission denied|append-only/);
  });

  it('reports the first bad entry after an edit, and truncation against a checkpoint', async () => {
    const key = generateSigningKey();
    const head = await core.verifyAudit();
    if (!head.ok) throw new Error('chain broken before the test');
    const file = JSON.stringify(
      signCheckpoint(key.privatePem, {
        treeSize: head.size,
        headHash: head.headHash,
        time: new Date(),
      }),
    );
    const checkpoint = readCheckpoint(file, key.publicPem);
    expect(() => readCheckpoint(file, generateSigningKey().publicPem)).toThrow(/signature/);

    const original = await core.handle.db
      .selectFrom('auditLog')
      .select('entry')
      .where('seq', '=', 3)
      .executeTakeFirstOrThrow();
    await asSuperuser(
      `update audit_log set entry = replace(entry, '"success"', '"failure"') where seq = 3`,
    );
    expect(await core.verifyAudit()).toMatchObject({ ok: false, firstBadSeq: 3 });
    await asSuperuser(
      `update audit_log set entry = '${original.entry.replace(/'/g, "''")}' where seq = 3`,
    );
    expect(await core.verifyAudit(checkpoint)).toMatchObject({ ok: true });

    await asSuperuser(`delete from audit_log where seq > ${head.size - 2}`);
    expect(await core.verifyAudit()).toMatchObject({ ok: true });
    expect(await core.verifyAudit(checkpoint)).toMatchObject({
      ok: false,
      firstBadSeq: head.size - 1,
    });
  });

  it('reports a deletion in the middle and a reordering', async () => {
    await asSuperuser(`update audit_log set seq = seq + 1000000 where seq in (4, 5)`);
    await asSuperuser(`update audit_log set seq = 5 where seq = 1000004`);
    await asSuperuser(`update audit_log set seq = 4 where seq = 1000005`);
    expect(await core.verifyAudit()).toMatchObject({ ok: false, firstBadSeq: 4 });
    await asSuperuser(`delete from audit_log where seq = 4`);
    expect(await core.verifyAudit()).toMatchObject({ ok: false, firstBadSeq: 4 });
  });
});
