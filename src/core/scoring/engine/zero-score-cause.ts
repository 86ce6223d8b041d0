import type { EvidenceView } from './evidence-view.js';

/**
 * Why a subject scores 0, from its evidence: what its files were. Stored with the score so the
 * queue can say it per subject instead of one general sentence.
 */
export const ZERO_SCORE_CAUSES = [
  'no_files',
  'only_benign_files',
  'only_unmatched_files',
  'only_non_lead_categories',
  'no_lead_material',
  'no_rule_matched',
] as const;
export type ZeroScoreCause = (typeof ZERO_SCORE_CAUSES)[number];

/** The cause of a zero score (call it only for a score of 0). */
export function zeroScoreCauseOf(view: EvidenceView): ZeroScoreCause {
  const { files } = view;
  if (files.length === 0) return 'no_files';
  if (view.knownFiles.length > 0) return 'no_rule_matched';
  if (files.every((f) => f.isBenign)) return 'only_benign_files';
  if (files.every((f) => f.isUnmatched)) return 'only_unmatched_files';
  if (files.every((f) => f.isNonLead)) return 'only_non_lead_categories';
  // A mix of benign, unmatched and not-lead files, and none known.
  return 'no_lead_material';
}
