import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '#src/app.js';
import {
  CLI,
  createSecurityCore,
  jsonHeaders,
  newOrganisation,
  newUser,
  PASSWORD,
  sessionCookie,
} from '#test/security.js';
import { createHttpApp } from '../app.js';

describe('audit fail-closed (R15)', () => {
  let core: Core;
  let app: ReturnType<typeof createHttpApp>;
  beforeAll(async () => {
    core = await createSecurityCore();
    app = createHttpApp(core);
  });
  afterAll(async () => core.close());

  it('answers 503 with no object fields, and changes nothing, when the audit row cannot be written', async () => {
    const org = await newOrganisation(core);
    const admin = await newUser(core, org.id, ['agency_admin']);
    const victim = await newUser(core, org.id, ['analyst']);
    const cookie = await sessionCookie(core, admin.id);
    // The application role may not touch triggers: the test injects the failure as the owner.
    await core.handle.asOwner(async (db) => {
      await sql`create function audit_fail() returns trigger language plpgsql as $$ begin raise exception 'injected audit failure'; end; $$`.execute(
        db,
      );
      await sql`create trigger audit_fail before insert on audit_log for each row execute function audit_fail()`.execute(
        db,
      );
    });
    try {
      const read = await app.request(`http://localhost/api/users/${victim.id}`, {
        headers: { cookie },
      });
      expect(read.status).toBe(503);
      const text = await read.text();
      expect(text).not.toContain(victim.username);
      expect(JSON.parse(text)).toMatchObject({ error: { code: 'audit_unavailable' } });
      const create = await app.request('http://localhost/api/users', {
        method: 'POST',
        headers: jsonHeaders({ cookie }),
        body: JSON.stringify({
          organisationId: org.id,
          username: 'never-created',
          displayName: 'N C',
          roles: ['analyst'],
          password: PASSWORD,
        }),
      });
      expect(create.status).toBe(503);
      const disable = await app.request(`http://localhost/api/users/${victim.id}/disable`, {
        method: 'POST',
        headers: jsonHeaders({ cookie }),
      });
      expect(disable.status).toBe(503);
    } finally {
      await core.handle.asOwner((db) => sql`drop trigger audit_fail on audit_log`.execute(db));
    }
    expect(
      await core.handle.db
        .selectFrom('appUser')
        .select('id')
        .where('username', '=', 'never-created')
        .executeTakeFirst(),
    ).toBeUndefined();
    const after = await core.handle.db
      .selectFrom('appUser')
      .select('status')
      .where('id', '=', victim.id)
      .executeTakeFirstOrThrow();
    expect(after.status).toBe('active');
    expect(await core.verifyAudit()).toMatchObject({ ok: true });
    await expect(core.users.getUser(CLI, victim.id)).resolves.toMatchObject({ status: 'active' });
  });
});
