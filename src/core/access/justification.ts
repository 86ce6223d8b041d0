import { z } from 'zod';
import { JustificationRequiredError } from '#shared/errors.js';
import { canonicalJson } from '#core/audit/canonical-json.js';

/** Purposes a consultation of identities, registry data or risk assessments may serve. */
export const PURPOSES = [
  'investigation',
  'victim_identification',
  'risk_management',
  'disclosure_to_partner',
  'court_preparation',
  'quality_review',
] as const;

/** A stated reason: case reference, a purpose from the list, and free text. */
export const JustificationSchema = z.strictObject({
  caseReference: z.string().trim().min(1).max(100),
  purpose: z.enum(PURPOSES),
  text: z.string().trim().min(10).max(1000),
});
export type Justification = z.infer<typeof JustificationSchema>;

/**
 * Returns the reason as the text that goes into the audit row; throws JustificationRequiredError
 * (428) when it is missing or incomplete, before anything is read.
 */
export function requireJustification(input: unknown): string {
  const parsed = JustificationSchema.safeParse(input);
  if (!parsed.success) {
    throw new JustificationRequiredError(
      'A justification (caseReference, purpose, text) is required for this consultation',
      parsed.error.issues.map((i) => ({ path: i.path.join('.'), reason: i.message })),
    );
  }
  return canonicalJson(parsed.data);
}
