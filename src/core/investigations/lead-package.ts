import type { FieldCipher } from '#core/crypto/field-cipher.port.js';
import type { Trx } from '#core/audit/audit.service.js';
import { toAuthorityView, scopesOf } from './authority-view.js';
import type { CaseRow } from './case-access.js';
import { subjectKeysOf, toSummary } from './case-view.js';
import { maskIdentity, revealIdentity } from './identity-view.js';
import { readinessOf } from './readiness-inputs.js';

export const LEAD_PACKAGE_FORMAT = 'vigil.lead-package/1';

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/**
 * A lead package: the case, its subjects with their evidence summary, attribution and score
 * explanation (an assessment, with its provenance), the legal process so far, warrants and the
 * readiness checklist. Identities are masked unless `cipher` is given (the caller checked step-up
 * and a justification).
 */
export async function buildLeadPackage(
  trx: Trx,
  row: CaseRow,
  now: Date,
  revealWith?: FieldCipher,
) {
  const keys = (await subjectKeysOf(trx, [row.id])).get(row.id) ?? [];
  const subjects =
    keys.length === 0
      ? []
      : await trx
          .selectFrom('subject')
          .selectAll()
          .where('key', 'in', keys)
          .orderBy('key')
          .execute();
  const scores =
    keys.length === 0
      ? []
      : await trx
          .selectFrom('subjectScore')
          .selectAll()
          .where('subjectKey', 'in', keys)
          .orderBy('ruleSetVersion', 'desc')
          .execute();
  const authorities = await trx
    .selectFrom('legalAuthority')
    .selectAll()
    .where('caseId', '=', row.id)
    .orderBy('recordedAt')
    .execute();
  const scopes = await scopesOf(
    trx,
    authorities.map((a) => a.id),
  );
  const identities = await trx
    .selectFrom('subscriberIdentity')
    .selectAll()
    .where('caseId', '=', row.id)
    .orderBy('recordedAt')
    .execute();
  const evidence = await trx
    .selectFrom('evidenceRef')
    .select(['id', 'description', 'sha256', 'custodyRef', 'recordedAt'])
    .where('caseId', '=', row.id)
    .orderBy('recordedAt')
    .execute();
  const warrants = await trx
    .selectFrom('warrant')
    .select(['id', 'typeCode', 'soughtAt', 'readinessOverride', 'issuedAt', 'executedAt', 'result'])
    .where('caseId', '=', row.id)
    .orderBy('soughtAt')
    .execute();
  const events = await trx
    .selectFrom('caseEvent')
    .select(['seq', 'at', 'fromState', 'toState', 'disposition'])
    .where('caseId', '=', row.id)
    .orderBy('seq')
    .execute();
  return {
    format: LEAD_PACKAGE_FORMAT,
    generatedAt: now.toISOString(),
    notice:
      'Scores and priorities are assessments to guide triage, not findings of fact. Hash-only: no imagery or file content is included.',
    case: toSummary(row, keys),
    subjects: subjects.map((s) => {
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
    }),
    legalAuthorities: authorities.map((a) =>
      toAuthorityView(
        a,
        scopes.filter((s) => s.authorityId === a.id),
        now,
      ),
    ),
    identities: identities.map((i) =>
      revealWith ? revealIdentity(i, revealWith) : maskIdentity(i),
    ),
    evidence: evidence.map((e) => ({ ...e, recordedAt: e.recordedAt.toISOString() })),
    warrants: warrants.map((w) => ({
      ...w,
      soughtAt: w.soughtAt.toISOString(),
      issuedAt: w.issuedAt?.toISOString() ?? null,
      executedAt: w.executedAt?.toISOString() ?? null,
    })),
    readiness: await readinessOf(trx, row),
    events: events.map((e) => ({ ...e, at: e.at.toISOString() })),
  };
}

export type LeadPackage = Awaited<ReturnType<typeof buildLeadPackage>>;

/** The port that renders a lead package as a PDF (src/platform/pdf provides it). */
export type LeadPackageRenderer = (pkg: LeadPackage) => Promise<Uint8Array>;
