import { sql } from 'kysely';
import type { Trx } from '#core/audit/audit.service.js';
import { ValidationError } from '#shared/errors.js';

/**
 * Dates of a case's records are checked against each other and against the clock: a record dated
 * in the future, a warrant executed before the case was opened or before it was sought, an arrest
 * before the offence period (the case's first observation) or charges laid before their arrest are
 * refused with the field named. The unit statistics then never show a negative interval. An
 * instant is compared with its bound to the minute (the forms record times to the minute).
 */
export type DateRule = {
  /** The request's field. */
  path: string;
  /** Its value (an instant, or a YYYY-MM-DD day). */
  at: Date | string | null | undefined;
  /** It must not be earlier than this (null: no bound), named in the reason. */
  notBefore?: { at: Date | string | null | undefined; what: string };
};

/** Milliseconds of a Date or an ISO instant/day (a day is its start, UTC). */
function msOf(value: Date | string): number {
  return value instanceof Date ? value.getTime() : Date.parse(value);
}

/** Throws one ValidationError listing every rule broken (the field named in each). */
export function assertDateOrder(now: Date, rules: readonly DateRule[]): void {
  const details: Array<{ path: string; reason: string }> = [];
  for (const rule of rules) {
    if (rule.at === null || rule.at === undefined) continue;
    const at = msOf(rule.at);
    // A day (YYYY-MM-DD) is in the future only once the whole day is ahead of today (UTC).
    const isDay = typeof rule.at === 'string' && rule.at.length === 10;
    const latest = isDay ? Date.parse(now.toISOString().slice(0, 10)) : now.getTime();
    if (at > latest) {
      if (!details.some((d) => d.path === rule.path)) {
        details.push({ path: rule.path, reason: 'is in the future' });
      }
      continue;
    }
    const bound = rule.notBefore;
    if (bound?.at === null || bound?.at === undefined) continue;
    // Compared to the minute: the forms record times to the minute.
    const earliest = Math.floor(msOf(bound.at) / 60_000) * 60_000;
    // A day is compared with the day of the bound.
    const comparable = isDay ? Date.parse(new Date(earliest).toISOString().slice(0, 10)) : earliest;
    if (at < comparable) details.push({ path: rule.path, reason: `is before ${bound.what}` });
  }
  if (details.length > 0) {
    throw new ValidationError(
      `Dates out of order: ${details.map((d) => `${d.path} ${d.reason}`).join('; ')}`,
      details,
    );
  }
}

/** The start of the offence period: the case's subjects' first observation (null without one). */
export async function offencePeriodStart(trx: Trx, caseId: string): Promise<Date | null> {
  const first = await sql<{ at: Date | null }>`
    select min(o.observed_at) as at
    from case_subject cs
    join subject_member m on m.subject_key = cs.subject_key
    join observation o on o.id = m.observation_id
    where cs.case_id = ${caseId}`.execute(trx);
  const at = first.rows[0]?.at;
  return at ? new Date(at) : null;
}

/**
 * The effective date of a workflow move on a case (a hand move, a referral or its end): the
 * `effectiveAt` given (a past event entered after the fact) or now. It may not lie in the future,
 * before the case was opened (its lead received) nor before the case's latest move, so the
 * workflow's history stays in order; `after` adds a bound (a referral's decision follows the
 * referral). ValidationError naming `path` otherwise.
 */
export async function effectiveDateOf(
  trx: Trx,
  now: Date,
  row: { id: string; receivedAt: Date },
  effectiveAt: string | undefined,
  after?: { at: Date; what: string },
  path = 'effectiveAt',
): Promise<Date> {
  if (effectiveAt === undefined) return now;
  const last = await trx
    .selectFrom('caseEvent')
    .select((eb) => eb.fn.max('effectiveAt').as('at'))
    .where('caseId', '=', row.id)
    .executeTakeFirst();
  let bound = { at: row.receivedAt, what: 'the case was opened' };
  const lastAt = last?.at ? new Date(last.at) : null;
  if (lastAt && lastAt > bound.at) bound = { at: lastAt, what: "the case's latest move" };
  if (after && after.at > bound.at) bound = after;
  assertDateOrder(now, [{ path, at: effectiveAt, notBefore: bound }]);
  return new Date(effectiveAt);
}
