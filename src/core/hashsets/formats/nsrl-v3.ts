import initSqlJs, { type Database as SqlJsDatabase } from 'sql.js';
import { PayloadTooLargeError, ValidationError } from '#shared/errors.js';
import { checkHex } from '../hash-values.js';
import { plainRecord, type CategoryOptions, type ParsedItem, type RecordHash } from './types.js';

/**
 * sql.js (SQLite compiled to WASM) reads a database from one in-memory buffer, so an RDSv3 file
 * is held whole while it is read; its rows are still streamed one at a time. Files over this cap
 * are refused with a clear error instead of exhausting memory.
 */
export const NSRL_V3_MAX_BYTES = 2 * 1024 ** 3;

export const SQLITE_MAGIC = 'SQLite format 3\u0000';

/**
 * NIST NSRL RDSv3: a SQLite database; reads the `DISTINCT_HASH(sha256, sha1, md5, crc32)` view,
 * or the `FILE` table when the view is missing (digests upper case in both).
 */
export async function* parseNsrlV3(
  input: AsyncIterable<Uint8Array>,
  options: CategoryOptions,
): AsyncIterable<ParsedItem> {
  const bytes = await collect(input, NSRL_V3_MAX_BYTES);
  const SQL = await initSqlJs();
  let db: SqlJsDatabase;
  try {
    db = new SQL.Database(bytes);
    db.exec('select 1 from sqlite_master limit 1');
  } catch (error) {
    throw fileError('not a readable SQLite database', error);
  }
  try {
    const source = pickSource(db);
    const statement = db.prepare(`select sha256, sha1, md5 from ${source}`);
    try {
      for (let row = 1; statement.step(); row++) {
        const [sha256, sha1, md5] = statement.get() as Array<string | null>;
        const position = `${source} row ${row}`;
        const hashes: RecordHash[] = [];
        let reason: { field: string; reason: string } | undefined;
        for (const [type, raw] of [
          ['sha256', sha256],
          ['sha1', sha1],
          ['md5', md5],
        ] as const) {
          if (raw === null || raw === undefined || raw === '') continue;
          const checked = checkHex(type, raw);
          if ('reason' in checked) reason ??= { field: type, reason: checked.reason };
          else hashes.push({ type, hex: checked.hex });
        }
        if (reason) yield { kind: 'issue', position, ...reason };
        else if (hashes.length === 0) {
          yield { kind: 'issue', position, field: 'row', reason: 'no digest' };
        } else yield plainRecord(position, hashes, options);
      }
    } finally {
      statement.free();
    }
  } finally {
    db.close();
  }
}

function pickSource(db: SqlJsDatabase): 'DISTINCT_HASH' | 'FILE' {
  const names = db.exec("select upper(name) from sqlite_master where type in ('table', 'view')");
  const found = new Set((names[0]?.values ?? []).map((v) => String(v[0])));
  if (found.has('DISTINCT_HASH')) return 'DISTINCT_HASH';
  if (found.has('FILE')) return 'FILE';
  throw fileError(
    'an RDSv3 database has a DISTINCT_HASH view or a FILE table; this one has neither',
  );
}

async function collect(input: AsyncIterable<Uint8Array>, max: number): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of input) {
    size += chunk.byteLength;
    if (size > max) throw new PayloadTooLargeError(`NSRL RDSv3 database over ${max} bytes`);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks, size);
}

function fileError(reason: string, cause?: unknown): ValidationError {
  return new ValidationError(`not an NSRL RDSv3 database: ${reason}`, [{ path: 'file', reason }], {
    cause,
  });
}
