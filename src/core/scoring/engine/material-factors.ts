import { maxOf } from '#shared/collections.js';
import { plural } from '#shared/wording.js';
import { categoryText } from '../category-policy.js';
import type { FactorDefinition } from './factors.schema.js';
import { distinctSorted, normaliseLabel, type FactorOutcome } from './factor-outcome.js';
import { observationIdsOf, type EvidenceView, type FileFacts } from './evidence-view.js';
import { logScale } from './scale.js';

type Def<T extends FactorDefinition['type']> = Extract<FactorDefinition, { type: T }>;

/** Files in no hash set shared beside known material: possibly new, possibly self-produced. */
export function unmatchedBesideKnown(
  def: Def<'unmatched_beside_known'>,
  view: EvidenceView,
): FactorOutcome | undefined {
  const unmatched = view.unmatchedFiles.filter((f) =>
    f.observations.some((o) => def.evidenceKinds.includes(o.evidenceKind)),
  );
  if (view.knownFiles.length < def.minKnownFiles || unmatched.length === 0) return undefined;
  return {
    strength: logScale(unmatched.length, def.saturation),
    reason: `${plural(unmatched.length, 'file')} in no hash set shared beside ${plural(view.knownFiles.length, 'known file')}: possible new or self-produced material, to be reviewed`,
    evidenceIds: observationIdsOf([...unmatched, ...view.knownFiles]),
  };
}

function filesWhere(view: EvidenceView, test: (file: FileFacts) => boolean): FileFacts[] {
  return view.knownFiles.filter(test);
}

/** Known material of a series whose victim has been identified (a real, underage child). */
export function victimIdentified(view: EvidenceView): FactorOutcome | undefined {
  const files = filesWhere(view, (f) => f.knownMatches.some((m) => m.victimIdentified === true));
  if (files.length === 0) return undefined;
  return {
    strength: 1,
    reason: `${plural(files.length, 'known file')} from series with an identified victim`,
    evidenceIds: observationIdsOf(files),
  };
}

/** Known material of series the agency lists (e.g. infant/toddler series). */
export function seriesListed(
  def: Def<'series_listed'>,
  view: EvidenceView,
): FactorOutcome | undefined {
  const wanted = new Set(def.series.map(normaliseLabel));
  const files = filesWhere(view, (f) =>
    f.knownMatches.some((m) => m.series !== null && wanted.has(normaliseLabel(m.series))),
  );
  if (files.length === 0) return undefined;
  const names = distinctSorted(
    files
      .flatMap((f) => f.knownMatches.map((m) => m.series ?? ''))
      .filter((s) => wanted.has(normaliseLabel(s))),
  );
  return {
    strength: 1,
    reason: `${plural(files.length, 'known file')} from listed series: ${names.join(', ')}`,
    evidenceIds: observationIdsOf(files),
  };
}

/** The most severe category among known matches and CyberTip file classifications. */
export function categorySeverity(
  def: Def<'category_severity'>,
  view: EvidenceView,
): FactorOutcome | undefined {
  const severity = new Map(def.severities.map((s) => [`${s.scheme}:${s.code}`, s.severity]));
  // `label` is the category as a reader knows it: "VICS US 1 (Child Abuse Material)".
  const graded: Array<{ id: string; label: string; value: number }> = [];
  for (const file of view.knownFiles) {
    for (const m of file.knownMatches) {
      const value = severity.get(`${m.categoryScheme}:${m.categoryCode}`);
      const label = categoryText(m.categoryScheme, m.categoryCode);
      if (value !== undefined) {
        // A loop, not push(...spread): one file may have been seen a million times.
        for (const o of file.observations) graded.push({ id: o.id, label, value });
      }
    }
  }
  for (const tip of view.evidence.tips) {
    for (const file of tip.files) {
      const code = file.industryClassification;
      const value = code ? severity.get(`ncmec:${code}`) : undefined;
      const label = categoryText('ncmec', code);
      if (value !== undefined) graded.push({ id: file.id, label, value });
    }
  }
  const top = maxOf(
    graded.map((g) => g.value),
    0,
  );
  if (top === 0) return undefined;
  const atTop = graded.filter((g) => g.value === top);
  return {
    strength: top,
    reason: `most severe category: ${distinctSorted(atTop.map((g) => g.label)).join(', ')}, severity ${top}`,
    evidenceIds: distinctSorted(atTop.map((g) => g.id)),
  };
}

/** Distinct known files, log-scaled: volume matters, with diminishing returns. */
export function distinctKnownFiles(
  def: Def<'distinct_known_files'>,
  view: EvidenceView,
): FactorOutcome | undefined {
  const n = view.knownFiles.length;
  if (n === 0) return undefined;
  return {
    strength: logScale(n, def.saturation),
    reason: plural(n, 'distinct known file'),
    evidenceIds: observationIdsOf(view.knownFiles),
  };
}

/** Distinct series among known files, log-scaled. */
export function distinctSeries(
  def: Def<'distinct_series'>,
  view: EvidenceView,
): FactorOutcome | undefined {
  const files = filesWhere(view, (f) =>
    f.knownMatches.some((m) => m.series !== null && m.series !== ''),
  );
  const series = distinctSorted(
    files.flatMap((f) =>
      f.knownMatches.flatMap((m) => (m.series ? [normaliseLabel(m.series)] : [])),
    ),
  );
  if (series.length === 0) return undefined;
  return {
    strength: logScale(series.length, def.saturation),
    reason: plural(series.length, 'distinct series', 'distinct series'),
    evidenceIds: observationIdsOf(files),
  };
}
