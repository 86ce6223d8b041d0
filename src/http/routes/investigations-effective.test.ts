import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCaseWorld, IP, sha, SUBJECT, type CaseWorld, type Reply } from '#test/case-world.js';

/** The fields a 400 names. */
const refused = (reply: Reply) => {
  expect(reply.status).toBe(400);
  return ((reply.body.error?.details ?? []) as Array<{ path: string }>).map((d) => d.path);
};

/**
 * Workflow moves and referrals may carry an effective date (#15): a unit enters a past period
 * after the fact; the server's time stays the recorded time, and the statistics count the move in
 * its effective period. The legal authority table holds the production order before 10 March 2015.
 */
describe('moves and referrals entered after the fact (effective dates)', () => {
  let w: CaseWorld;
  beforeAll(async () => {
    w = await createCaseWorld();
  });
  afterAll(async () => w.core.close());

  const openPast = async (title: string, receivedAt = '2015-02-02T10:00:00Z') => {
    const opened = await w.call('aInvestigator', 'POST', '/cases', {
      title,
      subjectKeys: [SUBJECT],
      receivedAt,
    });
    expect(opened.status).toBe(201);
    return opened.body.id as string;
  };
  const move = (caseId: string, body: Record<string, unknown>) =>
    w.call('aInvestigator', 'POST', `/cases/${caseId}/transitions`, body);
  const report = async (who: 'aInvestigator' | 'bSupervisor', from: string, to: string) => {
    const res = await w.call(who, 'GET', `/reports/unit?from=${from}&to=${to}`);
    expect(res.status).toBe(200);
    return res.body;
  };

  const order = (caseId: string, typeCode: string, issuedAt: string) =>
    w.call('aInvestigator', 'POST', `/cases/${caseId}/authorities`, {
      typeCode,
      court: 'Ontario Court of Justice, Sudbury',
      number: `PO-${typeCode}-${issuedAt.slice(0, 4)}`,
      issuedAt,
      documentSha256: sha(`${typeCode} ${issuedAt}`),
      scope: [{ ipRange: IP, startsAt: '2012-01-01T00:00:00Z', endsAt: '2012-01-02T00:00:00Z' }],
    });

  it('accepts a past move, shows both dates, and counts it in its own period', async () => {
    const before = await report('aInvestigator', '2015-03-01', '2015-03-31');
    const caseId = await openPast('A 2015 lead');
    const assessed = await move(caseId, { to: 'assessed', effectiveAt: '2015-03-03T14:00:00Z' });
    expect(assessed.status).toBe(200);
    const requested = await move(caseId, {
      to: 'legal_process_requested',
      effectiveAt: '2015-03-20T09:00:00Z',
    });
    expect(requested.status).toBe(200);
    const detail = await w.call('aInvestigator', 'GET', `/cases/${caseId}`);
    expect(detail.body.events).toEqual([
      expect.objectContaining({
        toState: 'lead',
        effectiveAt: '2015-02-02T10:00:00.000Z',
        at: '2026-04-01T12:00:00.000Z',
      }),
      expect.objectContaining({
        toState: 'assessed',
        effectiveAt: '2015-03-03T14:00:00.000Z',
        at: '2026-04-01T12:00:00.000Z',
      }),
      expect.objectContaining({
        toState: 'legal_process_requested',
        effectiveAt: '2015-03-20T09:00:00.000Z',
      }),
    ]);
    const march2015 = await report('aInvestigator', '2015-03-01', '2015-03-31');
    expect(march2015.subjectsPrioritised).toBe(before.subjectsPrioritised + 1);
    expect(march2015.legalProcessRequests).toBe(before.legalProcessRequests + 1);
    expect(march2015.investigationsOpen).toBe(before.investigationsOpen + 1);
    // Closed in 2015: open at the end of March, no longer at the end of the year.
    const closed = await move(caseId, {
      to: 'closed',
      disposition: 'no_offence',
      effectiveAt: '2015-06-30T16:00:00Z',
    });
    expect(closed.status).toBe(200);
    const year = await report('aInvestigator', '2015-01-01', '2015-12-31');
    expect(year.closedByDisposition.no_offence).toBe(1);
    expect(year.investigationsOpen).toBe(before.investigationsOpen);
    expect((await report('aInvestigator', '2015-03-01', '2015-03-31')).investigationsOpen).toBe(
      march2015.investigationsOpen,
    );
    // Nothing was counted in the period it was recorded in.
    const recorded = await report('aInvestigator', '2026-04-01', '2026-04-01');
    expect(recorded.legalProcessRequests).toBe(0);
    expect(recorded.closedByDisposition.no_offence).toBeUndefined();
  });

  it('refuses a move dated in the future, before the case was opened or before its latest move', async () => {
    const caseId = await openPast('Out of order');
    expect(
      refused(await move(caseId, { to: 'assessed', effectiveAt: '2026-04-02T12:00:00Z' })),
    ).toEqual(['effectiveAt']);
    const early = await move(caseId, { to: 'assessed', effectiveAt: '2015-01-15T12:00:00Z' });
    expect(refused(early)).toEqual(['effectiveAt']);
    expect(early.text).toContain('before the case was opened');
    expect(
      (await move(caseId, { to: 'assessed', effectiveAt: '2015-05-01T12:00:00Z' })).status,
    ).toBe(200);
    const behind = await move(caseId, {
      to: 'legal_process_requested',
      effectiveAt: '2015-04-01T12:00:00Z',
    });
    expect(refused(behind)).toEqual(['effectiveAt']);
    expect(behind.text).toContain("before the case's latest move");
    // Nothing moved.
    expect((await w.call('aInvestigator', 'GET', `/cases/${caseId}`)).body.state).toBe('assessed');
  });

  it('dates a referral and its acceptance in the past, and checks the decision against the referral', async () => {
    const caseId = await openPast('Referred in 2015');
    const outBefore = await report('aInvestigator', '2015-04-01', '2015-04-30');
    const inBefore = await report('bSupervisor', '2015-05-01', '2015-05-31');
    const futureRefer = await w.call('aInvestigator', 'POST', `/cases/${caseId}/referrals`, {
      toOrganisationCode: w.orgs.b.code,
      reason: 'The subscriber lives in your area',
      effectiveAt: '2027-01-01T00:00:00Z',
    });
    expect(refused(futureRefer)).toEqual(['effectiveAt']);
    const referral = await w.call('aInvestigator', 'POST', `/cases/${caseId}/referrals`, {
      toOrganisationCode: w.orgs.b.code,
      reason: 'The subscriber lives in your area',
      effectiveAt: '2015-04-10T10:00:00Z',
    });
    expect(referral.status).toBe(201);
    expect(referral.body).toMatchObject({
      effectiveAt: '2015-04-10T10:00:00.000Z',
      createdAt: '2026-04-01T12:00:00.000Z',
    });
    const id = referral.body.id as string;
    const early = await w.call('bSupervisor', 'POST', `/referrals/${id}/accept`, {
      effectiveAt: '2015-04-09T10:00:00Z',
    });
    expect(refused(early)).toEqual(['effectiveAt']);
    expect(early.text).toContain('before the referral was made');
    const accepted = await w.call('bSupervisor', 'POST', `/referrals/${id}/accept`, {
      effectiveAt: '2015-05-04T10:00:00Z',
    });
    expect(accepted.status).toBe(201);
    expect(accepted.body.receivedAt).toBe('2015-05-04T10:00:00.000Z');
    expect((await report('aInvestigator', '2015-04-01', '2015-04-30')).casesReferredOut).toBe(
      outBefore.casesReferredOut + 1,
    );
    expect((await report('bSupervisor', '2015-05-01', '2015-05-31')).casesReferredIn).toBe(
      inBefore.casesReferredIn + 1,
    );
  });

  it('dates a declined referral: the case returns to its state on the decision date', async () => {
    const caseId = await openPast('Declined in 2015');
    const referral = await w.call('aInvestigator', 'POST', `/cases/${caseId}/referrals`, {
      toOrganisationCode: w.orgs.b.code,
      reason: 'The subscriber lives in your area',
      effectiveAt: '2015-04-10T10:00:00Z',
    });
    const id = referral.body.id as string;
    const future = await w.call('bSupervisor', 'POST', `/referrals/${id}/decline`, {
      reason: 'Not ours',
      effectiveAt: '2026-04-01T12:05:00Z',
    });
    expect(refused(future)).toEqual(['effectiveAt']);
    const declined = await w.call('bSupervisor', 'POST', `/referrals/${id}/decline`, {
      reason: 'Not ours',
      effectiveAt: '2015-04-20T10:00:00Z',
    });
    expect(declined.status).toBe(200);
    expect(declined.body.decisionEffectiveAt).toBe('2015-04-20T10:00:00.000Z');
    const events = (await w.call('aInvestigator', 'GET', `/cases/${caseId}`)).body.events as Array<{
      toState: string;
      effectiveAt: string;
    }>;
    expect(events.at(-1)).toMatchObject({
      toState: 'lead',
      effectiveAt: '2015-04-20T10:00:00.000Z',
    });
  });

  describe('the production order before 10 March 2015 (Criminal Code s. 487.012, 2004)', () => {
    it('is listed with its statute and dates in force', async () => {
      const types = await w.call('aInvestigator', 'GET', '/legal-authority-types');
      expect(types.body).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            code: 'production_order_2004',
            statute: 'Criminal Code s. 487.012 (S.C. 2004, c. 3)',
            inForceTo: '2015-03-10',
            authorizesIdentity: true,
          }),
        ]),
      );
    });

    it('takes a 2012 order of type 487.012 and refuses a 2012 order under 487.014', async () => {
      const caseId = await openPast('Order of 2012', '2012-01-05T10:00:00Z');
      expect((await order(caseId, 'production_order_2004', '2012-02-01T10:00:00Z')).status).toBe(
        201,
      );
      expect(await order(caseId, 'production_order', '2012-02-01T10:00:00Z').then(refused)).toEqual(
        ['typeCode'],
      );
      // The last day of the old order, and the first of the new one.
      expect((await order(caseId, 'production_order_2004', '2015-03-09T23:00:00Z')).status).toBe(
        201,
      );
      expect(
        await order(caseId, 'production_order_2004', '2015-03-10T09:00:00Z').then(refused),
      ).toEqual(['typeCode']);
    });

    it('takes a 2016 order under 487.014 and refuses a 2016 order of type 487.012', async () => {
      const caseId = await openPast('Order of 2016', '2016-01-05T10:00:00Z');
      expect((await order(caseId, 'production_order', '2016-02-01T10:00:00Z')).status).toBe(201);
      expect(
        await order(caseId, 'production_order_2004', '2016-02-01T10:00:00Z').then(refused),
      ).toEqual(['typeCode']);
    });
  });
});
