import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '#src/app.js';
import {
  createSecurityCore,
  jsonHeaders,
  newOrganisation,
  newUser,
  sessionCookie,
} from '#test/security.js';
import { createHttpApp } from '../app.js';

type Page = {
  items: Array<{ entry: { action: string; organisationId?: string; owners?: string[] } }>;
};

// Issue 14 item 6: the owner of the data sees who read it, other agencies' users included.
describe('the owner sees who read its data', () => {
  let core: Core;
  let app: ReturnType<typeof createHttpApp>;
  beforeAll(async () => {
    core = await createSecurityCore();
    app = createHttpApp(core);
  });
  afterAll(async () => core.close());

  const call = (path: string, cookie: string, method = 'GET', body?: unknown) =>
    app.request(`http://localhost${path}`, {
      method,
      headers: jsonHeaders({ cookie }),
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  const auditOf = async (cookie: string, query = '') => {
    const res = await call(`/api/audit?limit=500${query}`, cookie);
    expect(res.status).toBe(200);
    return ((await res.json()) as Page).items.map((i) => i.entry);
  };

  it("shows an agency's auditor every access to its case, by its users and another agency's, and nothing else", async () => {
    const owner = await newOrganisation(core);
    const partner = await newOrganisation(core);
    const stranger = await newOrganisation(core);
    const as = async (org: string, roles: Parameters<typeof newUser>[2]) =>
      sessionCookie(core, (await newUser(core, org, roles)).id);
    const ownerInv = await as(owner.id, ['investigator']);
    const ownerAdmin = await as(owner.id, ['agency_admin']);
    const partnerInv = await as(partner.id, ['investigator']);
    const strangerInv = await as(stranger.id, ['investigator']);
    const ownerAuditor = await as(owner.id, ['auditor']);
    const partnerAuditor = await as(partner.id, ['auditor']);
    const strangerAuditor = await as(stranger.id, ['auditor']);

    const opened = await call('/api/cases', ownerInv, 'POST', {
      title: 'Shared lead',
      cybertipReportId: 'TIP-OWNERS-1',
    });
    expect(opened.status).toBe(201);
    const caseId = ((await opened.json()) as { id: string }).id;
    const shared = await call('/api/shares', ownerAdmin, 'POST', {
      objectType: 'case',
      objectId: caseId,
      recipientOrganisationId: partner.id,
      legalBasis: 'JFO 2026-7',
      fieldScope: ['summary'],
    });
    expect(shared.status).toBe(201);
    expect((await call(`/api/cases/${caseId}`, partnerInv)).status).toBe(200);
    expect((await call(`/api/cases/${caseId}`, strangerInv)).status).toBe(404);

    const reads = (rows: Awaited<ReturnType<typeof auditOf>>) =>
      rows.filter((e) => e.action === 'case.read').map((e) => e.organisationId);
    // The owner's auditor: the partner's read and the stranger's denied attempt, both on its case.
    const ownerRows = await auditOf(ownerAuditor);
    expect(reads(ownerRows)).toHaveLength(2);
    expect(reads(ownerRows)).toEqual(expect.arrayContaining([partner.id, stranger.id]));
    expect(ownerRows.find((e) => e.action === 'case.open')?.owners).toEqual([owner.id]);
    // The partner's auditor sees its own user's read, never the stranger's attempt.
    expect(reads(await auditOf(partnerAuditor))).toEqual([partner.id]);
    // The stranger's auditor sees its own user's attempt, and nothing of the owner's case.
    const strangerRows = await auditOf(strangerAuditor);
    expect(reads(strangerRows)).toEqual([stranger.id]);
    expect(strangerRows.some((e) => e.action === 'case.open' || e.action === 'share.create')).toBe(
      false,
    );
    // Filtered by owner: only rows that touched the owner's objects.
    const byOwner = await auditOf(ownerAuditor, `&owner=${owner.id}`);
    expect(byOwner.length).toBeGreaterThan(0);
    expect(byOwner.every((e) => e.owners?.includes(owner.id))).toBe(true);
    expect(byOwner.some((e) => e.action === 'audit.read')).toBe(false);
    // Names for the screen, looked up at read time (rows hold ids only).
    const page = (await (await call('/api/audit?limit=500', ownerAuditor)).json()) as {
      people: Record<string, string>;
      organisations: Record<string, string>;
    };
    expect(Object.values(page.people)).toContain('Test User');
    expect(page.organisations[partner.id]).toMatch(/^Test service \(/);
    expect(page.organisations[owner.id]).toMatch(/^Test service \(/);
    // The owners are part of the hashed entry: the chain still verifies.
    expect(await core.verifyAudit()).toMatchObject({ ok: true });
    // The signed checkpoints are for auditors of any agency; others get 404.
    expect((await call('/api/audit/checkpoints', strangerAuditor)).status).toBe(200);
    expect((await call('/api/audit/checkpoints', ownerAdmin)).status).toBe(404);
  });
});
