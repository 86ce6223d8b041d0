import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CANARY_NAME,
  CANARY_NOTE,
  createCaseWorld,
  JUSTIFICATION,
  pdfText,
  SUBJECT,
  type CaseWorld,
} from '#test/case-world.js';

const NOT_FOUND = '{"error":{"code":"not_found","message":"Not found"}}';
const DEFAULT_SCOPE = [
  'summary',
  'subjects',
  'workflow',
  'authorities',
  'evidence',
  'warrants',
  'outcomes',
  'tasks',
];

describe('shares of a case honour their field scope in every view and export (issue 14, item 3)', () => {
  let w: CaseWorld;
  beforeAll(async () => {
    w = await createCaseWorld();
  });
  afterAll(async () => w.core.close());

  async function share(caseId: string | null, fieldScope?: string[]) {
    const res = await w.call('aAdmin', 'POST', '/shares', {
      objectType: 'case',
      objectId: caseId,
      recipientOrganisationId: w.orgs.b.id,
      legalBasis: 'Joint investigation agreement JIT-7',
      ...(fieldScope ? { fieldScope } : {}),
    });
    expect(res.status).toBe(201);
    return res.body as { id: string; fieldScope: string[] };
  }
  const reveal = (identityId: string) =>
    w.call('bInvestigator', 'POST', `/identities/${identityId}/reveal`, {
      justification: JUSTIFICATION,
    });

  it('stores a case share’s scope in the vocabulary: default without identities and notes, unknown words refused', async () => {
    const c = await w.openFullCase('Scope vocabulary');
    expect((await share(c.caseId)).fieldScope).toEqual(DEFAULT_SCOPE);
    expect((await share(c.caseId, [])).fieldScope).toEqual(['summary']);
    expect((await share(c.caseId, ['notes', 'identities', 'notes'])).fieldScope).toEqual([
      'summary',
      'identities',
      'notes',
    ]);
    const bad = await w.call('aAdmin', 'POST', '/shares', {
      objectType: 'case',
      objectId: c.caseId,
      recipientOrganisationId: w.orgs.b.id,
      legalBasis: 'x-basis',
      fieldScope: ['subjects', 'ssn'],
    });
    expect([bad.status, bad.body.error.code]).toEqual([400, 'validation_failed']);
    expect(bad.body.error.details).toEqual([
      expect.objectContaining({ path: 'fieldScope', reason: expect.stringMatching(/^ssn /) }),
    ]);
  });

  it('never shows identities or notes through any route to a share that does not name them', async () => {
    const c = await w.openFullCase('Default share');
    await share(c.caseId);
    const detail = await w.call('bInvestigator', 'GET', `/cases/${c.caseId}`);
    expect(detail.status).toBe(200);
    expect(detail.body).toMatchObject({
      fieldScope: DEFAULT_SCOPE,
      subjectKeys: [SUBJECT],
      identities: [],
      notes: [],
      readiness: null,
      evidence: [expect.objectContaining({ description: 'Seized laptop image (Default share)' })],
    });
    expect(detail.body.legalAuthorities).toHaveLength(1);
    for (const text of [detail.text]) {
      expect(text).not.toContain('Canary');
      expect(text).not.toContain(c.identityId);
    }
    // The lead package, as JSON and as PDF, even when identities are asked for.
    for (const includeIdentities of [false, true]) {
      const body = { includeIdentities, justification: JUSTIFICATION };
      const pkg = await w.call('bInvestigator', 'POST', `/cases/${c.caseId}/package`, body);
      expect(pkg.status).toBe(200);
      expect(pkg.body.fieldScope).toEqual(DEFAULT_SCOPE);
      expect(pkg.body).not.toHaveProperty('identities');
      expect(pkg.body).not.toHaveProperty('notes');
      expect(pkg.body).not.toHaveProperty('readiness');
      expect(pkg.text).not.toContain('Canary');
      expect(pkg.text).not.toContain(c.identityId);
      const pdf = await w.pdf('bInvestigator', 'POST', `/cases/${c.caseId}/package/pdf`, body);
      expect(pdf.status).toBe(200);
      const text = pdfText(pdf.bytes);
      expect(text).toContain('Default share');
      expect(text).not.toContain('Canary');
      expect(text).toContain('(not disclosed: outside the field scope)');
    }
    // Asking the export for more than the share gives never widens it.
    const wider = await w.call('bInvestigator', 'POST', `/cases/${c.caseId}/package`, {
      fieldScope: ['identities', 'notes'],
    });
    expect(wider.body.fieldScope).toEqual(['summary']);
    // The identity itself, and the checklist computed from identities.
    expect((await reveal(c.identityId)).text).toBe(NOT_FOUND);
    const readiness = await w.call('bInvestigator', 'GET', `/cases/${c.caseId}/readiness`);
    expect([readiness.status, readiness.text]).toEqual([404, NOT_FOUND]);
    // The owner sees everything of its own case.
    const own = await w.call('aInvestigator', 'GET', `/cases/${c.caseId}`);
    expect(own.body.notes).toEqual([expect.objectContaining({ text: CANARY_NOTE })]);
    expect(own.body.identities).toHaveLength(1);
  });

  it('shows identities (masked, revealed with step-up and justification) and notes to a share that names them', async () => {
    const c = await w.openFullCase('Named share');
    await share(c.caseId, ['subjects', 'identities', 'notes']);
    const detail = await w.call('bInvestigator', 'GET', `/cases/${c.caseId}`);
    expect(detail.body).toMatchObject({
      fieldScope: ['summary', 'subjects', 'identities', 'notes'],
      identities: [expect.objectContaining({ id: c.identityId, name: '••••••' })],
      notes: [expect.objectContaining({ text: CANARY_NOTE })],
      legalAuthorities: [],
      evidence: [],
      events: [],
    });
    expect(detail.body.readiness.items.length).toBeGreaterThan(0);
    expect(detail.text).not.toContain(CANARY_NAME);
    const revealed = await reveal(c.identityId);
    expect(revealed.status).toBe(200);
    expect(revealed.body.name).toBe(CANARY_NAME);
    const pkg = await w.call('bInvestigator', 'POST', `/cases/${c.caseId}/package`, {
      includeIdentities: true,
      justification: JUSTIFICATION,
    });
    expect(pkg.body.identities).toEqual([expect.objectContaining({ name: CANARY_NAME })]);
    // Notes go into an export only when named.
    expect(pkg.body).not.toHaveProperty('notes');
    const withNotes = await w.call('bInvestigator', 'POST', `/cases/${c.caseId}/package`, {
      fieldScope: ['notes'],
    });
    expect(withNotes.body.notes).toEqual([expect.objectContaining({ text: CANARY_NOTE })]);
    expect((await w.call('bInvestigator', 'GET', `/cases/${c.caseId}/readiness`)).status).toBe(200);
  });

  it('joins the scopes of every live share, and narrows again on the next request after a revocation', async () => {
    const c = await w.openFullCase('Two shares');
    await share(c.caseId, ['evidence']);
    const notes = await share(c.caseId, ['notes']);
    const both = await w.call('bInvestigator', 'GET', `/cases/${c.caseId}`);
    expect(both.body.fieldScope).toEqual(['summary', 'evidence', 'notes']);
    expect(both.body.notes).toHaveLength(1);
    // Without `subjects`, not even the case list names the subjects.
    const list = await w.call('bInvestigator', 'GET', '/cases');
    expect(list.body.items.find((i: { id: string }) => i.id === c.caseId).subjectKeys).toEqual([]);
    expect((await w.call('aAdmin', 'DELETE', `/shares/${notes.id}`)).status).toBe(204);
    const after = await w.call('bInvestigator', 'GET', `/cases/${c.caseId}`);
    expect(after.body.fieldScope).toEqual(['summary', 'evidence']);
    expect(after.body.notes).toEqual([]);
    expect(after.text).not.toContain('Canary');
  });

  it('lists a shared case’s expiring authorities only with `authorities` in scope', async () => {
    const c = await w.openFullCase('Expiring authorities');
    const demand = await w.call('aInvestigator', 'POST', `/cases/${c.caseId}/authorities`, {
      typeCode: 'preservation_demand',
      court: 'n/a (peace officer demand)',
      number: 'PD-9',
      issuedAt: '2026-03-25T10:00:00Z',
      documentSha256: 'b'.repeat(64),
      scope: [
        {
          ipRange: '142.51.17.0/24',
          startsAt: '2026-03-01T00:00:00Z',
          endsAt: '2026-03-31T00:00:00Z',
        },
      ],
    });
    expect(demand.status).toBe(201);
    const ids = async () =>
      (await w.call('bInvestigator', 'GET', '/legal-authorities/expiring?withinDays=30')).body.map(
        (a: { id: string }) => a.id,
      );
    await share(c.caseId, ['evidence']);
    expect(await ids()).not.toContain(demand.body.id);
    await share(c.caseId, ['authorities']);
    expect(await ids()).toContain(demand.body.id);
  });
});
