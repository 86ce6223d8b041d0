/**
 * Writes a lead package PDF of a synthetic case to the given path, to look at it as a receiving
 * investigator would (`pdftoppm -png`): `npx tsx scripts/sample-lead-package-pdf.ts out.pdf`.
 */
import { writeFileSync } from 'node:fs';
import type { LeadPackage } from '#core/investigations/lead-package.js';
import { renderLeadPackagePdf } from '#platform/pdf/lead-package-pdf.js';

const sha = (c: string) => c.repeat(64);
const pkg = {
  format: 'vigil.lead-package/1',
  generatedAt: '2026-04-01T16:00:00.000Z',
  notice:
    'Scores and priorities are assessments to guide triage, not findings of fact. Hash-only: no imagery or file content is included.',
  fieldScope: [
    'summary',
    'subjects',
    'authorities',
    'identities',
    'warrants',
    'outcomes',
    'evidence',
    'workflow',
  ],
  case: {
    id: '00000000-0000-4000-8000-000000000001',
    reference: 'C-2026-0007',
    title: 'BitTorrent distribution, Sudbury',
    state: 'charged',
    disposition: null,
    receivedAt: '2026-03-02T14:05:00.000Z',
    investigatorId: null,
    supervisorId: null,
    subjectKeys: ['sub_0123456789abcdef0123'],
  },
  subjects: [
    {
      subjectKey: 'sub_0123456789abcdef0123',
      agencyCode: 'ON-GSPS',
      firstSeen: '2026-02-11T02:14:00.000Z',
      lastSeen: '2026-03-14T18:30:05.000Z',
      observationCount: 41,
      tipPersonCount: 1,
      score: {
        isAssessment: true,
        ruleSetVersion: 2,
        score: 71.5,
        maxScore: 100,
        attribution: { level: 'high', confidence: 0.92, flags: ['cgnat'] },
        explanation: {
          matched: [
            {
              ruleId: 'category_severity',
              points: 25,
              reason: '12 files in the most severe category',
            },
            {
              ruleId: 'distribution_verified',
              points: 20,
              reason: '3 verified downloads from this peer',
            },
            { ruleId: 'volume', points: 14.5, reason: '38 distinct known files' },
            { ruleId: 'persistence', points: 12, reason: 'seen on 9 days over 31 days' },
          ],
        },
      },
    },
  ],
  legalAuthorities: [
    {
      id: 'a1',
      typeCode: 'production_order',
      court: 'Ontario Court of Justice, Sudbury',
      number: 'PO-17',
      issuedAt: '2026-03-18T15:00:00.000Z',
      expiresAt: '2026-04-17T15:00:00.000Z',
      documentSha256: sha('a'),
      supersedesId: null,
      scope: [
        {
          ipRange: '142.51.17.9/32',
          startsAt: '2026-03-14T00:00:00.000Z',
          endsAt: '2026-03-15T00:00:00.000Z',
        },
      ],
    },
  ],
  identities: [
    {
      id: 'i1',
      ip: '142.51.17.9',
      port: 51413,
      observedAt: '2026-03-14T18:30:05.000Z',
      authorityId: 'a1',
      name: '••••••',
    },
  ],
  warrants: [
    {
      id: 'w1',
      typeCode: 'search_warrant',
      soughtAt: '2026-03-20T13:00:00.000Z',
      readinessOverride: null,
      issuedAt: '2026-03-21T17:30:00.000Z',
      executedAt: '2026-03-27T10:00:00.000Z',
      result: 'evidence_seized',
    },
  ],
  outcomes: {
    arrests: [{ id: 'r1', accusedRef: 'RMS-2026-17', arrestedAt: '2026-03-27T11:00:00.000Z' }],
    charges: [
      {
        id: 'c1',
        arrestId: 'r1',
        offenceCode: 'cc163.1(4)',
        section: 's. 163.1(4)',
        label: 'Possession of child sexual abuse and exploitation material',
        laidOn: '2026-03-28',
      },
      {
        id: 'c2',
        arrestId: 'r1',
        offenceCode: 'cc163.1(4)',
        section: 's. 163.1(4)',
        label: 'Possession of child sexual abuse and exploitation material',
        laidOn: '2026-03-28',
      },
      {
        id: 'c3',
        arrestId: 'r1',
        offenceCode: 'cc163.1(3)',
        section: 's. 163.1(3)',
        label: 'Distribution of child sexual abuse and exploitation material',
        laidOn: '2026-03-28',
      },
    ],
  },
  evidence: [
    {
      id: 'e1',
      description: 'Forensic image of laptop',
      sha256: sha('b'),
      custodyRef: 'EXH-1',
      recordedAt: '2026-03-27T16:00:00.000Z',
    },
  ],
  readiness: {
    isComplete: true,
    items: [
      { id: 'observations_several_days', isMet: true, detail: '9 days with observations' },
      {
        id: 'times_in_utc_and_isp_zone',
        isMet: true,
        detail: '142.51.17.9: recorded in UTC and America/Toronto',
      },
    ],
  },
  events: [
    { seq: 1, at: '2026-03-02T14:05:00.000Z', fromState: null, toState: 'lead', disposition: null },
    {
      seq: 2,
      at: '2026-03-03T13:00:00.000Z',
      fromState: 'lead',
      toState: 'assessed',
      disposition: null,
    },
    {
      seq: 3,
      at: '2026-03-28T15:00:00.000Z',
      fromState: 'warrant_executed',
      toState: 'charged',
      disposition: null,
    },
  ],
} as unknown as LeadPackage;

const out = process.argv[2] ?? 'lead-package-sample.pdf';
const pdf = await renderLeadPackagePdf(pkg, undefined, {
  timeZone: 'America/Toronto',
  authorityLabels: {
    production_order: 'General production order',
    search_warrant: 'Search warrant',
  },
});
writeFileSync(out, pdf);
console.log(`wrote ${out}`);
