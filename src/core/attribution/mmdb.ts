import { readFileSync } from 'node:fs';
import { Reader } from 'maxmind';
import { GeoDatabaseError } from '#shared/errors.js';

/** A MaxMind DB (.mmdb) whose every failure is a GeoDatabaseError naming the file. */
export class SafeMmdb {
  private constructor(
    readonly path: string,
    readonly databaseType: string,
    private readonly reader: Reader<Record<string, unknown>>,
  ) {}

  /** Opens and checks a database file; throws GeoDatabaseError when it is missing or corrupt. */
  static open(path: string): SafeMmdb {
    try {
      const reader = new Reader<Record<string, unknown>>(readFileSync(path), {
        cache: boundedCache(50_000),
      });
      const type = reader.metadata.databaseType;
      if (typeof type !== 'string') throw new Error('metadata has no database_type');
      return new SafeMmdb(path, type, reader);
    } catch (error) {
      throw wrap(path, 'cannot open', error);
    }
  }

  /** The record for a canonical IP, or null; throws GeoDatabaseError when the data is corrupt. */
  get(ip: string): Record<string, unknown> | null {
    // An IPv4-only database (DB-IP ships one file per family) has no answer for IPv6.
    if (this.reader.metadata.ipVersion === 4 && ip.includes(':')) return null;
    try {
      const value = this.reader.get(ip);
      if (value !== null && (typeof value !== 'object' || Array.isArray(value))) {
        throw new Error('record is not a map');
      }
      return value;
    } catch (error) {
      throw wrap(this.path, `lookup of ${ip} failed`, error);
    }
  }
}

function wrap(path: string, what: string, error: unknown): GeoDatabaseError {
  if (error instanceof GeoDatabaseError) return error;
  // A cyclic or deeply nested record overflows the reader's recursion: report it as corruption.
  const reason =
    error instanceof RangeError
      ? 'corrupt data (recursion too deep)'
      : ((error as Error)?.message ?? String(error));
  return new GeoDatabaseError(
    `Geolocation database ${path}: ${what}: ${reason}`,
    [{ path, reason }],
    { cause: error },
  );
}

// The reader decodes a record anew on every look-up; caching by data offset makes repeated cities
// and networks cheap. Cleared when full rather than LRU: simple and bounded.
function boundedCache(max: number) {
  const map = new Map<number, unknown>();
  return {
    get: (key: number) => map.get(key),
    set: (key: number, value: unknown) => {
      if (map.size >= max) map.clear();
      map.set(key, value);
    },
  };
}
