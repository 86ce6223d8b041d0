import { z } from 'zod';
import { BEHAVIOUR_TYPES, SCALES } from './behaviours.js';

const Span = { from: z.string(), to: z.string() };

/** Expected outcome of strictly reading one planted file. */
export const DirtyExpectationSchema = z.strictObject({
  /** Rows (CSV), Media (JSON) or documents (XML, whole-file JSON) that must be rejected. */
  rejected: z.number().int().nonnegative(),
  byReason: z.record(z.string(), z.number().int().positive()),
  /** Items that are valid and must be kept. */
  accepted: z.number().int().nonnegative(),
  /** Exact repeats of valid rows: counted as duplicates, not rejections. */
  duplicates: z.number().int().nonnegative(),
  /** Valid rows whose text starts with a formula character (export must escape them). */
  formulaCells: z.number().int().nonnegative(),
});

/** truth.json: the simulated world's ground truth, for evaluation only; the pipeline never reads it. */
export const TruthSchema = z.strictObject({
  format: z.literal('vigil-simulation-truth/1'),
  parameters: z.strictObject({
    seed: z.number().int(),
    scale: z.enum(SCALES),
    start: z.string(),
    days: z.number().int().positive(),
    dirty: z.boolean(),
    region: z.string(),
    regionAttribution: z.string(),
  }),
  subjects: z.array(
    z.strictObject({
      id: z.string(),
      type: z.enum(BEHAVIOUR_TYPES),
      handsOn: z.boolean(),
      producer: z.boolean(),
      childrenAtRisk: z.number().int().nonnegative(),
      municipality: z.string(),
      police: z.string(),
      isp: z.string(),
      asn: z.number().int(),
      addressing: z.enum(['dhcp', 'cgnat', 'ipv6']),
      libraryFiles: z.number().int().nonnegative(),
      knownFiles: z.number().int().nonnegative(),
      newFileMd5s: z.array(z.string()),
      observations: z.number().int().nonnegative(),
      screenName: z.string(),
      email: z.string(),
      installations: z.array(
        z.strictObject({
          id: z.string(),
          network: z.string(),
          clientId: z.string(),
          clientName: z.string(),
          port: z.number().int(),
          ...Span,
        }),
      ),
      ips: z.array(
        z.strictObject({
          ip: z.string(),
          ...Span,
          ports: z.tuple([z.number().int(), z.number().int()]).optional(),
          internalIp: z.string().optional(),
        }),
      ),
    }),
  ),
  torExits: z.array(
    z.strictObject({
      fingerprint: z.string(),
      ip: z.string(),
      asn: z.number().int(),
      isp: z.string(),
      country: z.string(),
      ...Span,
    }),
  ),
  tips: z.array(
    z.strictObject({
      reportId: z.string(),
      subjectId: z.string(),
      incidentType: z.string(),
      ips: z.array(z.string()),
      md5s: z.array(z.string()),
      files: z.array(z.string()),
    }),
  ),
  summary: z.strictObject({
    subjects: z.record(z.string(), z.number().int()),
    handsOnOffenders: z.number().int(),
    producers: z.number().int(),
    childrenAtRisk: z.number().int(),
    knownMedia: z.number().int(),
    benignHashes: z.number().int(),
    series: z.number().int(),
    newFiles: z.number().int(),
    observations: z.strictObject({
      rows: z.number().int(),
      byNetwork: z.record(z.string(), z.number().int()),
      byEvidenceKind: z.record(z.string(), z.number().int()),
      viaTor: z.number().int(),
      viaCgnat: z.number().int(),
    }),
  }),
  /** Every file written (relative path) with its item count (rows, Media, lines or documents). */
  files: z.record(z.string(), z.strictObject({ items: z.number().int().nonnegative() })),
  dirty: z.strictObject({ expected: z.record(z.string(), DirtyExpectationSchema) }).optional(),
});

export type Truth = z.infer<typeof TruthSchema>;
export type DirtyExpectation = z.infer<typeof DirtyExpectationSchema>;
