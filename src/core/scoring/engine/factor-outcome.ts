/** What one factor found: its strength (0..1), why, and the evidence rows behind it. */
export type FactorOutcome = { strength: number; reason: string; evidenceIds: string[] };

/** Normalises labels so `possibleSelfProduction` and `Possible self-production` compare equal. */
export function normaliseLabel(label: string): string {
  return label.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/** Sorted distinct ids, so outputs are stable whatever the input order. */
export function distinctSorted(ids: Iterable<string>): string[] {
  return [...new Set(ids)].sort();
}
