import { z } from 'zod';

/** One IP capture event of a reported person (login, upload...), as the ESP reported it. */
export const IpCaptureEventSchema = z.object({
  ip: z.string().min(1),
  dateTime: z.coerce.date().nullish(),
  port: z.number().int().min(1).max(65535).nullish(),
  /** The ESP's own `possibleProxy` hint: such an address never links by IP. */
  possibleProxy: z.boolean().nullish(),
});
export type IpCaptureEvent = z.infer<typeof IpCaptureEventSchema>;

/** A device identifier reported for a person (idType + idValue). */
export const DeviceIdSchema = z.object({ idType: z.string().min(1), idValue: z.string().min(1) });
export type DeviceId = z.infer<typeof DeviceIdSchema>;

/** One `personOrUserReported` of a CyberTip, reduced to the identifiers that link. */
export const TipPersonSchema = z.object({
  espService: z.string().nullish(),
  screenNames: z.array(z.string()).default([]),
  emails: z.array(z.string()).default([]),
  ipCaptureEvents: z.array(IpCaptureEventSchema).default([]),
  deviceIds: z.array(DeviceIdSchema).default([]),
});
export type TipPerson = z.infer<typeof TipPersonSchema>;

/** NCMEC industry classification: A = prepubescent, B = pubescent; 1 = sex act, 2 = lascivious. */
export const IndustryClassificationSchema = z.enum(['A1', 'A2', 'B1', 'B2']);

/** One `fileDetails` of a CyberTip (hashes and annotations only, never content). */
export const TipFileSchema = z.object({
  fileId: z.string().min(1),
  md5: z
    .string()
    .regex(/^[0-9a-f]{32}$/)
    .nullish(),
  fileAnnotations: z.array(z.string()).default([]),
  industryClassification: IndustryClassificationSchema.nullish(),
});
export type TipFile = z.infer<typeof TipFileSchema>;

/** A CyberTipline report as stored by the intake. */
export const CyberTipRowSchema = z.object({
  reportId: z.string().min(1),
  incidentType: z.string(),
  reportAnnotations: z.array(z.string()).default([]),
  persons: z.array(TipPersonSchema).default([]),
  files: z.array(TipFileSchema).default([]),
});
export type CyberTipRow = z.infer<typeof CyberTipRowSchema>;

/** The node reference of a person of a tip, used by linking and analyst decisions. */
export function tipPersonRef(reportId: string, personIndex: number): string {
  return `tip:${reportId}#${personIndex}`;
}

/** The node reference of an observation, used by linking and analyst decisions. */
export function observationRef(observationId: string): string {
  return `obs:${observationId}`;
}
