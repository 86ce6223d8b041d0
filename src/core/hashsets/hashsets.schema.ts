import { z } from 'zod';
import { CATEGORY_SCHEMES } from './categories.js';
import { FORMATS } from './formats/types.js';
import { MAX_PDQ_DISTANCE } from './matching/pdq-index.js';

/** How to read and store one imported file (CLI flags and HTTP query parameters). */
export const ImportOptionsSchema = z.object({
  /** Detected from the first bytes when absent. */
  format: z.enum(FORMATS).optional(),
  /** The set's name (default: the file name without its extension); re-importing a name makes a new version. */
  name: z.string().trim().min(1).max(200).optional(),
  /**
   * known or benign: required for md5sum, sha1sum, sha256sum, hashdeep and PDQ lists, which do not
   * say what they hold; VICS is known unless stated, NSRL is always benign.
   */
  kind: z.enum(['known', 'benign']).optional(),
  /** Override the category scheme (e.g. dhs for legacy exports, ncmec for A1/A2/B1/B2). */
  scheme: z.enum(CATEGORY_SCHEMES).optional(),
  /** One category for every entry of a flat list. */
  category: z.string().trim().min(1).max(64).optional(),
  /** Reject the whole file when any row is rejected. */
  isStrict: z.boolean().optional(),
  /** UK/CAID numeric code -> grade for this import (overrides the installation's map). */
  caidCategoryMap: z.record(z.string(), z.string()).optional(),
});
export type ImportOptions = z.infer<typeof ImportOptionsSchema>;

/** The same options as HTTP query strings. */
export const ImportQuerySchema = ImportOptionsSchema.omit({
  isStrict: true,
  caidCategoryMap: true,
}).extend({
  strict: z.enum(['true', 'false']).optional(),
  fileName: z.string().trim().min(1).max(255).optional(),
});

export const RowErrorSchema = z.object({
  position: z.string(),
  field: z.string(),
  reason: z.string(),
});

/** What an import did, counted in hash entries (a VICS Media with MD5 + SHA1 is two entries). */
export const ImportSummarySchema = z
  .object({
    hashSetId: z.string(),
    name: z.string(),
    kind: z.enum(['known', 'benign']),
    format: z.string(),
    version: z.number().int(),
    isChanged: z.boolean(),
    imported: z.number().int(),
    updated: z.number().int(),
    duplicates: z.number().int(),
    rejected: z.number().int(),
    removed: z.number().int(),
    skipped: z.number().int(),
    emptyFileHashes: z.number().int(),
    errors: z.array(RowErrorSchema),
    isErrorListTruncated: z.boolean(),
  })
  .meta({ id: 'HashSetImportSummary' });
export type ImportSummary = z.infer<typeof ImportSummarySchema>;

export const HashSetViewSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    kind: z.enum(['known', 'benign']),
    activeVersion: z.number().int().nullable(),
    format: z.string().nullable(),
    sourceFileName: z.string().nullable(),
    entryCount: z.number().int(),
    activatedAt: z.string().nullable(),
  })
  .meta({ id: 'HashSet' });
export type HashSetView = z.infer<typeof HashSetViewSchema>;

/** Hashes to look up: hex (type by length), `type:hex`, `urn:sha1:<base32>`, `urn:btih:`, `urn:btmh:1220…`, `pdq:<hex>`. */
export const MatchRequestSchema = z.object({
  hashes: z.array(z.string().trim().min(1).max(200)).min(1).max(10_000),
  pdqMaxDistance: z.number().int().min(0).max(MAX_PDQ_DISTANCE).optional(),
});
export type MatchRequest = z.infer<typeof MatchRequestSchema>;

export const MatchViewSchema = z.object({
  hashType: z.string(),
  hashSetId: z.string(),
  hashSetName: z.string(),
  hashSetVersion: z.number().int(),
  kind: z.enum(['known', 'benign']),
  categoryScheme: z.string().nullable(),
  categoryCode: z.string().nullable(),
  categoryLabel: z.string().nullable(),
  /**
   * Whether this entry makes a lead: false for benign entries and for known entries in a not-lead
   * category (GET /api/hashsets/category-policy), which are shown but never scored.
   */
  isLead: z.boolean(),
  series: z.string().nullable(),
  victimIdentified: z.boolean().nullable(),
  isDistributed: z.boolean().nullable(),
  distance: z.number().int().optional(),
  matchedHash: z.string().optional(),
});
export type MatchView = z.infer<typeof MatchViewSchema>;

/** One input's verdict: known (a known set matched), benign (only benign sets), none, empty_file, invalid. */
export const MatchResultSchema = z
  .object({
    input: z.string(),
    status: z.enum(['known', 'benign', 'none', 'empty_file', 'invalid']),
    reason: z.string().optional(),
    /** The known entry that takes precedence (see docs/HASHSETS.md), or null. */
    primary: MatchViewSchema.nullable(),
    matches: z.array(MatchViewSchema),
    benign: z.array(MatchViewSchema),
    isAlsoBenign: z.boolean(),
  })
  .meta({ id: 'HashMatchResult' });
export type MatchResult = z.infer<typeof MatchResultSchema>;

export const MatchResponseSchema = z.object({
  generation: z.number().int(),
  results: z.array(MatchResultSchema),
});

/** One line of the category policy: does a known match in this category make a lead? */
export const CategoryPolicyLineSchema = z.object({
  scheme: z.string(),
  schemeName: z.string(),
  code: z.string(),
  label: z.string(),
  decision: z.enum(['lead', 'not_lead']),
  /** As sentences and the lead package word it: "VICS US 4 (Comparison)". */
  text: z.string(),
});

/**
 * Which hash-set categories make a lead (docs/HASHSETS.md): matches in a not-lead category are
 * stored and shown but earn no points; codes not listed, and uncategorised known entries, follow
 * `otherwise`.
 */
export const CategoryPolicySchema = z
  .object({
    lines: z.array(CategoryPolicyLineSchema),
    otherwise: z.enum(['lead', 'not_lead']),
  })
  .meta({ id: 'CategoryPolicy' });
export type CategoryPolicy = z.infer<typeof CategoryPolicySchema>;
