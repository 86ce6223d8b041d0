import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '#core/access/roles.js';
import {
  CANARY_NAME,
  CANARY_NOTE,
  createCaseWorld,
  SUBJECT,
  type CaseWorld,
} from '#test/case-world.js';
import { CLI, jsonHeaders, newOrganisation, newUser, sessionCookie } from '#test/security.js';
import { INVESTIGATION_BODIES } from './security/route-matrix.investigations.js';
import { ROUTE_POLICIES } from './security/route-policy.js';

/**
 * Every operation of the committed openapi.json, walked as a stranger: users of another agency (B)
 * and of a counselling partner, against objects agency A owns. A route with an object in its path
 * must answer A's object exactly as it answers a missing one (never 2xx); a route without one must
 * not reveal any of A's objects. Police routes answer partners 403. A route added later whose path
 * names a kind of object this world does not know fails until someone decides (A_OBJECT_KINDS or
 * GLOBAL below).
 */
type Operation = { key: string; method: string; path: string; query: string[] };

const SPEC = JSON.parse(readFileSync('openapi.json', 'utf8')) as {
  paths: Record<string, Record<string, { parameters?: Array<{ name: string; in: string }> }>>;
};
const OPERATIONS: Operation[] = Object.entries(SPEC.paths).flatMap(([path, ops]) =>
  Object.entries(ops)
    .filter(([method]) => ['get', 'post', 'put', 'patch', 'delete'].includes(method))
    .map(([method, op]) => ({
      key: `${method.toUpperCase()} ${path}`,
      method: method.toUpperCase(),
      path,
      query: (op.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name),
    })),
);

/**
 * Deliberately global routes, each with its reason: they name no agency's object, so a stranger's
 * answer is not compared with a missing object's.
 */
const GLOBAL: Record<string, string> = {
  'GET /api/health': 'liveness, no data',
  'GET /api/openapi.json': 'the API contract',
  'GET /api/auth/notice': 'the sign-in banner',
  'POST /api/auth/login': 'signs in the caller',
  'POST /api/auth/logout': "ends the caller's own sessions (would end the walker's too)",
  'POST /api/auth/step-up': "the caller's own session",
  'POST /api/auth/password': "the caller's own password",
  'POST /api/auth/totp/enrolment': "the caller's own TOTP",
  'POST /api/auth/totp/enrolment/confirm': "the caller's own TOTP",
  'GET /api/auth/me': "the caller's own account",
  // Hash sets and rule sets are reference data of the whole installation, not agency-owned.
  'GET /api/hashsets/{id}': 'installation-wide reference data (police only: partners get 403)',
  'GET /api/rule-sets/{version}': 'installation-wide scoring rules',
};

/** Valid bodies, so that the object check (not validation) decides; A's ids are filled in. */
function bodyFor(key: string, a: AObjects): unknown {
  const bodies: Record<string, unknown> = {
    ...INVESTIGATION_BODIES,
    'PUT /api/users/{id}/roles': { roles: ['investigator'] },
    'POST /api/users/{id}/tokens': { name: 'cli', scopes: ['analyst'], expiresInDays: 30 },
    'POST /api/subjects/{id}/split': { members: [`obs:${a.observationId}`], reason: 'probe' },
    'POST /api/subjects/merge': { subjects: [SUBJECT, `sub_${'0'.repeat(19)}8`], reason: 'probe' },
    'POST /api/shares': {
      objectType: 'case',
      objectId: a.caseId,
      recipientOrganisationId: a.strangerId,
      legalBasis: 'probe',
    },
    'POST /api/cases': { title: 'probe', subjectKeys: [SUBJECT] },
    'POST /api/referrals/{id}/accept': {},
  };
  return bodies[key] ?? {};
}

type AObjects = Awaited<ReturnType<typeof seedAgencyA>>;

