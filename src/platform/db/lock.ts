import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataDirLockedError } from '#shared/errors.js';

export type DataDirLock = { path: string; release: () => void };

/**
 * Takes an exclusive lock on a PGlite data directory: two processes on one PGlite directory
 * silently lose acknowledged writes. The lock file holds the owner's PID; a lock whose owner is
 * dead is taken over, a live owner's lock never is. Throws DataDirLockedError naming the PID.
 */
export function lockDataDir(dataDir: string, pid: number = process.pid): DataDirLock {
  mkdirSync(dataDir, { recursive: true });
  const path = join(dataDir, 'vigil.lock');
  for (let attempt = 0; attempt < 5; attempt++) {
    try {
      writeFileSync(path, `${pid}\n`, { flag: 'wx', mode: 0o600 });
      return { path, release: () => releaseIfOwned(path, pid) };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const holder = readHolder(path);
    if (holder !== undefined && holder !== pid && isAlive(holder)) {
      throw new DataDirLockedError(
        `The data directory ${dataDir} is locked by PID ${holder}. Stop that process first, or use another --data-dir.`,
        { holderPid: holder, dataDir },
      );
    }
    takeOverStale(path, holder);
  }
  throw new DataDirLockedError(
    `Could not lock the data directory ${dataDir}: it keeps changing hands.`,
  );
}

// Move the stale file aside under a unique name first, so that of two processes racing for a
// stale lock only one removes it; the other finds the winner's fresh lock on its next attempt.
function takeOverStale(path: string, expectedHolder: number | undefined): void {
  const aside = `${path}.stale-${process.pid}-${Date.now()}`;
  try {
    renameSync(path, aside);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  const moved = readHolder(aside);
  if (moved !== expectedHolder && moved !== undefined && isAlive(moved)) {
    // We moved a lock that a live process took in between: put it back.
    renameSync(aside, path);
    return;
  }
  rmSync(aside, { force: true });
}

function readHolder(path: string): number | undefined {
  try {
    const pid = Number.parseInt(readFileSync(path, 'utf8').trim(), 10);
    return Number.isSafeInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function releaseIfOwned(path: string, pid: number): void {
  if (readHolder(path) === pid) rmSync(path, { force: true });
}
