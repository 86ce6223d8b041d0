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
 * lockout and TOTP replay protection. Always does one Argon2 verify. An account whose TOTP an
 * administrator reset (no secret) is checked on its password alone: the caller opens nothing but
 * a credentials session for it. Returns the user as updated on success; on failure records it
 * (counter and lock in one statement) and sets note.outcome = 'failure' so that it still commits.
 *
 * Atomic under concurrent requests: the success is one conditional UPDATE (the step must be later
 * than the last used one, the account unlocked, its credentials those just checked), so one code
 * opens at most one session; each failure increments the counter in the database.
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
  const step =
    passwordOk && user.totpSecret !== null
      ? matchTotpStep(openTotp(deps, user.totpSecret), code, now)
      : null;
  // Wrong credentials and replayed codes count even while locked: every bad attempt shows.
  if (!passwordOk || (user.totpSecret !== null && step === null)) {
    await recordFailure(deps, trx, user.id, now, note);
    return fail(note, isLocked(deps, user, now) ? 'locked' : 'bad_credentials');
  }
  if (isReplay(user, step)) {
    await recordFailure(deps, trx, user.id, now, note);
    return fail(note, 'totp_replayed');
  }
  if (isLocked(deps, user, now)) return fail(note, 'locked');
  const updated = await users.recordCredentialSuccess(
    trx,
    user,
    step,
    now,
    deps.policy.lockout.autoReleaseMs,
  );
  if (updated) return updated;
  // The conditional update found the row changed since it was read: the code's step used by a
  // concurrent sign-in (a replay: counted), the account locked or disabled meanwhile (refused), or
  // its credentials reset meanwhile (counted).
  const current = await users.findById(trx, user.id);
  const replayed = current !== undefined && isReplay(current, step);
  if (!replayed && (current?.status !== 'active' || isLocked(deps, current, now))) {
    return fail(note, current?.status === 'active' ? 'locked' : 'disabled');
  }
  await recordFailure(deps, trx, user.id, now, note);
  return fail(note, replayed ? 'totp_replayed' : 'bad_credentials');
}

/** True when the code's step is not later than the last one used (no replay, R7). */
function isReplay(user: UserRow, step: number | null): boolean {
  return step !== null && user.totpLastStep !== null && step <= user.totpLastStep;
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
  userId: string,
  now: Date,
  note: AuditNote,
): Promise<void> {
  const row = await users.recordFailedLogin(trx, userId, now, deps.policy.lockout);
  if (row?.lockedAt && row.failedLogins >= deps.policy.lockout.threshold) {
    note.details.locked = true;
  }
}

function fail(note: AuditNote, reason: string): undefined {
  note.outcome = 'failure';
  note.details.reason = reason;
  return undefined;
}
