import { ValidationError } from '#shared/errors.js';
import {
  distinctDaysActive,
  knownFilesByEvidenceKind,
  recency,
  registryMatch,
  tipAnnotation,
  tipIncidentType,
} from './behaviour-factors.js';
import type { EvidenceView } from './evidence-view.js';
import type { FactorOutcome } from './factor-outcome.js';
import type { FactorDefinition } from './factors.schema.js';
import { seriesConcentration, soleSourceUnmatched } from './pattern-factors.js';
import {
  categorySeverity,
  distinctKnownFiles,
  distinctSeries,
  seriesListed,
  unmatchedBesideKnown,
  victimIdentified,
} from './material-factors.js';

/** Evaluates one factor definition against a subject's evidence; undefined when it does not apply. */
export function evaluateFactor(
  def: FactorDefinition,
  view: EvidenceView,
): FactorOutcome | undefined {
  switch (def.type) {
    case 'unmatched_beside_known':
      return unmatchedBesideKnown(def, view);
    case 'sole_source_unmatched':
      return soleSourceUnmatched(def, view);
    case 'series_concentration':
      return seriesConcentration(def, view);
    case 'victim_identified':
      return victimIdentified(view);
    case 'series_listed':
      return seriesListed(def, view);
    case 'category_severity':
      return categorySeverity(def, view);
    case 'known_files_by_evidence_kind':
      return knownFilesByEvidenceKind(def, view);
    case 'distinct_known_files':
      return distinctKnownFiles(def, view);
    case 'distinct_series':
      return distinctSeries(def, view);
    case 'distinct_days_active':
      return distinctDaysActive(def, view);
    case 'recency':
      return recency(def, view);
    case 'tip_incident_type':
      return tipIncidentType(def, view);
    case 'tip_annotation':
      return tipAnnotation(def, view);
    case 'registry_match':
      return registryMatch(view);
    default:
      return unreachable(def);
  }
}

function unreachable(def: never): never {
  throw new ValidationError(`unknown factor ${JSON.stringify(def)}`);
}
