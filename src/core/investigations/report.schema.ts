import { z } from 'zod';
import { Day } from './cases.schema.js';

/** A reporting period (whole UTC days, both ends included) and optionally another agency. */
export const UnitReportQuerySchema = z
  .object({
    from: Day,
    to: Day,
    agency: z
      .string()
      .regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,39}$/)
      .optional(),
  })
  .refine((v) => v.from <= v.to, { message: 'from must not be after to', path: ['to'] });
export type UnitReportQuery = z.infer<typeof UnitReportQuerySchema>;

export const UnitReportSchema = z.object({
  agency: z.object({ code: z.string(), name: z.string() }),
  from: z.string(),
  to: z.string(),
  /** Cases opened in the period from subjects or CyberTips (referrals received are apart). */
  leadsReceived: z.number().int(),
  /** Distinct subjects of cases assessed in the period. */
  subjectsPrioritised: z.number().int(),
  /** Moves to legal_process_requested in the period. */
  legalProcessRequests: z.number().int(),
  warrantsExecuted: z.number().int(),
  arrests: z.number().int(),
  charges: z.object({
    total: z.number().int(),
    byOffence: z.array(
      z.object({
        code: z.string(),
        section: z.string(),
        label: z.string(),
        count: z.number().int(),
      }),
    ),
  }),
  /** Referrals sent in the period and not declined or withdrawn. */
  casesReferredOut: z.number().int(),
  /** Referrals accepted from other agencies in the period. */
  casesReferredIn: z.number().int(),
  victimsIdentified: z.number().int(),
  childrenSafeguarded: z.number().int(),
  /** Cases closed in the period as diverted to counselling. */
  referralsToCounselling: z.number().int(),
  closedByDisposition: z.record(z.string(), z.number().int()),
  /** Cases neither closed nor referred out at the end of the period. */
  investigationsOpen: z.number().int(),
  /** Median days from a lead's receipt to its first warrant executed in the period. */
  medianDaysLeadToWarrant: z.number().nullable(),
});
export type UnitReport = z.infer<typeof UnitReportSchema>;
