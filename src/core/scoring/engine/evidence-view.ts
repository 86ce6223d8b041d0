import { groupBy } from '#shared/collections.js';
import { isLeadCategory } from '../category-policy.js';
import type { EvidenceMatch, EvidenceObservation, SubjectEvidence } from './subject-evidence.js';

/** One distinct file of a subject, with every observation and match behind it. */
export type FileFacts = {
  fileKey: string;
  observations: EvidenceObservation[];
  /** Known matches in lead categories (category-policy.ts); the only ones that score. */
  knownMatches: EvidenceMatch[];
  /** Known matches in not-lead categories (e.g. VICS US 0 Non-Pertinent, 4 Comparison). */
  nonLeadMatches: EvidenceMatch[];
  isBenign: boolean;
  /** In a known set in a lead category and not vouched for by a benign set. */
  isKnown: boolean;
  /** In known sets only in not-lead categories (and no benign set): shown, never scored. */
  isNonLead: boolean;
  /** In no hash set at all. */
  isUnmatched: boolean;
};

/** Facts derived once from a subject's evidence and shared by all factors. */
export type EvidenceView = {
  evidence: SubjectEvidence;
  files: FileFacts[];
  knownFiles: FileFacts[];
  nonLeadFiles: FileFacts[];
  unmatchedFiles: FileFacts[];
  asOfMs: number;
};

/**
 * Groups a subject's observations by file and classifies each file as known, benign, not-lead or
 * unmatched.
 */
export function viewOf(evidence: SubjectEvidence): EvidenceView {
  const matchesByObservation = groupBy(evidence.matches, (m) => m.observationId);
  const byFile = groupBy(evidence.observations, (o) => o.fileKey);
  const files = [...byFile.entries()]
    .sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0))
    .map(([fileKey, observations]): FileFacts => {
      const matches = observations.flatMap((o) => matchesByObservation.get(o.id) ?? []);
      const known = matches.filter((m) => m.kind === 'known');
      // A not-lead category (e.g. VICS US 4 Comparison) is not known abuse material: it is kept
      // with the file, but only lead-category matches make the file known.
      const knownMatches = known.filter((m) => isLeadCategory(m.categoryScheme, m.categoryCode));
      const nonLeadMatches = known.filter((m) => !isLeadCategory(m.categoryScheme, m.categoryCode));
      // A benign set vouching for a hash outweighs a known set: never score against a file a
      // benign list (e.g. NSRL) says is ordinary software or media.
      const isBenign = matches.some((m) => m.kind === 'benign');
      return {
        fileKey,
        observations,
        knownMatches,
        nonLeadMatches,
        isBenign,
        isKnown: knownMatches.length > 0 && !isBenign,
        isNonLead: knownMatches.length === 0 && nonLeadMatches.length > 0 && !isBenign,
        isUnmatched: matches.length === 0,
      };
    });
  return {
    evidence,
    files,
    knownFiles: files.filter((f) => f.isKnown),
    nonLeadFiles: files.filter((f) => f.isNonLead),
    unmatchedFiles: files.filter((f) => f.isUnmatched),
    asOfMs: Date.parse(evidence.asOf),
  };
}

/** The sorted, distinct observation ids behind some files. */
export function observationIdsOf(files: readonly FileFacts[]): string[] {
  return [...new Set(files.flatMap((f) => f.observations.map((o) => o.id)))].sort();
}
