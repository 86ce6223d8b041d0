/**
 * Valid bodies for the investigation routes that take one, so that the route matrix reaches the
 * object check (an unknown case, warrant, identity or referral answers 404) rather than validation.
 */
const JUSTIFICATION = {
  caseReference: 'C-1',
  purpose: 'investigation',
  text: 'route matrix probe',
};
const SHA = 'a'.repeat(64);

export const INVESTIGATION_BODIES: Record<string, unknown> = {
  'POST /api/cases/{id}/transitions': { to: 'assessed' },
  'PUT /api/cases/{id}/assignment': { investigatorId: null, supervisorId: null },
  'POST /api/cases/{id}/confirmations': { note: 'checked' },
  'PUT /api/cases/{id}/anonymiser-explanation': { text: 'explained' },
  'POST /api/cases/{id}/authorities': {
    typeCode: 'production_order',
    court: 'c',
    number: 'n',
    issuedAt: '2026-01-01T00:00:00Z',
    documentSha256: SHA,
    scope: [
      { ipRange: '192.0.2.1', startsAt: '2026-01-01T00:00:00Z', endsAt: '2026-01-02T00:00:00Z' },
    ],
  },
  'POST /api/cases/{id}/identities': {
    subjectKey: 'sub_00000000000000000000',
    authorityId: '00000000-0000-4000-8000-000000000000',
    ip: '192.0.2.1',
    observedAt: '2026-01-01T12:00:00Z',
    name: 'n',
    justification: JUSTIFICATION,
  },
  'POST /api/identities/{id}/reveal': { justification: JUSTIFICATION },
  'POST /api/cases/{id}/third-party-ips': {
    provider: 'p',
    basis: 'mandatory_report',
    records: [{ ip: '192.0.2.1', observedAt: '2026-01-01T12:00:00Z', event: 'login' }],
  },
  'POST /api/cases/{id}/warrants': { typeCode: 'search_warrant' },
  'POST /api/warrants/{id}/execution': {
    issuedAt: '2026-01-01T00:00:00Z',
    executedAt: '2026-01-02T00:00:00Z',
    result: 'nothing_found',
  },
  'POST /api/cases/{id}/arrests': { accusedRef: 'r', arrestedAt: '2026-01-01T00:00:00Z' },
  'POST /api/cases/{id}/charges': { laidOn: '2026-01-01', offences: ['cc151'] },
  'POST /api/cases/{id}/victims': {
    victimsIdentified: 1,
    childrenSafeguarded: 1,
    victimServicesRef: 'v',
    recordedOn: '2026-01-01',
  },
  'POST /api/cases/{id}/evidence': { description: 'd', sha256: SHA },
  'POST /api/cases/{id}/notes': { text: 't' },
  'POST /api/cases/{id}/tasks': { title: 't', dueOn: '2026-01-01' },
  'POST /api/cases/{id}/referrals': { toOrganisationCode: 'X', reason: 'r' },
  'POST /api/referrals/{id}/decline': { reason: 'r' },
  'POST /api/referrals/{id}/withdraw': { reason: 'r' },
  'POST /api/cases/{id}/package': { includeIdentities: false },
  'POST /api/cases/{id}/package/pdf': { includeIdentities: false },
};
