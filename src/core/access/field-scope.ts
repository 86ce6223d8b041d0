import { z } from 'zod';
import { ValidationError } from '#shared/errors.js';

/**
 * The field scope of a case shared with another agency (a share of type 'case', or a referral):
 * which sections of the case the recipient sees, in every view and export (case detail, lead
 * package JSON and PDF, identities, notes). docs/INVESTIGATIONS.md lists what each word covers.
 */
export const CASE_FIELDS = [
  'summary',
  'subjects',
  'workflow',
  'authorities',
  'identities',
  'evidence',
  'warrants',
  'outcomes',
  'tasks',
  'notes',
] as const;
export type CaseField = (typeof CASE_FIELDS)[number];

/** Shared only where named: never part of a default scope. */
export const EXPLICIT_CASE_FIELDS: readonly CaseField[] = ['identities', 'notes'];

/** The scope of a share or a referral that names none: everything but identities and notes. */
export const DEFAULT_CASE_FIELDS: readonly CaseField[] = CASE_FIELDS.filter(
  (f) => !EXPLICIT_CASE_FIELDS.includes(f),
);

/** A field scope as given in a request (normalised by `caseFieldScope`). */
export const CaseFieldScopeSchema = z.array(z.enum(CASE_FIELDS)).max(CASE_FIELDS.length);

/** What one actor may see of one case; the owner (and the CLI operator) sees every field. */
export type FieldScope = ReadonlySet<CaseField>;
export const ALL_CASE_FIELDS: FieldScope = new Set(CASE_FIELDS);

/**
 * A field scope in its stored form: known words only (ValidationError naming the others, at
 * `path`), 'summary' always included (a case that is visible at all shows its summary), no
 * duplicates, in vocabulary order. `undefined` gives the default scope.
 */
export function caseFieldScope(words: readonly string[] | undefined, path: string): CaseField[] {
  const given = words ?? DEFAULT_CASE_FIELDS;
  const unknown = given.filter((w) => !(CASE_FIELDS as readonly string[]).includes(w));
  if (unknown.length > 0) {
    throw new ValidationError(
      'Unknown field scope',
      unknown.map((w) => ({ path, reason: `${w} is not one of ${CASE_FIELDS.join(', ')}` })),
    );
  }
  return CASE_FIELDS.filter((f) => f === 'summary' || given.includes(f));
}

/** The fields of `scope` in vocabulary order (the stored and displayed form). */
export function fieldList(scope: FieldScope): CaseField[] {
  return CASE_FIELDS.filter((f) => scope.has(f));
}

/** The fields in both scopes (a narrower request never widens what the actor may see). */
export function intersectFields(a: FieldScope, b: Iterable<CaseField>): FieldScope {
  return new Set([...b].filter((f) => a.has(f)));
}
