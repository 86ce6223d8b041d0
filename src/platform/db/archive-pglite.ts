import { existsSync, mkdirSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import type { DatabaseDumper, DatabaseLoader } from '#core/backup/backup.ports.js';
import { openDatabase, pgliteParsers, type Db } from './client.js';
import { lockDataDir } from './lock.js';

/**
 * PGlite's own dump of the open embedded database (its data directory as a gzipped tarball). The
 * command holds the data-directory lock, so nothing writes between the facts and the dump.
 */
export function pgliteDumper(pglite: PGlite, db: Db): DatabaseDumper {
  return {
    engine: 'pglite',
    async dump(read) {
      const facts = await read(db);
      const blob = await pglite.dumpDataDir('gzip');
      return { facts, dump: Buffer.from(await blob.arrayBuffer()) };
    },
  };
}

/** Loads a PGlite dump into a data directory (PGlite's loadDataDir), under the directory lock. */
export function pgliteLoader(dataDir: string, clock: { now: () => Date }): DatabaseLoader {
  const holdsDatabase = () => existsSync(join(dataDir, 'PG_VERSION'));
  return {
    engine: 'pglite',
    target: `data directory ${dataDir}`,
    hasData: () => Promise.resolve(holdsDatabase()),
    async load(dump, { replace }) {
      if (replace && holdsDatabase()) {
        // Never deleted: the replaced database is moved aside, next to the directory.
        const lock = lockDataDir(dataDir);
        lock.release();
        renameSync(
          dataDir,
          `${dataDir}.replaced-${clock.now().toISOString().replace(/[:.]/g, '-')}`,
        );
      }
      mkdirSync(dataDir, { recursive: true });
      const lock = lockDataDir(dataDir);
      try {
        const pglite = await PGlite.create({
          dataDir,
          loadDataDir: new Blob([new Uint8Array(dump)]),
          parsers: pgliteParsers(),
        });
        await pglite.close();
      } finally {
        lock.release();
      }
    },
    open: async () => {
      const handle = await openDatabase({ kind: 'pglite', dataDir });
      return { db: handle.db, close: handle.close };
    },
  };
}
