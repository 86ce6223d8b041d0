import { maxOf } from '#shared/collections.js';
import { viewOf } from '#core/scoring/engine/evidence-view.js';
import { compareScores, type SubjectScore } from '#core/scoring/engine/rule-set.js';
import type { SubjectEvidence } from '#core/scoring/engine/subject-evidence.js';

function byValueThenKey(rows: Array<{ key: string; value: number }>): string[] {
  return rows
    .sort((x, y) => y.value - x.value || (x.key < y.key ? -1 : x.key > y.key ? 1 : 0))
    .map((r) => r.key);
}

/** Baseline: most distinct known files first (what volume-based tools do); ties by key. */
export function rankByDistinctKnownFiles(subjects: readonly SubjectEvidence[]): string[] {
  return byValueThenKey(
    subjects.map((s) => ({ key: s.subjectKey, value: viewOf(s).knownFiles.length })),
  );
}

/** Baseline: most recently observed first (any observation); subjects never observed last. */
export function rankByMostRecent(subjects: readonly SubjectEvidence[]): string[] {
  return byValueThenKey(
    subjects.map((s) => ({
      key: s.subjectKey,
      value: maxOf(
        s.observations.map((o) => Date.parse(o.observedAt)),
        -Infinity,
      ),
    })),
  );
}

/** Vigil's ranking: threat score first, then attribution, then key (the queue order). */
export function rankByScore(scores: readonly SubjectScore[]): string[] {
  return [...scores].sort(compareScores).map((s) => s.subjectKey);
}
