import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { totpCode } from '#core/auth/totp.js';
import { createDemoAccounts } from '#core/users/demo-accounts.js';
import type { Core } from '#src/app.js';
import { fixedClock } from '#test/clock.js';
import {
  CLI,
  createSecurityCore,
  jsonHeaders,
  newOrganisation,
  newUser,
  sessionCookie,
} from '#test/security.js';
import { createHttpApp } from '../app.js';

describe('shares, the audit API, tokens and first start', () => {
  const clock = fixedClock('2026-04-01T09:00:00Z');
  let core: Core;
  let app: ReturnType<typeof createHttpApp>;
  beforeAll(async () => {
    core = await createSecurityCore({ clock });
    app = createHttpApp(core);
  });
  afterAll(async () => core.close());

  const get = (path: string, cookie: string) =>
    app.request(`http://localhost${path}`, { headers: { cookie } });

  it('has no usable default account on a fresh install', async () => {
    expect(await core.handle.db.selectFrom('appUser').select('id').execute()).toEqual([]);
    const res = await app.request('http://localhost/api/auth/login', {
      method: 'POST',
      headers: jsonHeaders(),
      body: JSON.stringify({ username: 'admin', password: 'admin', totp: '000000' }),
    });
    expect(res.status).toBe(401);
  });

  it('applies share revocation and expiry on the very next request, and audits share changes', async () => {
    const a = await newOrganisation(core);
    const b = await newOrganisation(core);
    const aAdmin = await sessionCookie(core, (await newUser(core, a.id, ['agency_admin'])).id);
    const bAdmin = await sessionCookie(core, (await newUser(core, b.id, ['agency_admin'])).id);
    expect((await get(`/api/organisations/${b.id}`, aAdmin)).status).toBe(404);
    const grant = (expiresAt: string | null) =>
      app.request('http://localhost/api/shares', {
        method: 'POST',
        headers: jsonHeaders({ cookie: bAdmin }),
        body: JSON.stringify({
          objectType: 'organisation',
          objectId: b.id,
          recipientOrganisationId: a.id,
          legalBasis: 'MOU 2026-4',
          expiresAt,
        }),
      });
    const share = (await (await grant(null)).json()) as { id: string };
    expect((await get(`/api/organisations/${b.id}`, aAdmin)).status).toBe(200);
    // Only the owner revokes: the recipient's attempt answers like a missing share.
    expect(
      (
        await app.request(`http://localhost/api/shares/${share.id}`, {
          method: 'DELETE',
          headers: jsonHeaders({ cookie: aAdmin }),
        })
      ).status,
    ).toBe(404);
    expect(
      (
        await app.request(`http://localhost/api/shares/${share.id}`, {
          method: 'DELETE',
          headers: jsonHeaders({ cookie: bAdmin }),
        })
      ).status,
    ).toBe(204);
    expect((await get(`/api/organisations/${b.id}`, aAdmin)).status).toBe(404);

    expect((await grant(new Date(clock.now().getTime() + 60_000).toISOString())).status).toBe(201);
    expect((await get(`/api/organisations/${b.id}`, aAdmin)).status).toBe(200);
    clock.advance(61_000);
    expect((await get(`/api/organisations/${b.id}`, aAdmin)).status).toBe(404);
    const actions = await core.handle.db
      .selectFrom('auditLog')
      .select(['action', 'outcome'])
      .where('organisationId', '=', b.id)
      .execute();
    expect(actions.map((r) => `${r.action}:${r.outcome}`)).toEqual(
      expect.arrayContaining(['share.create:success', 'share.revoke:success']),
    );
  });

  it('lets auditors read their own organisation’s audit rows, audits the read, and hides the log from others', async () => {
    const a = await newOrganisation(core);
    const auditor = await newUser(core, a.id, ['auditor']);
    const admin = await newUser(core, a.id, ['agency_admin']);
    await core.users.getUser(CLI, admin.id);
    const auditorCookie = await sessionCookie(core, auditor.id);
    expect((await get('/api/audit', await sessionCookie(core, admin.id))).status).toBe(404);
    const page = (await (
      await get('/api/audit?action=user.create&limit=1', auditorCookie)
    ).json()) as {
      items: Array<{ entry: { action: string; organisationId: string } }>;
      nextAfterSeq: number | null;
    };
    expect(page.items).toHaveLength(1);
    expect(page.items[0]!.entry).toMatchObject({ action: 'user.create', organisationId: a.id });
    expect(page.nextAfterSeq).not.toBeNull();
    const reads = await core.handle.db
      .selectFrom('auditLog')
      .select('outcome')
      .where('action', '=', 'audit.read')
      .where('actorId', '=', auditor.id)
      .execute();
    expect(reads.map((r) => r.outcome)).toEqual(['success']);
  });

  it('limits an API token to its scopes and its expiry', async () => {
    const a = await newOrganisation(core);
    const admin = await newUser(core, a.id, ['agency_admin']);
    const { token } = await core.tokens.createToken(CLI, admin.id, {
      name: 'ro',
      scopes: ['agency_admin'],
      expiresInDays: 1,
    });
    const me = await app.request('http://localhost/api/auth/me', {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(await me.json()).toMatchObject({
      userId: admin.id,
      via: 'token',
      roles: ['agency_admin'],
    });
    const narrow = await newUser(core, a.id, ['agency_admin', 'analyst']);
    const scoped = await core.tokens.createToken(CLI, narrow.id, {
      name: 'x',
      scopes: ['analyst'],
      expiresInDays: 1,
    });
    const meScoped = await app.request('http://localhost/api/auth/me', {
      headers: { authorization: `Bearer ${scoped.token}` },
    });
    expect(await meScoped.json()).toMatchObject({ roles: ['analyst'] });
    await expect(
      core.tokens.createToken(CLI, narrow.id, {
        name: 'y',
        scopes: ['system_admin'],
        expiresInDays: 1,
      }),
    ).rejects.toMatchObject({ code: 'forbidden' });
    clock.advance(86_400_000 + 1);
    expect(
      (
        await app.request('http://localhost/api/auth/me', {
          headers: { authorization: `Bearer ${token}` },
        })
      ).status,
    ).toBe(401);
  });

  it('sets a __Host- Secure cookie when served over HTTPS', async () => {
    const a = await newOrganisation(core);
    const u = await newUser(core, a.id, ['analyst']);
    const res = await app.request('https://vigil.example/api/auth/login', {
      method: 'POST',
      headers: jsonHeaders(),
      body: JSON.stringify({
        username: u.username,
        password: u.password,
        totp: totpCode(u.totpSecret, clock.now()),
      }),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('set-cookie')).toMatch(
      /^__Host-vigil_session=vgs_[\w-]{43}; Path=\/; HttpOnly; Secure; SameSite=Strict$/,
    );
    expect(res.headers.get('strict-transport-security')).toContain('max-age=');
  });

  it('creates labelled demo accounts only in demo mode', async () => {
    await expect(createDemoAccounts(core, CLI, { demoMode: false })).rejects.toThrow(/demo mode/);
    const accounts = await createDemoAccounts(core, CLI, { demoMode: true });
    expect(accounts.map((d) => d.username)).toContain('demo-a-admin');
    const rows = await core.handle.db
      .selectFrom('appUser')
      .select(['isDemo', 'displayName'])
      .where('username', 'like', 'demo-%')
      .execute();
    expect(rows.every((r) => r.isDemo && r.displayName.startsWith('DEMO'))).toBe(true);
  });
});
