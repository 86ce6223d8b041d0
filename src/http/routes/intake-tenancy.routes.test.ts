import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '#core/access/roles.js';
import type { Core } from '#src/app.js';
import {
  CLI,
  createSecurityCore,
  newOrganisation,
  newUser,
  sessionCookie,
} from '#test/security.js';
import { CSRF_HEADER } from '../security/csrf.js';
import { createHttpApp } from '../app.js';

const HEADER =
  'observed_at,network,ip,port,client_id,client_name,hash_type,hash,file_name,file_size,evidence_kind,observer';
const GOOD =
  '2015-03-02T14:09:40Z,ed2k,99.240.12.30,4662,0A1B2C3D4E0E6F70819203A4B5C66FD7,eMule 0.50a,ed2k,a448017aaf21d8525fc10ae87aa6729d,,1048576,download_verified,station-3';
// A rejected row (bad address) carrying a long personal-data-like field: quarantine keeps 512 chars.
const LONG = 'Subscriber Name Street '.repeat(200);
const BAD = `2015-03-02T14:05:11.250Z,gnutella,010.1.1.1,6346,,${LONG},sha1,VGMT4NSHA2AWVOR6EVYXQUGCNSONBWE5,clip.avi,1,query_hit,station-3`;
const FILE = Buffer.from(`${HEADER}\n${GOOD}\n${BAD}\n`);

type Json = Record<string, unknown>;

