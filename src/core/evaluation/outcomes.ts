import { DISPOSITIONS, type Disposition } from '#core/investigations/workflow.js';
import type { GroundTruth, TruthSubject } from './evaluation.types.js';

/** What one case recorded, as the evaluation needs it (read by outcomes.read.ts). */
export type CaseOutcomeRow = {
  caseId: string;
  /** The subject keys the case was opened with (a later relink may have renamed them). */
  subjectKeys: string[];
  charges: number;
  arrests: number;
  victimsIdentified: number;
  /** Warrants executed (a result other than `not_executed`). */
  warrantsExecuted: number;
  /** The disposition of a closed case, else null. */
  disposition: Disposition | null;
};

/** Dispositions that say what the investigation found (not `referred`: another unit decides). */
const DECIDED: ReadonlySet<Disposition> = new Set(DISPOSITIONS.filter((d) => d !== 'referred'));

/**
 * A case's outcome, or null while it has none: an outcome is a charge, an arrest, identified
 * victims, an executed warrant or a deciding disposition. Positive: charged or arrested, or a
 * victim identified (docs/SCORING.md, "Real outcomes").
 */
export function outcomeOfCase(row: CaseOutcomeRow): TruthSubject | null {
  const known =
    row.charges > 0 ||
    row.arrests > 0 ||
    row.victimsIdentified > 0 ||
    row.warrantsExecuted > 0 ||
    (row.disposition !== null && DECIDED.has(row.disposition));
  if (!known) return null;
  return {
    isHighRisk:
      row.charges > 0 ||
      row.arrests > 0 ||
      row.victimsIdentified > 0 ||
      row.disposition === 'charged',
    childrenAtRisk: row.victimsIdentified,
  };
}

/**
 * The stored subjects a key now names: itself while stored, else, through the latest recorded
 * change of each vanished key (subject_key_change: merged, split or renamed), the stored keys its
 * nodes went to. Empty when the trail ends at no stored subject.
 */
export function currentKeys(
  key: string,
  changes: ReadonlyMap<string, readonly string[]>,
  isStored: (key: string) => boolean,
): string[] {
  const found = new Set<string>();
  const seen = new Set<string>();
  const todo = [key];
  while (todo.length > 0) {
    const next = todo.pop()!;
    if (seen.has(next)) continue;
    seen.add(next);
    if (isStored(next)) found.add(next);
    else todo.push(...(changes.get(next) ?? []));
  }
  return [...found].sort();
}

/** The outcomes as a ground truth over current subject keys, with what could not be placed. */
export type OutcomeTruth = {
  truth: GroundTruth;
  /** Cases with an outcome. */
  cases: number;
  /** Subject keys of those cases that lead to no stored subject (outside the agency, or gone). */
  unplacedKeys: number;
};

/**
 * Per current subject: positive when any of its cases is, victims summed over its cases (a case
 * counted once per subject even when two of its keys now name the same subject).
 */
export function outcomeTruth(
  rows: readonly CaseOutcomeRow[],
  changes: ReadonlyMap<string, readonly string[]>,
  isStored: (key: string) => boolean,
): OutcomeTruth {
  const truth = new Map<string, TruthSubject>();
  let cases = 0;
  let unplacedKeys = 0;
  for (const row of rows) {
    const outcome = outcomeOfCase(row);
    if (!outcome) continue;
    cases += 1;
    const keys = new Set<string>();
    for (const key of row.subjectKeys) {
      const now = currentKeys(key, changes, isStored);
      if (now.length === 0) unplacedKeys += 1;
      for (const k of now) keys.add(k);
    }
    for (const key of keys) {
      const before = truth.get(key);
      truth.set(key, {
        isHighRisk: (before?.isHighRisk ?? false) || outcome.isHighRisk,
        childrenAtRisk: (before?.childrenAtRisk ?? 0) + outcome.childrenAtRisk,
      });
    }
  }
  return { truth, cases, unplacedKeys };
}
