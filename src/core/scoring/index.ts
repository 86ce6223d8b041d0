/** @module Scoring: lead priority of subjects from their evidence, explained and versioned. */
export { DEFAULT_RULE_SET, RULE_SET_V1 } from './default-rule-set.js';
export { assessAttribution } from './engine/attribution.js';
export * from './engine/factors.schema.js';
export { Rule } from './engine/rule.js';
export { compareScores, RuleSet } from './engine/rule-set.js';
export * from './engine/score.schema.js';
export * from './engine/subject-evidence.js';
export { ZERO_SCORE_CAUSES, type ZeroScoreCause } from './engine/zero-score-cause.js';
export * from './category-policy.js';
export {
  buildSubjectEvidence,
  type BuildEvidenceOptions,
} from './evidence/build-subject-evidence.js';
