import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES, type Role } from '#core/access/roles.js';
import type { Core } from '#src/app.js';
import {
  CLI,
  createSecurityCore,
  jsonHeaders,
  newOrganisation,
  newUser,
  sessionCookie,
} from '#test/security.js';
import { createHttpApp } from '../app.js';
import { INVESTIGATION_BODIES } from './route-matrix.investigations.js';
import { policyKey, ROUTE_POLICIES, type ObjectType, type RoutePolicy } from './route-policy.js';

type Case = 'own' | 'shared' | 'other' | 'missing';
const CASES: Case[] = ['own', 'shared', 'other', 'missing'];

// Valid bodies for routes that take one, so the object check (not validation) decides.
const BODIES: Record<string, unknown> = {
  'PUT /api/users/{id}/roles': { roles: ['investigator'] },
  'POST /api/users/{id}/tokens': { name: 'cli', scopes: ['analyst'], expiresInDays: 30 },
  'POST /api/subjects/{id}/split': { members: ['obs:probe'], reason: 'matrix probe' },
  ...INVESTIGATION_BODIES,
};

/**
 * What the policy promises: the role gate, then the object rule. Own objects are reachable,
 * missing ones never; another organisation's only for a system administrator (except shares, which
 * only their owner revokes); a shared one for reading only.
 */
function expectAllowed(policy: RoutePolicy, role: Role, c: Case): boolean {
  if (policy.roles && !policy.roles.includes(role)) return false;
  if (!policy.object) return c !== 'missing';
  const crossOrg = role === 'system_admin' && policy.object.type !== 'share';
  if (c === 'own') return true;
  if (c === 'missing') return false;
  if (c === 'other') return crossOrg;
  return crossOrg || policy.object.access === 'view';
}