describe('intake is tenant data (#14 items 1 and 8)', () => {
  let core: Core;
  let app: ReturnType<typeof createHttpApp>;
  const cookies = new Map<string, string>();
  let aImport: { importId: string };

  const request = (who: string, path: string, init: RequestInit = {}) =>
    app.request(`http://localhost/api${path}`, {
      ...init,
      headers: {
        ...(init.headers as Record<string, string>),
        cookie: cookies.get(who)!,
        [CSRF_HEADER]: '1',
      },
    });
  const upload = (who: string, key: string, name = 'a.csv') =>
    request(who, `/intake/imports?format=p2p-csv&name=${name}`, {
      method: 'POST',
      body: FILE,
      headers: { 'content-type': 'application/octet-stream', 'idempotency-key': key },
    });

  beforeAll(async () => {
    core = await createSecurityCore();
    app = createHttpApp(core);
    const a = await newOrganisation(core);
    const b = await newOrganisation(core);
    const partner = await newOrganisation(core, 'partner');
    const people: Array<[string, string, Role[]]> = [
      ['aAnalyst', a.id, ['analyst']],
      ['aAnalyst2', a.id, ['analyst']],
      ['aAuditor', a.id, ['auditor']],
      ['bAnalyst', b.id, ['analyst']],
      ['partnerAdmin', partner.id, ['agency_admin']],
      ['partnerCaseworker', partner.id, ['partner_caseworker']],
    ];
    for (const [name, org, roles] of people) {
      const user = await newUser(core, org, roles);
      cookies.set(name, await sessionCookie(core, user.id));
      cookies.set(`${name}:id`, user.id);
    }
    const res = await upload('aAnalyst', 'shared-key');
    if (res.status !== 201) throw new Error(`upload: ${res.status} ${await res.text()}`);
    aImport = (await res.json()) as { importId: string };
  });
  afterAll(async () => core.close());

  it("lists an agency's own imports with counts and uploader, never another agency's", async () => {
    const mine = (await (await request('aAnalyst', '/intake/imports')).json()) as Json[];
    expect(mine.find((i) => i.id === aImport.importId)).toMatchObject({
      fileName: 'a.csv',
      status: 'done',
      accepted: 1,
      quarantined: 1,
      duplicates: 0,
    });
    expect(mine[0]!.uploadedBy).toEqual(expect.stringMatching(/^user/));
    const theirs = await request('bAnalyst', '/intake/imports');
    expect(theirs.status).toBe(200);
    expect(JSON.stringify(await theirs.json())).not.toContain(aImport.importId);
  });

  it("answers 404 for another agency's import and hides its quarantined rows and export", async () => {
    const own = (await (
      await request('aAnalyst', `/intake/quarantine?importId=${aImport.importId}`)
    ).json()) as Json[];
    expect(own).toHaveLength(1);
    const foreign = await request('bAnalyst', `/intake/quarantine?importId=${aImport.importId}`);
    expect(foreign.status).toBe(404);
    expect(await foreign.json()).toEqual({ error: { code: 'not_found', message: 'Not found' } });
    const list = await request('bAnalyst', '/intake/quarantine?includeResolved=true');
    expect(JSON.stringify(await list.json())).not.toContain(aImport.importId);
    const csv = await request('bAnalyst', '/intake/quarantine/export?reason=checking%20our%20rows');
    expect(csv.status).toBe(200);
    expect(await csv.text()).not.toContain(own[0]!.id as string);
  });

  it('keeps at most 512 characters of a rejected row, flagged as cut (R23)', async () => {
    const [row] = (await (
      await request('aAnalyst', `/intake/quarantine?importId=${aImport.importId}`)
    ).json()) as Json[];
    expect((row!.raw as string).length).toBe(512);
    expect(row!.rawTruncated).toBe(true);
    const stored = await core.handle.db
      .selectFrom('quarantine')
      .select(['raw', 'rawTruncated'])
      .where('importId', '=', aImport.importId)
      .executeTakeFirstOrThrow();
    expect(stored.raw.length).toBe(512);
    expect(stored.raw).not.toContain(LONG);
  });

  it('exports only with a stated reason, written to the audit row, and says whether it was capped (R14)', async () => {
    const without = await request('aAnalyst', '/intake/quarantine/export');
    expect(without.status).toBe(400);
    const res = await request(
      'aAnalyst',
      `/intake/quarantine/export?importId=${aImport.importId}&reason=fixing%20rejected%20rows%20of%20a.csv`,
    );
    expect(res.status).toBe(200);
    expect(res.headers.get('x-export-truncated')).toBe('false');
    expect(res.headers.get('x-export-max-rows')).toBe('10000');
    expect((await res.text()).split('\r\n')[0]).toBe('id,file,line,field,reason,raw,raw_truncated');
    const rows = await core.handle.db
      .selectFrom('auditLog')
      .select('entry')
      .where('action', '=', 'quarantine.export')
      .execute();
    expect(rows.some((r) => r.entry.includes('fixing rejected rows of a.csv'))).toBe(true);
  });

  it('never replays the answer stored under the same Idempotency-Key for another user or agency', async () => {
    for (const who of ['bAnalyst', 'aAnalyst2']) {
      const res = await upload(who, 'shared-key');
      expect(res.status).toBe(201);
      expect(res.headers.get('idempotent-replayed')).toBeNull();
      const body = (await res.json()) as { importId: string };
      expect(body.importId).not.toBe(aImport.importId);
    }
    const again = await upload('aAnalyst', 'shared-key');
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(((await again.json()) as { importId: string }).importId).toBe(aImport.importId);
  });

  it('refuses police data to partner users and tokens with 403', async () => {
    const { token } = await core.tokens.createToken(CLI, cookies.get('partnerAdmin:id')!, {
      name: 't',
      scopes: ['agency_admin'],
      expiresInDays: 1,
    });
    const routes: Array<[string, string, string?]> = [
      ['GET', '/hashsets'],
      ['POST', '/match', JSON.stringify({ hashes: ['a'.repeat(32)] })],
      [
        'POST',
        '/attribution/lookup',
        JSON.stringify({ ip: '142.51.1.1', at: '2020-01-01T00:00:00Z' }),
      ],
      ['GET', '/attribution/sources'],
      ['GET', '/intake/imports'],
      ['GET', '/intake/quarantine'],
      ['GET', '/queue'],
    ];
    for (const [method, path, body] of routes) {
      for (const who of ['partnerAdmin', 'partnerCaseworker']) {
        const res = await request(who, path, {
          method,
          ...(body ? { body, headers: { 'content-type': 'application/json' } } : {}),
        });
        expect(`${who} ${method} ${path}: ${res.status}`).toBe(`${who} ${method} ${path}: 403`);
      }
      const viaToken = await app.request(`http://localhost/api${path}`, {
        method,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        ...(body ? { body } : {}),
      });
      expect(`token ${method} ${path}: ${viaToken.status}`).toBe(`token ${method} ${path}: 403`);
    }
    const upload403 = await upload('partnerAdmin', 'partner-key');
    expect(upload403.status).toBe(403);
  });

  it("shows the import's owner every access to it, another agency's refused attempt included (#14 item 6)", async () => {
    const path = `/intake/quarantine?importId=${aImport.importId}`;
    expect((await request('bAnalyst', path)).status).toBe(404);
    expect((await request('aAnalyst2', path)).status).toBe(200);
    const res = await request('aAuditor', '/audit?action=quarantine.list&limit=500');
    expect(res.status).toBe(200);
    const entries = ((await res.json()) as { items: Array<{ entry: Json }> }).items.map(
      (i) => i.entry,
    );
    const onImport = entries.filter((e) =>
      (e.objectIds as string[] | undefined)?.includes(aImport.importId),
    );
    // A's own read and B's refused attempt (this test's and the earlier ones), all owned by A.
    expect(onImport.length).toBeGreaterThanOrEqual(2);
    expect(new Set(onImport.map((e) => JSON.stringify(e.owners))).size).toBe(1);
    expect((onImport[0]!.owners as string[]).length).toBe(1);
    expect(new Set(onImport.map((e) => e.organisationId)).size).toBe(2);
    expect(new Set(onImport.map((e) => e.organisationId)).size).toBe(2);
  });
});
