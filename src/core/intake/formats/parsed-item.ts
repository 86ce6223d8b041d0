import type { RawRecord } from '../p2p-record.js';

/** One record (or one unparseable record) read from an input file, with where it came from. */
export type ParsedItem =
  | { line: number; raw: string; record: RawRecord }
  | { line: number; raw: string; error: { field: string; reason: string } };

/** The header of a CSV file or the raw text of the item that failed, for quarantine. */
export type ParsedSource = AsyncIterable<ParsedItem> & { header?: () => string | null };
