import type {
  EvidenceMatch,
  EvidenceObservation,
  EvidenceTip,
  SubjectEvidence,
} from '#core/scoring/engine/subject-evidence.js';

/** A synthetic engine observation (defaults: file f1, query hit, clean address with jurisdiction). */
export function evObs(
  id: string,
  overrides: Partial<EvidenceObservation> = {},
): EvidenceObservation {
  return {
    id,
    observedAt: '2024-01-01T00:00:00.000Z',
    network: 'gnutella',
    evidenceKind: 'query_hit',
    fileKey: `sha1:${id}`,
    ip: '142.51.17.9',
    port: 6346,
    flags: [],
    hasJurisdiction: true,
    ...overrides,
  };
}

/** A synthetic known match of an observation. */
export function evMatch(
  observationId: string,
  overrides: Partial<EvidenceMatch> = {},
): EvidenceMatch {
  return {
    observationId,
    hashSetId: 'hs1',
    hashSetVersion: '1',
    kind: 'known',
    categoryScheme: null,
    categoryCode: null,
    series: null,
    victimIdentified: null,
    ...overrides,
  };
}

/** A synthetic CyberTip as the engine sees it. */
export function evTip(reportId: string, overrides: Partial<EvidenceTip> = {}): EvidenceTip {
  return {
    id: `tip:${reportId}`,
    incidentType: 'Child Pornography (possession, manufacture, and distribution)',
    reportAnnotations: [],
    files: [],
    ipEvents: [],
    hasAccountIdentifiers: false,
    ...overrides,
  };
}

/** A synthetic subject evidence (asOf 2024-01-01, no rows, cohesion 1). */
export function evidence(overrides: Partial<SubjectEvidence> = {}): SubjectEvidence {
  return {
    subjectKey: 'sub_test',
    asOf: '2024-01-01T00:00:00.000Z',
    observations: [],
    matches: [],
    tips: [],
    registryMatch: null,
    linkCohesion: 1,
    ...overrides,
  };
}