describe('route x role x object matrix (R1)', () => {
  let core: Core;
  let app: ReturnType<typeof createHttpApp>;
  let orgs: Record<'own' | 'shared' | 'other', string>;
  const actors = new Map<Role, string>();
  // A fresh session per request: the matrix itself logs out and changes credentials.
  const cookie = (role: Role) => sessionCookie(core, actors.get(role)!);

  beforeAll(async () => {
    core = await createSecurityCore();
    app = createHttpApp(core);
    const a = await newOrganisation(core);
    const b = await newOrganisation(core);
    const c = await newOrganisation(core);
    orgs = { own: a.id, shared: b.id, other: c.id };
    for (const type of ['user', 'organisation']) {
      await core.handle.db
        .insertInto('share')
        .values({
          objectType: type,
          objectId: null,
          ownerOrganisationId: b.id,
          recipientOrganisationId: a.id,
          legalBasis: 'test MOU',
        })
        .execute();
    }
    for (const role of ROLES) {
      const user = await newUser(core, a.id, role === 'partner_caseworker' ? ['analyst'] : [role]);
      // The matrix checks the gates for every role; a partner role in an agency is set directly.
      if (role === 'partner_caseworker') {
        await core.handle.db
          .updateTable('appUser')
          .set({ roles: [role] })
          .where('id', '=', user.id)
          .execute();
      }
      actors.set(role, user.id);
    }
  });
  afterAll(async () => core.close());

  async function seed(type: ObjectType, c: Case): Promise<string> {
    if (c === 'missing') return randomUUID();
    const orgId = orgs[c];
    if (type === 'organisation') return orgId;
    if (type === 'user') return (await newUser(core, orgId, ['analyst'])).id;
    if (type === 'token') {
      const user = await newUser(core, orgId, ['analyst']);
      return (
        await core.tokens.createToken(CLI, user.id, {
          name: 't',
          scopes: ['analyst'],
          expiresInDays: 5,
        })
      ).view.id;
    }
    // share: 'own' = granted by A; 'shared' = granted to A by B; 'other' = between B and C.
    const [owner, recipient] =
      c === 'own'
        ? [orgs.own, orgs.other]
        : c === 'shared'
          ? [orgs.shared, orgs.own]
          : [orgs.other, orgs.shared];
    const row = await core.handle.db
      .insertInto('share')
      .values({
        objectType: 'case',
        objectId: randomUUID(),
        ownerOrganisationId: owner,
        recipientOrganisationId: recipient,
        legalBasis: 'test',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  }

  async function lastSeq(): Promise<number> {
    const row = await core.handle.db
      .selectFrom('auditLog')
      .select('seq')
      .orderBy('seq', 'desc')
      .limit(1)
      .executeTakeFirst();
    return row?.seq ?? 0;
  }
  const rowsAfter = (seq: number) =>
    core.handle.db
      .selectFrom('auditLog')
      .select(['action', 'outcome'])
      .where('seq', '>', seq)
      .orderBy('seq')
      .execute();

  function routes(): Array<{ key: string; method: string; path: string }> {
    const seen = new Map<string, { key: string; method: string; path: string }>();
    for (const r of app.routes) {
      if (r.method === 'ALL') continue;
      const key = policyKey(r.method, r.path);
      seen.set(key, { key, method: r.method, path: r.path });
    }
    return [...seen.values()];
  }

  it('classifies every route of the router in ROUTE_POLICIES (add one line per new route)', () => {
    const keys = routes().map((r) => r.key);
    expect(keys.length).toBeGreaterThan(20);
    expect(keys.filter((k) => !ROUTE_POLICIES[k])).toEqual([]);
    expect(Object.keys(ROUTE_POLICIES).filter((k) => !keys.includes(k))).toEqual([]);
  });

  it('refuses every non-public route without a session (401), and API tokens on UI-only routes', async () => {
    const user = await newUser(core, orgs.own, ['system_admin']);
    const { token } = await core.tokens.createToken(CLI, user.id, {
      name: 'm',
      scopes: ['system_admin'],
      expiresInDays: 1,
    });
    const failures: string[] = [];
    for (const r of routes()) {
      const policy = ROUTE_POLICIES[r.key]!;
      if (policy.auth === 'public') continue;
      const url = `http://localhost${r.path.replace(/:id/g, randomUUID())}`;
      const init = {
        method: r.method,
        headers: jsonHeaders(),
        body: r.method === 'GET' ? null : '{}',
      };
      const anonymous = (await app.request(url, init)).status;
      if (anonymous !== 401) failures.push(`${r.key} without a session: ${anonymous}`);
      const withToken = await app.request(url, {
        ...init,
        headers: jsonHeaders({ authorization: `Bearer ${token}` }),
      });
      if ((policy.auth === 'session') !== (withToken.status === 401)) {
        failures.push(`${r.key} (${policy.auth}) with an API token: ${withToken.status}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('answers each role and object as the policy says (denials: 404, one body), with one audit row each', async () => {
    const failures: string[] = [];
    for (const r of routes()) {
      const policy = ROUTE_POLICIES[r.key]!;
      if (policy.auth === 'public') continue;
      // Reference data (no agency-scoped object) named by an {id}: probed with an unknown id.
      const cases: Case[] = policy.object ? CASES : r.path.includes(':id') ? ['missing'] : ['own'];
      for (const role of ROLES) {
        for (const c of cases) {
          // A route with an {id} but no agency-scoped object (reference data) gets an unknown id.
          const id = policy.object ? await seed(policy.object.type, c) : randomUUID();
          const url = `http://localhost${r.path.replace(/:id/g, id)}`;
          const body = r.method === 'GET' ? null : JSON.stringify(BODIES[r.key] ?? {});
          const before = await lastSeq();
          const res = await app.request(url, {
            method: r.method,
            headers: jsonHeaders({ cookie: await cookie(role) }),
            body,
          });
          const allowed = expectAllowed(policy, role, c);
          const text = await res.text();
          // Police data is refused to the partner role before any role or object check (#14 item 8).
          const ok =
            policy.police && role === 'partner_caseworker'
              ? res.status === 403
              : allowed
                ? ![401, 403, 404].includes(res.status)
                : res.status === 404 &&
                  text === '{"error":{"code":"not_found","message":"Not found"}}';
          if (!ok) {
            failures.push(`${r.key} as ${role} on ${c}: ${res.status} ${text.slice(0, 120)}`);
          }
          // Exactly one audit row per operation or denial, under the route's declared action.
          const rows = await rowsAfter(before);
          const wanted = res.status < 300 ? 'success' : res.status === 404 ? 'denied' : undefined;
          const got = rows.map((row) => `${row.action}:${row.outcome}`);
          if (wanted && policy.audit !== 'none' && got.join() !== `${policy.audit}:${wanted}`) {
            failures.push(`${r.key} as ${role} on ${c}: audit rows ${JSON.stringify(got)}`);
          }
        }
      }
    }
    expect(failures).toEqual([]);
  }, 300_000);

  it('writes a denied audit row for a cross-organisation read', async () => {
    const id = await seed('user', 'other');
    const res = await app.request(`http://localhost/api/users/${id}`, {
      headers: { cookie: await cookie('agency_admin') },
    });
    expect(res.status).toBe(404);
    const rows = await core.handle.db
      .selectFrom('auditLog')
      .selectAll()
      .where('action', '=', 'user.read')
      .where('outcome', '=', 'denied')
      .execute();
    expect(rows.some((r) => JSON.parse(r.entry).objectIds.includes(id))).toBe(true);
  });
});
