import { plural } from '#shared/wording.js';
import type { FactorDefinition } from './factors.schema.js';
import { distinctSorted, type FactorOutcome } from './factor-outcome.js';
import { observationIdsOf, type EvidenceView, type FileFacts } from './evidence-view.js';

type Def<T extends FactorDefinition['type']> = Extract<FactorDefinition, { type: T }>;

const percent = (share: number) => `${Math.round(share * 100)}%`;
const clamp01 = (x: number) => Math.min(1, Math.max(0, x));

/**
 * Files in no hash set that (almost) no other subject was seen with, beside known material: the
 * pattern of new material before it circulates. Strength grows with their share of the subject's
 * files, so a large collection's stray unmatched files do not earn what a producer's do.
 */
export function soleSourceUnmatched(
  def: Def<'sole_source_unmatched'>,
  view: EvidenceView,
): FactorOutcome | undefined {
  const counts = view.evidence.fileSubjectCounts;
  if (!counts || view.knownFiles.length < def.minKnownFiles) return undefined;
  const files = view.unmatchedFiles.filter(
    (f) =>
      (counts[f.fileKey] ?? Infinity) <= def.maxSharingSubjects &&
      f.observations.some((o) => def.evidenceKinds.includes(o.evidenceKind)),
  );
  if (files.length < def.minFiles) return undefined;
  const share = files.length / view.files.length;
  return {
    strength: clamp01(share / def.fullShare),
    reason:
      `${plural(files.length, 'file')} in no hash set ${def.maxSharingSubjects === 1 ? 'that no other subject shared' : `that at most ${plural(def.maxSharingSubjects, 'subject')} shared`}, ` +
      `${percent(share)} of ${plural(view.files.length, 'file')}, beside ${plural(view.knownFiles.length, 'known file')}: ` +
      'possible new or self-produced material, to be reviewed',
    evidenceIds: observationIdsOf([...files, ...view.knownFiles]),
  };
}

/**
 * Known material concentrated on few series (a collection focused on particular victims rather
 * than a broad one): the share of known files in the subject's `topSeries` most frequent series.
 */
export function seriesConcentration(
  def: Def<'series_concentration'>,
  view: EvidenceView,
): FactorOutcome | undefined {
  if (view.knownFiles.length < def.minKnownFiles) return undefined;
  const bySeries = new Map<string, FileFacts[]>();
  for (const file of view.knownFiles) {
    // A file in several series (several sets) counts for the first, in name order.
    const series = distinctSorted(
      file.knownMatches.flatMap((m) => (m.series ? [m.series] : [])),
    )[0];
    if (series === undefined) continue;
    bySeries.set(series, [...(bySeries.get(series) ?? []), file]);
  }
  const top = [...bySeries.entries()]
    .sort(([a, x], [b, y]) => y.length - x.length || (a < b ? -1 : 1))
    .slice(0, def.topSeries);
  const files = top.flatMap(([, f]) => f);
  const share = files.length / view.knownFiles.length;
  const strength = clamp01((share - def.floorShare) / (def.fullShare - def.floorShare));
  if (strength <= 0) return undefined;
  return {
    strength,
    reason: `${files.length} of ${plural(view.knownFiles.length, 'known file')} (${percent(share)}) from ${plural(top.length, 'series', 'series')}: ${top.map(([name]) => name).join(', ')}`,
    evidenceIds: observationIdsOf(files),
  };
}
