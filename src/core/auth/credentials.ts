import { randomBytes } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { Database } from '#platform/db/tables.js';
import type { AuditNote } from '#core/audit/audit.service.js';
import { UsersRepository, type UserRow } from '#core/users/users.repository.js';
import { openTotp, type SecurityDeps } from './auth.deps.js';
import { matchTotpStep } from './totp.js';

// A real Argon2id hash (same hasher, same cost) of a random string: unknown users cost the same
// verify as known ones.
const dummyHashes = new WeakMap<object, Promise<string>>();

const users = new UsersRepository();

/**
 * Checks password and TOTP for a (possibly missing) user inside the caller's transaction, applying
 * lockout and TOTP replay protection. Always does one Argon2 verify. Returns the user on success;
 * on failure records it (counter, lock) and sets note.outcome = 'failure' so it still commits.
 */
export async function checkCredentials(
  deps: SecurityDeps,
  trx: Transaction<Database>,
  note: AuditNote,
  user: UserRow | undefined,
  password: string,
  code: string,
): Promise<UserRow | undefined> {
  const now = deps.clock.now();
  let dummy = dummyHashes.get(deps.hasher);
  if (!dummy) {
    dummy = deps.hasher.hash(randomBytes(16).toString('hex'));
    dummyHashes.set(deps.hasher, dummy);
  }
  const passwordOk = await deps.hasher.verify(user?.passwordHash ?? (await dummy), password);
  if (!user) {
    note.outcome = 'failure';
    note.details.reason = 'bad_credentials';
    return undefined;
  }
  note.objectType = 'user';
  note.objectIds = [user.id];
  note.organisationId = user.organisationId;
  if (user.status !== 'active') return fail(note, 'disabled');
  if (isLocked(deps, user, now)) return fail(note, 'locked');
  const step = passwordOk ? matchTotpStep(openTotp(deps, user.totpSecret), code, now) : null;
  const replayed = step !== null && user.totpLastStep !== null && step <= user.totpLastStep;
  if (!passwordOk || step === null || replayed) {
    await recordFailure(deps, trx, user, now, note);
    return fail(note, replayed ? 'totp_replayed' : 'bad_credentials');
  }
  await users.update(trx, user.id, {
    failedLogins: 0,
    firstFailedAt: null,
    lockedAt: null,
    totpLastStep: step,
  });
  return user;
}

/** True when the account is locked and not (by policy) auto-released yet. */
export function isLocked(deps: SecurityDeps, user: UserRow, now: Date): boolean {
  if (!user.lockedAt) return false;
  const release = deps.policy.lockout.autoReleaseMs;
  return release === 0 || now.getTime() - user.lockedAt.getTime() < release;
}

async function recordFailure(
  deps: SecurityDeps,
  trx: Transaction<Database>,
  user: UserRow,
  now: Date,
  note: AuditNote,
): Promise<void> {
  const { threshold, windowMs } = deps.policy.lockout;
  const inWindow = user.firstFailedAt && now.getTime() - user.firstFailedAt.getTime() <= windowMs;
  const failed = inWindow ? user.failedLogins + 1 : 1;
  const lock = failed >= threshold;
  await users.update(trx, user.id, {
    failedLogins: failed,
    firstFailedAt: inWindow ? user.firstFailedAt : now,
    ...(lock ? { lockedAt: now } : {}),
  });
  if (lock) note.details.locked = true;
}

function fail(note: AuditNote, reason: string): undefined {
  note.outcome = 'failure';
  note.details.reason = reason;
  return undefined;
}
