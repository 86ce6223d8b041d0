import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallContext } from '#core/access/actor.js';
import { rankOf, type Role } from '#core/access/roles.js';
import { CLI, createSecurityCore, newOrganisation, newUser, PASSWORD } from '#test/security.js';

type SecurityCore = Awaited<ReturnType<typeof createSecurityCore>>;
const ACTORS: Role[] = ['analyst', 'investigator', 'supervisor', 'agency_admin', 'system_admin'];
const TARGETS: Role[] = [
  'analyst',
  'investigator',
  'supervisor',
  'auditor',
  'agency_admin',
  'system_admin',
];

/** Every credential and membership operation of R6, as (core, actor, targetId) => promise. */
const OPERATIONS: Record<
  string,
  {
    /** `peers`: allowed on rank at most the actor's; `lower`: only on strictly lower rank. */
    kind: 'peers' | 'lower';
    run: (core: SecurityCore, ctx: CallContext, id: string) => Promise<unknown>;
  }
> = {
  'password reset': { kind: 'lower', run: (c, ctx, id) => c.users.resetPassword(ctx, id) },
  'mfa reset': { kind: 'lower', run: (c, ctx, id) => c.users.resetMfa(ctx, id) },
  'api token': {
    kind: 'lower',
    run: (c, ctx, id) =>
      c.tokens.createToken(ctx, id, { name: 'k', scopes: ['analyst'], expiresInDays: 1 }),
  },
  'token list': { kind: 'lower', run: (c, ctx, id) => c.tokens.listTokens(ctx, id) },
  'role change': {
    kind: 'lower',
    run: (c, ctx, id) => c.users.setRoles(ctx, id, { roles: ['analyst'] }),
  },
  disable: { kind: 'peers', run: (c, ctx, id) => c.users.disableUser(ctx, id) },
  unlock: { kind: 'peers', run: (c, ctx, id) => c.users.unlockUser(ctx, id) },
};

/**
 * The matrix of docs/SECURITY.md ("Who administers whom"), written out independently of the code:
 * administrators only, own organisation unless system administrator, auditor accounts only by a
 * system administrator; disable and unlock on rank at most one's own, role changes, credential
 * resets and tokens on strictly lower rank only.
 */
function expected(actor: Role, target: Role, sameOrg: boolean, kind: string): boolean {
  if (actor !== 'agency_admin' && actor !== 'system_admin') return false;
  if (!sameOrg && actor !== 'system_admin') return false;
  if (target === 'auditor' && actor !== 'system_admin') return false;
  return kind === 'peers'
    ? rankOf([target]) <= rankOf([actor])
    : rankOf([target]) < rankOf([actor]);
}

function as(user: { id: string; organisationId: string }, roles: Role[]): CallContext {
  return {
    actor: {
      kind: 'user',
      userId: user.id,
      organisationId: user.organisationId,
      organisationKind: 'agency',
      roles,
      via: 'session',
    },
    source: 'http',
  };
}

