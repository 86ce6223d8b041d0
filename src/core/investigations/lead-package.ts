import { fieldList, type FieldScope } from '#core/access/field-scope.js';
import type { FieldCipher } from '#core/crypto/field-cipher.port.js';
import type { Trx } from '#core/audit/audit.service.js';
import { toAuthorityView, scopesOf } from './authority-view.js';
import type { CaseRow } from './case-access.js';
import { scopedSummary, subjectKeysOf } from './case-view.js';
import { maskIdentity, revealIdentity } from './identity-view.js';
import { openNote } from './notes.js';
import { hasReadiness, readinessOf } from './readiness-inputs.js';

export const LEAD_PACKAGE_FORMAT = 'vigil.lead-package/1';

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** What the package reads and how: its field scope and, to reveal identities, the key. */
export type PackageOptions = {
  fields: FieldScope;
  /** Reveals identities (the caller checked step-up and a justification); masked without it. */
  revealWith?: FieldCipher | undefined;
  /** Opens the notes (only read with the `notes` field). */
  cipher?: FieldCipher | undefined;
};

/**
 * A lead package: the case, its subjects with their evidence summary, attribution and score
 * explanation (an assessment, with its provenance), the legal process so far, identities,
 * evidence references, warrants, the readiness checklist, the workflow's events and notes, each
 * section only when its field is in `fields` (`fieldScope` lists them; a missing section was not
 * disclosed). Identities are masked unless `revealWith` is given.
 */
export async function buildLeadPackage(trx: Trx, row: CaseRow, now: Date, options: PackageOptions) {
  const { fields } = options;
  const has = fields.has.bind(fields);
  const keys = (await subjectKeysOf(trx, [row.id])).get(row.id) ?? [];
  return {
    format: LEAD_PACKAGE_FORMAT,
    generatedAt: now.toISOString(),
    notice:
      'Scores and priorities are assessments to guide triage, not findings of fact. Hash-only: no imagery or file content is included.',
    fieldScope: fieldList(fields),
    case: scopedSummary(row, keys, fields),
    ...(has('subjects') ? { subjects: await subjectsOf(trx, keys) } : {}),
    ...(has('authorities') ? { legalAuthorities: await authoritiesOf(trx, row.id, now) } : {}),
    ...(has('identities')
      ? { identities: await identitiesOf(trx, row.id, options.revealWith) }
      : {}),
    ...(has('evidence') ? { evidence: await evidenceOf(trx, row.id) } : {}),
    ...(has('warrants') ? { warrants: await warrantsOf(trx, row.id) } : {}),
    ...(has('outcomes') ? { outcomes: await outcomesOf(trx, row.id) } : {}),
    ...(hasReadiness(fields) ? { readiness: await readinessOf(trx, row) } : {}),
    ...(has('workflow') ? { events: await eventsOf(trx, row.id) } : {}),
    ...(has('notes') ? { notes: await notesOf(trx, row.id, options.cipher) } : {}),
  };
}

export type LeadPackage = Awaited<ReturnType<typeof buildLeadPackage>>;

/** What a PDF of a package as sent adds: the SHA-256 of its JSON text and when it was sent. */
export type PackageSeal = { sha256: string; sentAt: string; frozenAt: string };

/** How the reader's agency reads a PDF: its time zone and the legal authority types' labels. */
export type PackageView = { timeZone: string; authorityLabels: Record<string, string> };

/** The port that renders a lead package as a PDF (src/platform/pdf provides it). */
export type LeadPackageRenderer = (
  pkg: LeadPackage,
  seal: PackageSeal | undefined,
  view: PackageView,
) => Promise<Uint8Array>;

async function subjectsOf(trx: Trx, keys: string[]) {
  // Guard against an invalid `in ()` for a case opened from a CyberTip.
  if (keys.length === 0) return [];
  const subjects = await trx
    .selectFrom('subject')
    .selectAll()
    .where('key', 'in', keys)
    .orderBy('key')
    .execute();
  const scores = await trx
    .selectFrom('subjectScore')
    .selectAll()
    .where('subjectKey', 'in', keys)
    .orderBy('ruleSetVersion', 'desc')
    .execute();
  return subjects.map((s) => {
    const score = scores.find((sc) => sc.subjectKey === s.key);
    return {
      subjectKey: s.key,
      agencyCode: s.agencyCode,
      firstSeen: s.firstSeen?.toISOString() ?? null,
      lastSeen: s.lastSeen?.toISOString() ?? null,
      observationCount: s.observationCount,
      tipPersonCount: s.tipPersonCount,
      score: score
        ? {
            isAssessment: true,
            ruleSetVersion: score.ruleSetVersion,
            score: score.score,
            maxScore: score.maxScore,
            attribution: {
              level: score.attributionLevel,
              confidence: score.attributionConfidence,
              flags: score.attributionFlags,
            },
            explanation: parseJson(score.explanation),
          }
        : null,
    };
  });
}

