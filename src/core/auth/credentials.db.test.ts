import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallContext } from '#core/access/actor.js';
import { fixedClock } from '#test/clock.js';
import { createSecurityCore, newOrganisation, newUser, type TestUser } from '#test/security.js';
import { totpCode } from './totp.js';

type Core = Awaited<ReturnType<typeof createSecurityCore>>;
const ANONYMOUS: CallContext = { actor: { kind: 'anonymous' }, source: 'http' };
const PARALLEL = 10;

/**
 * Sign-ins fired in parallel: on PostgreSQL they run in concurrent transactions on several
 * connections, so a check-then-write in application code would let more than one through.
 */
describe('credential checks under concurrent requests (R7, R8)', () => {
  const clock = fixedClock('2026-04-01T10:00:00Z');
  let core: Core;
  let orgId: string;
  beforeAll(async () => {
    core = await createSecurityCore({ clock });
    orgId = (await newOrganisation(core)).id;
  });
  afterAll(async () => core.close());

  const account = (id: string) =>
    core.handle.db.selectFrom('appUser').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const openSessions = async (userId: string) =>
    (
      await core.handle.db
        .selectFrom('session')
        .select('id')
        .where('userId', '=', userId)
        .where('endedAt', 'is', null)
        .execute()
    ).length;
  const loginAll = (u: TestUser, password: string, totp: string) =>
    Promise.allSettled(
      Array.from({ length: PARALLEL }, () =>
        core.auth.login(ANONYMOUS, { username: u.username, password, totp }),
      ),
    );

  it('opens exactly one session for ten parallel sign-ins with one valid code', async () => {
    const u = await newUser(core, orgId, ['analyst']);
    const code = totpCode(u.totpSecret, clock.now());
    const results = await loginAll(u, u.password, code);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const refused = results.filter((r) => r.status === 'rejected');
    expect(refused.map((r) => (r.reason as { code: string }).code)).toEqual(
      Array.from({ length: PARALLEL - 1 }, () => 'unauthorized'),
    );
    expect(await openSessions(u.id)).toBe(1);
    const row = await account(u.id);
    expect(row.totpLastStep).toBe(Math.floor(clock.now().getTime() / 30_000));
    // Every replay counts as a failed sign-in.
    expect(row.failedLogins).toBe(PARALLEL - 1);
    const replays = await core.handle.db
      .selectFrom('auditLog')
      .select('entry')
      .where('action', '=', 'auth.login')
      .where('outcome', '=', 'failure')
      .execute();
    expect(
      replays.filter((r) => r.entry.includes(u.id) && r.entry.includes('totp_replayed')),
    ).toHaveLength(PARALLEL - 1);
  });

  it('counts each of ten parallel wrong passwords and locks the account', async () => {
    const u = await newUser(core, orgId, ['analyst']);
    clock.advance(30_000);
    const results = await loginAll(
      u,
      'not the password at all',
      totpCode(u.totpSecret, clock.now()),
    );
    expect(results.every((r) => r.status === 'rejected')).toBe(true);
    const row = await account(u.id);
    expect(row.failedLogins).toBe(PARALLEL);
    expect(row.lockedAt).not.toBeNull();
    clock.advance(30_000);
    await expect(
      core.auth.login(ANONYMOUS, {
        username: u.username,
        password: u.password,
        totp: totpCode(u.totpSecret, clock.now()),
      }),
    ).rejects.toMatchObject({ code: 'unauthorized' });
    expect(await openSessions(u.id)).toBe(0);
  });

  it('counts parallel wrong codes with the right password the same way', async () => {
    const u = await newUser(core, orgId, ['analyst']);
    clock.advance(30_000);
    const wrong = totpCode(u.totpSecret, new Date(clock.now().getTime() + 10 * 60_000));
    await loginAll(u, u.password, wrong);
    const row = await account(u.id);
    expect(row.failedLogins).toBe(PARALLEL);
    expect(row.lockedAt).not.toBeNull();
    expect(row.totpLastStep).toBeNull();
  });
});
