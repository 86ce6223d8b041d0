import { formatUtcDay, listOr, plural } from '#shared/wording.js';
import type { FactorDefinition } from './factors.schema.js';
import { distinctSorted, normaliseLabel, type FactorOutcome } from './factor-outcome.js';
import { observationIdsOf, type EvidenceView } from './evidence-view.js';
import { halfLifeDecay, logScale } from './scale.js';

type Def<T extends FactorDefinition['type']> = Extract<FactorDefinition, { type: T }>;

const DAY_MS = 86_400_000;

/** How each evidence kind reads in a sentence. */
const SEEN_AS: Record<string, string> = {
  query_hit: 'query hits',
  browse_host: 'browse-host listings',
  swarm_announce: 'swarm announces',
  download_verified: 'verified downloads',
};

/** Known files seen with given evidence kinds (verified download = possession; hits = advertising). */
export function knownFilesByEvidenceKind(
  def: Def<'known_files_by_evidence_kind'>,
  view: EvidenceView,
): FactorOutcome | undefined {
  const files = view.knownFiles
    .map((f) => ({
      ...f,
      observations: f.observations.filter((o) => def.evidenceKinds.includes(o.evidenceKind)),
    }))
    .filter((f) => f.observations.length > 0);
  if (files.length === 0) return undefined;
  return {
    strength: logScale(files.length, def.saturation),
    reason: `${plural(files.length, 'known file')} seen in ${listOr(def.evidenceKinds.map((k) => SEEN_AS[k] ?? k))}`,
    evidenceIds: observationIdsOf(files),
  };
}

/** Distinct UTC days on which the subject was seen with known material (persistence). */
export function distinctDaysActive(
  def: Def<'distinct_days_active'>,
  view: EvidenceView,
): FactorOutcome | undefined {
  const observations = view.knownFiles.flatMap((f) => f.observations);
  const days = distinctSorted(
    observations.map((o) => new Date(o.observedAt).toISOString().slice(0, 10)),
  );
  if (days.length === 0) return undefined;
  return {
    strength: logScale(days.length, def.saturation),
    reason:
      days.length === 1
        ? `active with known material on 1 day (${formatUtcDay(days[0]!)})`
        : `active with known material on ${plural(days.length, 'distinct day')} (${formatUtcDay(days[0]!)} to ${formatUtcDay(days.at(-1)!)})`,
    evidenceIds: observationIdsOf(view.knownFiles),
  };
}

/** How recently the subject was seen with known material, decaying with a half-life. */
export function recency(def: Def<'recency'>, view: EvidenceView): FactorOutcome | undefined {
  const observations = view.knownFiles.flatMap((f) => f.observations);
  if (observations.length === 0) return undefined;
  const latest = observations.reduce((a, b) =>
    Date.parse(b.observedAt) > Date.parse(a.observedAt) ||
    (b.observedAt === a.observedAt && b.id < a.id)
      ? b
      : a,
  );
  const ageDays = (view.asOfMs - Date.parse(latest.observedAt)) / DAY_MS;
  const days = Math.max(0, Math.floor(ageDays));
  return {
    strength: halfLifeDecay(ageDays, def.halfLifeDays),
    reason:
      days === 0
        ? `last seen with known material on ${formatUtcDay(latest.observedAt)}, the day of the latest evidence`
        : `last seen with known material on ${formatUtcDay(latest.observedAt)}, ${plural(days, 'day')} before the latest evidence (${formatUtcDay(view.evidence.asOf)})`,
    evidenceIds: [latest.id],
  };
}

/** A linked CyberTip of a given incident type (e.g. online enticement of children). */
export function tipIncidentType(
  def: Def<'tip_incident_type'>,
  view: EvidenceView,
): FactorOutcome | undefined {
  const wanted = new Set(def.incidentTypes.map(normaliseLabel));
  const tips = view.evidence.tips.filter((t) => wanted.has(normaliseLabel(t.incidentType)));
  if (tips.length === 0) return undefined;
  return {
    strength: 1,
    reason: `CyberTip incident type ${distinctSorted(tips.map((t) => t.incidentType)).join(', ')}`,
    evidenceIds: distinctSorted(tips.map((t) => t.id)),
  };
}

/** A linked CyberTip carrying a given report or file annotation (e.g. possible self-production). */
export function tipAnnotation(
  def: Def<'tip_annotation'>,
  view: EvidenceView,
): FactorOutcome | undefined {
  const wanted = new Set(def.annotations.map(normaliseLabel));
  const hits: Array<{ id: string; label: string }> = [];
  for (const tip of view.evidence.tips) {
    if (def.scope !== 'file') {
      const labels = tip.reportAnnotations.filter((a) => wanted.has(normaliseLabel(a)));
      hits.push(...labels.map((label) => ({ id: tip.id, label })));
    }
    if (def.scope !== 'report') {
      for (const file of tip.files) {
        const labels = file.fileAnnotations.filter((a) => wanted.has(normaliseLabel(a)));
        hits.push(...labels.map((label) => ({ id: file.id, label })));
      }
    }
  }
  if (hits.length === 0) return undefined;
  return {
    strength: 1,
    reason: `CyberTip annotation ${distinctSorted(hits.map((h) => h.label)).join(', ')}`,
    evidenceIds: distinctSorted(hits.map((h) => h.id)),
  };
}

/** A sex offender registry match that an agency recorded for the subject. */
export function registryMatch(view: EvidenceView): FactorOutcome | undefined {
  const match = view.evidence.registryMatch;
  if (!match?.isMatch) return undefined;
  return { strength: 1, reason: 'registry match recorded', evidenceIds: [match.evidenceId] };
}