async function authoritiesOf(trx: Trx, caseId: string, now: Date) {
  const authorities = await trx
    .selectFrom('legalAuthority')
    .selectAll()
    .where('caseId', '=', caseId)
    .orderBy('recordedAt')
    .execute();
  const scopes = await scopesOf(
    trx,
    authorities.map((a) => a.id),
  );
  return authorities.map((a) =>
    toAuthorityView(
      a,
      scopes.filter((s) => s.authorityId === a.id),
      now,
    ),
  );
}

async function identitiesOf(trx: Trx, caseId: string, revealWith: FieldCipher | undefined) {
  const identities = await trx
    .selectFrom('subscriberIdentity')
    .selectAll()
    .where('caseId', '=', caseId)
    .orderBy('recordedAt')
    .execute();
  return identities.map((i) => (revealWith ? revealIdentity(i, revealWith) : maskIdentity(i)));
}

async function evidenceOf(trx: Trx, caseId: string) {
  const evidence = await trx
    .selectFrom('evidenceRef')
    .select(['id', 'description', 'sha256', 'custodyRef', 'recordedAt'])
    .where('caseId', '=', caseId)
    .orderBy('recordedAt')
    .execute();
  return evidence.map((e) => ({ ...e, recordedAt: e.recordedAt.toISOString() }));
}

async function warrantsOf(trx: Trx, caseId: string) {
  const warrants = await trx
    .selectFrom('warrant')
    .select(['id', 'typeCode', 'soughtAt', 'readinessOverride', 'issuedAt', 'executedAt', 'result'])
    .where('caseId', '=', caseId)
    .orderBy('soughtAt')
    .execute();
  return warrants.map((w) => ({
    ...w,
    soughtAt: w.soughtAt.toISOString(),
    issuedAt: w.issuedAt?.toISOString() ?? null,
    executedAt: w.executedAt?.toISOString() ?? null,
  }));
}

/** A case's charges with the offence wording in force when laid, in the order they were laid. */
export function caseCharges(trx: Trx, caseId: string) {
  return trx
    .selectFrom('charge')
    .innerJoin('offence', (j) =>
      j
        .onRef('offence.code', '=', 'charge.offenceCode')
        .onRef('offence.inForceFrom', '=', 'charge.offenceFrom'),
    )
    .select([
      'charge.id',
      'charge.arrestId',
      'charge.offenceCode',
      'offence.section',
      'offence.label',
      'charge.laidOn',
    ])
    .where('charge.caseId', '=', caseId)
    .orderBy('charge.laidOn')
    .orderBy('charge.offenceCode')
    .orderBy('charge.id')
    .execute();
}

/** Arrests (records-management reference only) and charges with the wording recorded. */
async function outcomesOf(trx: Trx, caseId: string) {
  const arrests = await trx
    .selectFrom('arrest')
    .select(['id', 'personRef', 'arrestedAt'])
    .where('caseId', '=', caseId)
    .orderBy('arrestedAt')
    .execute();
  const charges = await caseCharges(trx, caseId);
  return {
    arrests: arrests.map((a) => ({
      id: a.id,
      accusedRef: a.personRef,
      arrestedAt: a.arrestedAt.toISOString(),
    })),
    charges,
  };
}

async function eventsOf(trx: Trx, caseId: string) {
  const events = await trx
    .selectFrom('caseEvent')
    .select(['seq', 'at', 'effectiveAt', 'fromState', 'toState', 'disposition'])
    .where('caseId', '=', caseId)
    .orderBy('seq')
    .execute();
  return events.map((e) => ({
    ...e,
    at: e.at.toISOString(),
    effectiveAt: e.effectiveAt.toISOString(),
  }));
}

async function notesOf(trx: Trx, caseId: string, cipher: FieldCipher | undefined) {
  const notes = await trx
    .selectFrom('caseNote')
    .select(['id', 'createdAt', 'body'])
    .where('caseId', '=', caseId)
    .orderBy('createdAt')
    .execute();
  return notes.map((n) => ({
    id: n.id,
    createdAt: n.createdAt.toISOString(),
    text: openNote(cipher, n.body),
  }));
}
