import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallContext } from '#core/access/actor.js';
import { rankOf, type Role } from '#core/access/roles.js';
import { CLI, createSecurityCore, newOrganisation, newUser, PASSWORD } from '#test/security.js';

type SecurityCore = Awaited<ReturnType<typeof createSecurityCore>>;
const RANKED: Role[] = ['analyst', 'investigator', 'supervisor', 'agency_admin', 'system_admin'];

/** Every credential and membership operation of R6, as (core, actor, targetId) => promise. */
const OPERATIONS: Record<
  string,
  (core: SecurityCore, ctx: CallContext, id: string) => Promise<unknown>
> = {
  'password reset': (core, ctx, id) => core.users.resetPassword(ctx, id),
  'mfa reset': (core, ctx, id) => core.users.resetMfa(ctx, id),
  'role change': (core, ctx, id) => core.users.setRoles(ctx, id, { roles: ['analyst'] }),
  disable: (core, ctx, id) => core.users.disableUser(ctx, id),
  unlock: (core, ctx, id) => core.users.unlockUser(ctx, id),
  'api token': (core, ctx, id) =>
    core.tokens.createToken(ctx, id, { name: 'k', scopes: ['analyst'], expiresInDays: 1 }),
};

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

describe('privilege hierarchy for credential endpoints (R6)', () => {
  let core: SecurityCore;
  let orgA: string;
  let orgB: string;
  beforeAll(async () => {
    core = await createSecurityCore();
    orgA = (await newOrganisation(core)).id;
    orgB = (await newOrganisation(core)).id;
  });
  afterAll(async () => core.close());

  it('allows only same-organisation administrators acting on accounts at or below their rank', async () => {
    const failures: string[] = [];
    for (const actorRole of RANKED) {
      const actor = await newUser(core, orgA, [actorRole]);
      for (const targetRole of RANKED) {
        for (const sameOrg of [true, false]) {
          for (const [name, op] of Object.entries(OPERATIONS)) {
            const target = await newUser(
              core,
              sameOrg ? orgA : orgB,
              targetRole === 'analyst' ? ['analyst'] : [targetRole, 'analyst'],
            );
            const before = await core.handle.db
              .selectFrom('appUser')
              .selectAll()
              .where('id', '=', target.id)
              .executeTakeFirstOrThrow();
            const isAdmin = actorRole === 'agency_admin' || actorRole === 'system_admin';
            const expected =
              isAdmin &&
              (sameOrg || actorRole === 'system_admin') &&
              rankOf([targetRole]) <= rankOf([actorRole]);
            const outcome = await op(core, as(actor, [actorRole]), target.id).then(
              () => 'allowed',
              (e: { code?: string }) => e.code ?? 'error',
            );
            const after = await core.handle.db
              .selectFrom('appUser')
              .selectAll()
              .where('id', '=', target.id)
              .executeTakeFirstOrThrow();
            const label = `${actorRole} -> ${targetRole} (${sameOrg ? 'same' : 'other'} org) ${name}`;
            if ((outcome === 'allowed') !== expected) failures.push(`${label}: ${outcome}`);
            if (!expected && !['not_found', 'forbidden'].includes(outcome)) {
              failures.push(`${label}: answered ${outcome}`);
            }
            if (!expected && JSON.stringify(after) !== JSON.stringify(before)) {
              failures.push(`${label}: state changed`);
            }
          }
        }
      }
    }
    expect(failures).toEqual([]);
  });

  it('refuses to grant a role above the granter and to add users to another organisation', async () => {
    const admin = await newUser(core, orgA, ['agency_admin']);
    const ctx = as(admin, ['agency_admin']);
    const target = await newUser(core, orgA, ['analyst']);
    await expect(
      core.users.setRoles(ctx, target.id, { roles: ['system_admin'] }),
    ).rejects.toMatchObject({ code: 'forbidden' });
    const create = (organisationId: string, roles: Role[]) =>
      core.users.createUser(ctx, {
        organisationId,
        username: `u${Date.now()}${roles[0]}`,
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

  it('never lets a share (even with edit access) confer account administration across organisations', async () => {
    const admin = await newUser(core, orgA, ['agency_admin']);
    const foreign = await newUser(core, orgB, ['analyst']);
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
    const outcomes = await Promise.all(
      Object.entries(OPERATIONS).map(async ([name, op]) => {
        const code = await op(core, as(admin, ['agency_admin']), foreign.id).then(
          () => 'allowed',
          (e: { code?: string }) => e.code,
        );
        return `${name}: ${code}`;
      }),
    );
    expect(outcomes).toEqual(Object.keys(OPERATIONS).map((name) => `${name}: not_found`));
    await expect(
      core.users.getUser(as(admin, ['agency_admin']), foreign.id),
    ).resolves.toMatchObject({ id: foreign.id });
  });

  it('audits each denied attempt', async () => {
    const analyst = await newUser(core, orgA, ['analyst']);
    const target = await newUser(core, orgA, ['analyst']);
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
