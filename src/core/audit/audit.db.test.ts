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

  // Tampering is done as the owner (never the application's role) with the append-only trigger
  // switched off, then restored.
  async function asSuperuser(statement: string): Promise<void> {
    await core.handle.asOwner(async (db) => {
      await sql.raw(`alter table audit_log disable trigger audit_log_no_update`).execute(db);
      await sql.raw(statement).execute(db);
      await sql.raw(`alter table audit_log enable trigger audit_log_no_update`).execute(db);
    });
  }

  it('verifies an untouched chain', async () => {
    expect(await core.verifyAudit()).toMatchObject({ ok: true });
  });

  it('has a trigger that refuses UPDATE and DELETE even to the owner', async () => {
    await core.handle.asOwner(async (db) => {
      await expect(sql`update audit_log set outcome = 'success'`.execute(db)).rejects.toThrow(
        /append-only/,
      );
      await expect(sql`delete from audit_log`.execute(db)).rejects.toThrow(/append-only/);
    });
  });

  it("runs the application's own connection as vigil_app: not a superuser, owner of nothing", async () => {
    const { rows } = await sql<{ role: string; superuser: boolean; owns: number }>`
      select current_user as role,
        (select rolsuper from pg_roles where rolname = current_user) as superuser,
        (select count(*)::int from pg_tables where tableowner = current_user) as owns`.execute(
      core.handle.db,
    );
    expect(rows).toEqual([{ role: 'vigil_app', superuser: false, owns: 0 }]);
  });

  it("refuses the application's connection every way around the append-only trigger", async () => {
    const db = core.handle.db;
    // [statement, its error message], or [statement, 'ran'] when it was not refused.
    const refusal = async (statement: string) => [
      statement,
      await sql
        .raw(statement)
        .execute(db)
        .then(
          () => 'ran',
          (error: Error) => error.message,
        ),
    ];
    const owner = await core.handle.asOwner(
      async (o) => (await sql<{ u: string }>`select current_user as u`.execute(o)).rows[0]!.u,
    );
    // The privilege check comes before the trigger: vigil_app may not even try.
    for (const statement of [
      'update audit_log set outcome = outcome',
      'delete from audit_log',
      'truncate audit_log',
    ]) {
      expect(await refusal(statement)).toEqual([
        statement,
        expect.stringMatching(/permission denied/),
      ]);
    }
    for (const statement of [
      'alter table audit_log disable trigger all',
      'alter table audit_log disable trigger audit_log_no_update',
      'drop trigger audit_log_no_update on audit_log',
      'create or replace function audit_log_append_only() returns trigger language plpgsql as $$ begin return old; end; $$',
      `set role ${owner}`,
      `set session authorization ${owner}`,
      `select set_config('role', '${owner}', false)`,
    ]) {
      expect(await refusal(statement)).toEqual([
        statement,
        expect.stringMatching(/permission denied|must be owner|may not change its role/),
      ]);
    }
    // RESET ROLE: on PostgreSQL it returns to the login role, itself no superuser (test/db.ts);
    // on PGlite, whose session is always the superuser, the application's pool refuses it.
    await expect(
      db.transaction().execute(async (trx) => {
        await sql`reset role`.execute(trx);
        await sql`update audit_log set outcome = outcome`.execute(trx);
      }),
    ).rejects.toThrow(/permission denied|may not change its role/);
    expect(await core.verifyAudit()).toMatchObject({ ok: true });
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