/** A owns one of every kind of object: ids by the path segment that names them. */
async function seedAgencyA(w: CaseWorld) {
  const opened = await w.openFullCase('walker');
  const db = w.db;
  const journal = await db.selectFrom('importJournal').select('id').executeTakeFirstOrThrow();
  await db
    .updateTable('importJournal')
    .set({ ownerOrganisationId: w.orgs.a.id })
    .where('id', '=', journal.id)
    .execute();
  const quarantined = await db
    .insertInto('quarantine')
    .values({
      importId: journal.id,
      fileSha256: 'f'.repeat(64),
      fileName: 'p2p.csv',
      format: 'p2p-csv',
      line: 9,
      field: 'ip',
      reason: 'bad address',
      raw: 'row of A',
      header: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const confirm = await w.call('aSupervisor', 'POST', `/cases/${opened.caseId}/confirmations`, {
    note: 'Checked the ISP return',
  });
  if (confirm.status !== 200) throw new Error(`confirm: ${confirm.status} ${confirm.text}`);
  const warrant = await w.call('aInvestigator', 'POST', `/cases/${opened.caseId}/warrants`, {
    typeCode: 'search_warrant',
  });
  if (warrant.status !== 201) throw new Error(`warrant: ${warrant.status} ${warrant.text}`);
  const task = await w.call('aInvestigator', 'POST', `/cases/${opened.caseId}/tasks`, {
    title: 'Task of A',
    dueOn: '2026-04-30',
  });
  if (task.status !== 201) throw new Error(`task: ${task.status} ${task.text}`);
  const referral = await w.call('aInvestigator', 'POST', `/cases/${opened.caseId}/referrals`, {
    toOrganisationCode: w.orgs.c.code,
    reason: 'The subscriber lives in your area',
  });
  if (referral.status !== 201) throw new Error(`referral: ${referral.status} ${referral.text}`);
  const user = await newUser(w.core, w.orgs.a.id, ['analyst']);
  const { view: token } = await w.core.tokens.createToken(CLI, user.id, {
    name: 'a',
    scopes: ['analyst'],
    expiresInDays: 5,
  });
  const share = await db
    .insertInto('share')
    .values({
      objectType: 'case',
      objectId: opened.caseId,
      ownerOrganisationId: w.orgs.a.id,
      recipientOrganisationId: w.orgs.c.id,
      legalBasis: 'MOU A-C',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const observation = await db
    .selectFrom('observation')
    .select('id')
    .where('importId', '=', journal.id)
    .executeTakeFirstOrThrow();
  return {
    byKind: {
      cases: opened.caseId,
      identities: opened.identityId,
      warrants: warrant.body.id as string,
      tasks: task.body.id as string,
      referrals: referral.body.id as string,
      users: user.id,
      tokens: token.id,
      shares: share.id,
      organisations: w.orgs.a.id,
      subjects: SUBJECT,
    } as Record<string, string>,
    caseId: opened.caseId,
    reference: opened.reference,
    importId: journal.id,
    quarantineId: quarantined.id,
    observationId: observation.id,
    username: user.username,
    strangerId: w.orgs.b.id,
  };
}

/** What must never appear in a stranger's answer. */
const markersOf = (a: AObjects) => [
  ...Object.entries(a.byKind)
    // Organisations are a directory every user reads (GET /api/organisations).
    .filter(([kind]) => kind !== 'organisations')
    .map(([, id]) => id),
  a.reference,
  a.importId,
  a.quarantineId,
  a.username,
  CANARY_NAME,
  CANARY_NOTE,
];

// A missing object of the same shape as A's.
const missingLike = (id: string) =>
  id.startsWith('sub_') ? `sub_${'0'.repeat(19)}9` : randomUUID();

describe('cross-agency walk over every route of openapi.json (#14)', () => {
  let w: CaseWorld;
  let a: AObjects;
  const strangers = new Map<string, string>();

  beforeAll(async () => {
    w = await createCaseWorld();
    a = await seedAgencyA(w);
    const partner = await newOrganisation(w.core, 'partner');
    const people: Array<[string, string, Role[]]> = [
      ['B analyst', w.orgs.b.id, ['analyst']],
      ['B investigator', w.orgs.b.id, ['investigator']],
      ['B supervisor', w.orgs.b.id, ['supervisor']],
      ['B agency admin', w.orgs.b.id, ['agency_admin']],
      ['partner caseworker', partner.id, ['partner_caseworker']],
      ['partner admin', partner.id, ['agency_admin']],
    ];
    for (const [name, org, roles] of people) {
      const user = await newUser(w.core, org, roles);
      strangers.set(name, await sessionCookie(w.core, user.id));
    }
  }, 120_000);
  afterAll(async () => w.core.close());

  async function call(who: string, method: string, url: string, body: unknown) {
    const res = await w.app.request(`http://localhost${url}`, {
      method,
      headers: jsonHeaders({ cookie: strangers.get(who)! }),
      ...(method === 'GET' || method === 'DELETE' ? {} : { body: JSON.stringify(body) }),
    });
    return { status: res.status, text: await res.text() };
  }

  it('reads the operations from openapi.json, and every one is classified', () => {
    expect(OPERATIONS.length).toBeGreaterThan(60);
    const unclassified = OPERATIONS.filter((op) => !ROUTE_POLICIES[op.key]).map((op) => op.key);
    expect(unclassified).toEqual([]);
  });

  it("answers another agency's and a partner's users as it answers a stranger", async () => {
    const failures: string[] = [];
    const markers = markersOf(a);
    for (const op of OPERATIONS) {
      if (GLOBAL[op.key]) continue;
      const param = /\/([a-z-]+)\/\{([a-z]+)\}/.exec(op.path);
      const kind = param?.[1];
      const own = kind === undefined ? undefined : a.byKind[kind];
      if (kind !== undefined && own === undefined) {
        failures.push(
          `${op.key}: no object of kind "${kind}" in the world; decide (GLOBAL or A's)`,
        );
        continue;
      }
      const query = new URLSearchParams();
      // Filters that name A's objects (collections must still not show them).
      if (op.query.includes('importId')) query.set('importId', a.importId);
      if (op.query.includes('organisationId')) query.set('organisationId', w.orgs.a.id);
      if (op.query.includes('agency')) query.set('agency', w.orgs.a.code);
      // A stated reason where one is required, with and without the filters.
      const base = op.query.includes('reason') ? '?reason=cross-agency%20walk' : '';
      if (op.query.includes('reason')) query.set('reason', 'cross-agency walk');
      const qs = query.size > 0 ? `?${query.toString()}` : '';
      const police = ROUTE_POLICIES[op.key]?.police === true;
      for (const who of strangers.keys()) {
        const body = bodyFor(op.key, a);
        if (own === undefined) {
          // Unfiltered, and filtered by A's objects where the route takes such a filter.
          for (const q of new Set([base, qs])) {
            const res = await call(who, op.method, `${op.path}${q}`, body);
            // An id the caller sent may be echoed in a refusal ("no subject …"), never accepted.
            const sent = `${q}${JSON.stringify(body)}`;
            const leaked = markers.filter(
              (m) => res.text.includes(m) && (res.status < 300 || !sent.includes(m)),
            );
            if (leaked.length > 0) {
              failures.push(`${op.key}${q} as ${who}: shows ${leaked.join(', ')}`);
            }
            if (police && who.startsWith('partner') && res.status !== 403) {
              failures.push(`${op.key} as ${who}: ${res.status}, not 403`);
            }
          }
          continue;
        }
        const url = (id: string) => op.path.replace(/\{[a-z]+\}/, encodeURIComponent(id));
        const mine = await call(who, op.method, `${url(own)}${qs}`, body);
        const missing = await call(who, op.method, `${url(missingLike(own))}${qs}`, body);
        const expected = police && who.startsWith('partner') ? [403] : [403, 404];
        if (!expected.includes(mine.status) || mine.text !== missing.text) {
          failures.push(
            `${op.key} as ${who}: ${mine.status} ${mine.text.slice(0, 100)} (missing object: ${missing.status})`,
          );
        }
      }
    }
    expect(failures).toEqual([]);
  }, 600_000);
});
