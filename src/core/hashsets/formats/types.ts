import type { HashEntryType } from '#platform/db/tables.js';

export const FORMATS = [
  'vics',
  'nsrl',
  'md5sum',
  'sha1sum',
  'sha256sum',
  'hashdeep',
  'pdq',
] as const;
export type HashSetFormat = (typeof FORMATS)[number];

/** One hash value of a record, already validated and lower-case. */
export type RecordHash = { type: HashEntryType; hex: string };

/** One accepted source record (a VICS Media, a list line, an NSRL row) and its attributes. */
export type ParsedRecord = {
  kind: 'record';
  /** Where in the file: `line 12`, `$.value[3]`, `DISTINCT_HASH row 7`. */
  position: string;
  hashes: RecordHash[];
  categoryScheme: string | null;
  categoryCode: string | null;
  series: string | null;
  victimIdentified: boolean | null;
  isDistributed: boolean | null;
  mediaId: string | null;
  pdqQuality: number | null;
};

/** A record that was not accepted: counted as rejected (or skipped), the rest of the file goes on. */
export type RowIssue = {
  kind: 'issue';
  position: string;
  field: string;
  reason: string;
  /** Skipped rows (PDQ quality below 50) are dropped by rule, not errors in the file. */
  isSkip?: boolean;
};

export type ParsedItem = ParsedRecord | RowIssue;

/** How categories in a file are read: the scheme to store with each code. */
export type CategoryOptions = {
  /** Force a scheme (e.g. `dhs` for a legacy export, `ncmec` for A1/A2/B1/B2 lists). */
  scheme?: string | undefined;
  /** One category for every entry of a flat list (md5sum, PDQ...). */
  category?: string | undefined;
  /** UK/CAID numeric code -> grade (their numeric codes are not public): `{ "1": "A" }`. */
  caidCategoryMap?: Record<string, string> | undefined;
};

/** A parser reads a byte stream and yields records and row issues; it throws on file-level errors. */
export type FormatParser = (
  input: AsyncIterable<Uint8Array>,
  options: CategoryOptions,
) => AsyncIterable<ParsedItem>;

/** A record with no attributes but its hashes (lists and NSRL). */
export function plainRecord(
  position: string,
  hashes: RecordHash[],
  options: CategoryOptions,
): ParsedRecord {
  return {
    kind: 'record',
    position,
    hashes,
    categoryScheme: options.category ? (options.scheme ?? 'custom') : null,
    categoryCode: options.category ?? null,
    series: null,
    victimIdentified: null,
    isDistributed: null,
    mediaId: null,
    pdqQuality: null,
  };
}
