import { ValidationError } from '#shared/errors.js';
import { zodIssues } from '#shared/zod-error.js';
import { evaluateFactor } from './factor.js';
import type { EvidenceView } from './evidence-view.js';
import { RuleDefinitionSchema, type RuleDefinition } from './factors.schema.js';
import { round2 } from './scale.js';
import type { RuleMatch } from './score.schema.js';

export type { RuleMatch } from './score.schema.js';

/** A scoring rule built from its serialised definition; building validates it. */
export class Rule {
  private constructor(private readonly definition: RuleDefinition) {}

  /**
   * Builds a rule from a definition; throws ValidationError with `{ path, reason }` details.
   *
   * @example
   * Rule.fromDefinition({ id: 'registry', description: 'Registry match', weight: 5, factor: { type: 'registry_match' } })
   */
  static fromDefinition(input: unknown): Rule {
    const parsed = RuleDefinitionSchema.safeParse(input);
    if (!parsed.success) {
      throw new ValidationError('invalid rule definition', zodIssues(parsed.error));
    }
    return new Rule(parsed.data);
  }

  /** The rule's id. */
  get id(): string {
    return this.definition.id;
  }

  /** The points this rule can earn at most. */
  get weight(): number {
    return this.definition.weight;
  }

  /** Evaluates the rule; undefined when the factor does not apply or earns no points. */
  evaluate(view: EvidenceView): RuleMatch | undefined {
    const outcome = evaluateFactor(this.definition.factor, view);
    if (!outcome) return undefined;
    const points = round2(this.definition.weight * outcome.strength);
    if (points <= 0) return undefined;
    return {
      ruleId: this.definition.id,
      weight: this.definition.weight,
      points,
      reason: outcome.reason,
      evidenceIds: outcome.evidenceIds,
    };
  }

  /** The definition this rule was built from (a deep copy). */
  serialize(): RuleDefinition {
    return structuredClone(this.definition);
  }
}