describe('privilege hierarchy and separation of duties (R6)', () => {
  let core: SecurityCore;
  let orgA: string;
  let orgB: string;
  let seq = 0;
  /** An account row written directly (its password is never used here): hundreds stay fast. */
  const account = async (organisationId: string, roles: Role[]) =>
    core.handle.db
      .insertInto('appUser')
      .values({
        organisationId,
        username: `priv-${++seq}-${Date.now().toString(36)}`,
        displayName: 'Matrix Target',
        roles,
        passwordHash: '$argon2id$unused',
        passwordChangedAt: new Date(),
        totpSecret: 'plain:JBSWY3DPEHPK3PXP',
      })
      .returning(['id', 'organisationId'])
      .executeTakeFirstOrThrow();
  const row = (id: string) =>
    core.handle.db.selectFrom('appUser').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

  beforeAll(async () => {
    core = await createSecurityCore();
    orgA = (await newOrganisation(core)).id;
    orgB = (await newOrganisation(core)).id;
  });
  afterAll(async () => core.close());

  it('lets administrators act only as the matrix says, refusing with 404/403 and no state change', async () => {
    const failures: string[] = [];
    for (const actorRole of ACTORS) {
      const actor = await account(orgA, [actorRole]);
      for (const targetRole of TARGETS) {
        for (const sameOrg of [true, false]) {
          for (const [name, op] of Object.entries(OPERATIONS)) {
            const target = await account(
              sameOrg ? orgA : orgB,
              targetRole === 'analyst' ? ['analyst'] : [targetRole, 'analyst'],
            );
            const before = await row(target.id);
            const want = expected(actorRole, targetRole, sameOrg, op.kind);
            const outcome = await op.run(core, as(actor, [actorRole]), target.id).then(
              () => 'allowed',
              (e: { code?: string }) => e.code ?? 'error',
            );
            const label = `${actorRole} -> ${targetRole} (${sameOrg ? 'same' : 'other'} org) ${name}`;
            if ((outcome === 'allowed') !== want) failures.push(`${label}: ${outcome}`);
            if (!want && !['not_found', 'forbidden'].includes(outcome)) {
              failures.push(`${label}: answered ${outcome}`);
            }
            if (!want && JSON.stringify(await row(target.id)) !== JSON.stringify(before)) {
              failures.push(`${label}: state changed`);
            }
          }
        }
      }
    }
    expect(failures).toEqual([]);
    // 420 audited operations: minutes on a loaded two-core machine, seconds on a quiet one.
  }, 300_000);

  it('never resets or changes the roles of one’s own account or a peer’s, but lets an administrator manage their own tokens', async () => {
    const admin = await account(orgA, ['agency_admin']);
    const peer = await account(orgA, ['agency_admin']);
    const ctx = as(admin, ['agency_admin']);
    for (const id of [admin.id, peer.id]) {
      await expect(core.users.resetPassword(ctx, id)).rejects.toMatchObject({ code: 'forbidden' });
      await expect(core.users.resetMfa(ctx, id)).rejects.toMatchObject({ code: 'forbidden' });
      // Demoting a peer first would open its reset.
      await expect(core.users.setRoles(ctx, id, { roles: ['analyst'] })).rejects.toMatchObject({
        code: 'forbidden',
      });
    }
    expect((await row(peer.id)).roles).toEqual(['agency_admin']);
    await expect(
      core.tokens.createToken(ctx, peer.id, {
        name: 'k',
        scopes: ['agency_admin'],
        expiresInDays: 1,
      }),
    ).rejects.toMatchObject({ code: 'forbidden' });
    await expect(
      core.tokens.createToken(ctx, admin.id, {
        name: 'k',
        scopes: ['agency_admin'],
        expiresInDays: 1,
      }),
    ).resolves.toMatchObject({ view: { userId: admin.id } });
    // A system administrator's credentials are reset by the host operator only.
    const sys = await account(orgA, ['system_admin']);
    const otherSys = await account(orgB, ['system_admin']);
    await expect(
      core.users.resetPassword(as(sys, ['system_admin']), otherSys.id),
    ).rejects.toMatchObject({ code: 'forbidden' });
    await expect(core.users.resetPassword(CLI, otherSys.id)).resolves.toMatchObject({
      temporaryPassword: expect.any(String),
    });
  });

  it('lists for each account what the caller may do, as the services decide', async () => {
    const admin = await newUser(core, orgA, ['agency_admin']);
    const ctx = as(admin, ['agency_admin']);
    const analyst = await account(orgA, ['analyst']);
    const peer = await account(orgA, ['agency_admin']);
    const auditor = await account(orgA, ['auditor']);
    const views = new Map((await core.users.listUsers(ctx)).map((u) => [u.id, u.allowedActions]));
    expect(views.get(analyst.id)).toEqual(['roles', 'disable', 'unlock', 'reset', 'tokens']);
    expect(views.get(peer.id)).toEqual(['disable', 'unlock']);
    expect(views.get(auditor.id)).toEqual([]);
    expect(views.get(admin.id)).toEqual(['unlock', 'tokens']);
    const supervisor = as(await account(orgA, ['supervisor']), ['supervisor']);
    const seen = await core.users.listUsers(supervisor);
    expect(seen.every((u) => u.allowedActions.length === 0)).toBe(true);
  });

  it('refuses to grant a role above the granter and to add users to another organisation', async () => {
    const admin = await newUser(core, orgA, ['agency_admin']);
    const ctx = as(admin, ['agency_admin']);
    const target = await account(orgA, ['analyst']);
    await expect(
      core.users.setRoles(ctx, target.id, { roles: ['system_admin'] }),
    ).rejects.toMatchObject({ code: 'forbidden' });
    const create = (organisationId: string, roles: Role[]) =>
      core.users.createUser(ctx, {
        organisationId,
        username: `u${++seq}${Date.now().toString(36)}`,
        displayName: 'X Y',
        roles,
        password: PASSWORD,
      });
    await expect(create(orgB, ['analyst'])).rejects.toMatchObject({ code: 'not_found' });
    await expect(create(orgA, ['system_admin'])).rejects.toMatchObject({ code: 'forbidden' });
    await expect(create(orgA, ['investigator'])).resolves.toMatchObject({
      user: { roles: ['investigator'] },
    });
  });

  it('lets only a system administrator grant auditor, and never together with an administrator role', async () => {
    const admin = as(await account(orgA, ['agency_admin']), ['agency_admin']);
    const sys = as(await account(orgA, ['system_admin']), ['system_admin']);
    const target = await account(orgA, ['analyst']);
    const create = (ctx: CallContext, roles: Role[]) =>
      core.users.createUser(ctx, {
        organisationId: orgA,
        username: `aud${++seq}${Date.now().toString(36)}`,
        displayName: 'A B',
        roles,
        password: PASSWORD,
      });
    await expect(create(admin, ['auditor'])).rejects.toMatchObject({ code: 'forbidden' });
    await expect(
      core.users.setRoles(admin, target.id, { roles: ['analyst', 'auditor'] }),
    ).rejects.toMatchObject({ code: 'forbidden' });
    expect((await row(target.id)).roles).toEqual(['analyst']);
    await expect(create(sys, ['auditor'])).resolves.toMatchObject({ user: { roles: ['auditor'] } });
    await expect(
      core.users.setRoles(sys, target.id, { roles: ['analyst', 'auditor'] }),
    ).resolves.toMatchObject({ roles: ['analyst', 'auditor'] });
    // Separation of duties holds for everyone, the host operator included, at create and change.
    for (const ctx of [sys, CLI]) {
      for (const adminRole of ['agency_admin', 'system_admin'] as const) {
        await expect(create(ctx, ['auditor', adminRole])).rejects.toMatchObject({
          code: 'validation_failed',
        });
        await expect(
          core.users.setRoles(ctx, target.id, { roles: ['auditor', adminRole] }),
        ).rejects.toMatchObject({ code: 'validation_failed' });
      }
    }
    expect((await row(target.id)).roles).toEqual(['analyst', 'auditor']);
    // And the database refuses it whatever writes the row.
    await expect(
      core.handle.db
        .updateTable('appUser')
        .set({ roles: ['auditor', 'agency_admin'] })
        .where('id', '=', target.id)
        .execute(),
    ).rejects.toThrow(/app_user_auditor_not_admin/);
  });

  it('never lets a share (even with edit access) confer account administration across organisations', async () => {
    const admin = await account(orgA, ['agency_admin']);
    const foreign = await account(orgB, ['analyst']);
    await core.handle.db
      .insertInto('share')
      .values({
        objectType: 'user',
        objectId: null,
        ownerOrganisationId: orgB,
        recipientOrganisationId: orgA,
        access: 'edit',
        legalBasis: 'test',
      })
      .execute();
    const outcomes: string[] = [];
    for (const [name, op] of Object.entries(OPERATIONS)) {
      const code = await op.run(core, as(admin, ['agency_admin']), foreign.id).then(
        () => 'allowed',
        (e: { code?: string }) => e.code,
      );
      outcomes.push(`${name}: ${code}`);
    }
    expect(outcomes).toEqual(Object.keys(OPERATIONS).map((name) => `${name}: not_found`));
    await expect(
      core.users.getUser(as(admin, ['agency_admin']), foreign.id),
    ).resolves.toMatchObject({ id: foreign.id, allowedActions: [] });
  });

  it('audits each denied attempt', async () => {
    const analyst = await account(orgA, ['analyst']);
    const target = await account(orgA, ['analyst']);
    await expect(
      core.users.resetPassword(as(analyst, ['analyst']), target.id),
    ).rejects.toMatchObject({ code: 'not_found' });
    const rows = await core.handle.db
      .selectFrom('auditLog')
      .select('entry')
      .where('action', '=', 'user.password_reset')
      .where('outcome', '=', 'denied')
      .execute();
    expect(rows.some((r) => r.entry.includes(target.id) && r.entry.includes(analyst.id))).toBe(
      true,
    );
  });

  it('keeps CLI-created accounts usable by the CLI operator', async () => {
    const u = await newUser(core, orgA, ['system_admin']);
    await expect(core.users.unlockUser(CLI, u.id)).resolves.toMatchObject({ id: u.id });
  });
});
