import { ValidationError } from '#shared/errors.js';
import { zodIssues } from '#shared/zod-error.js';
import { assessAttribution } from './attribution.js';
import { viewOf } from './evidence-view.js';
import { RuleSetDefinitionSchema, type RuleSetDefinition } from './factors.schema.js';
import { Rule } from './rule.js';
import type { SubjectScore } from './score.schema.js';
import { round2 } from './scale.js';
import { zeroScoreCauseOf } from './zero-score-cause.js';
import type { SubjectEvidence } from './subject-evidence.js';

export type { SubjectScore } from './score.schema.js';

/** A versioned set of scoring rules built from a serialised definition; building validates it. */
export class RuleSet {
  private constructor(
    private readonly definition: RuleSetDefinition,
    private readonly rules: Rule[],
  ) {}

  /**
   * Builds a rule set; throws ValidationError with `{ path, reason }` details for a bad definition.
   *
   * @example
   * const ruleSet = RuleSet.fromDefinition(DEFAULT_RULE_SET);
   * const { score, matched } = ruleSet.evaluate(evidence);
   */
  static fromDefinition(input: unknown): RuleSet {
    const parsed = RuleSetDefinitionSchema.safeParse(input);
    if (!parsed.success) {
      throw new ValidationError('invalid rule set definition', zodIssues(parsed.error));
    }
    return new RuleSet(
      parsed.data,
      parsed.data.rules.map((r) => Rule.fromDefinition(r)),
    );
  }

  /** The rule set's version, recorded with every score. */
  get version(): number {
    return this.definition.version;
  }

  /** Scores one subject's evidence: a pure function of the evidence and this rule set. */
  evaluate(evidence: SubjectEvidence): SubjectScore {
    const view = viewOf(evidence);
    const matched = this.rules.flatMap((rule) => rule.evaluate(view) ?? []);
    const score = round2(matched.reduce((sum, m) => sum + m.points, 0));
    return {
      isAssessment: true,
      subjectKey: evidence.subjectKey,
      score,
      maxScore: round2(this.rules.reduce((sum, r) => sum + r.weight, 0)),
      ruleSetVersion: this.definition.version,
      matched,
      attribution: assessAttribution(evidence, this.definition.attribution),
      ...(score === 0 ? { zeroScoreCause: zeroScoreCauseOf(view) } : {}),
    };
  }

  /** The definition this rule set was built from (a deep copy), for storage and audit. */
  serialize(): RuleSetDefinition {
    return structuredClone(this.definition);
  }
}

/** Ranks scores for the queue: threat first, then attribution, then subject key (stable). */
export function compareScores(x: SubjectScore, y: SubjectScore): number {
  return (
    y.score - x.score ||
    y.attribution.confidence.value - x.attribution.confidence.value ||
    (x.subjectKey < y.subjectKey ? -1 : x.subjectKey > y.subjectKey ? 1 : 0)
  );
}
