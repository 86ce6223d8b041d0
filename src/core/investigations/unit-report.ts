import { sql } from 'kysely';
import type { Trx } from '#core/audit/audit.service.js';
import type { UnitReport } from './report.schema.js';

const DAY_MS = 86_400_000;

/** The median of some numbers (the mean of the middle two for an even count); null when empty. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

type Count = { n: number };

/**
 * The unit's figures for [from, to] (whole UTC days), computed from the workflow's own records
 * (events, warrants, arrests, charges, referrals, victim records), never from a typed-in total.
 * Moves and referrals count on their effective date (a past event entered after the fact counts
 * in its own period), not on the day they were recorded.
 */
export async function unitReport(
  trx: Trx,
  agency: { id: string; code: string; name: string },
  from: string,
  to: string,
): Promise<UnitReport> {
  const start = new Date(`${from}T00:00:00Z`);
  const end = new Date(new Date(`${to}T00:00:00Z`).getTime() + DAY_MS);
  const org = agency.id;
  const inPeriod = (column: string) =>
    sql`${sql.ref(column)} >= ${start} and ${sql.ref(column)} < ${end}`;
  const ownCase = sql`c.organisation_id = ${org}`;
  const count = async (query: ReturnType<typeof sql<Count>>) =>
    (await query.execute(trx)).rows[0]?.n ?? 0;

  const leadsReceived = await count(sql<Count>`
    select count(*)::int as n from investigation_case c
    where ${ownCase} and c.source_kind <> 'referral' and ${inPeriod('c.received_at')}`);
  const subjectsPrioritised = await count(sql<Count>`
    select count(distinct s.subject_key)::int as n from case_event e
    join investigation_case c on c.id = e.case_id join case_subject s on s.case_id = c.id
    where ${ownCase} and e.to_state = 'assessed' and ${inPeriod('e.effective_at')}`);
  const legalProcessRequests = await count(sql<Count>`
    select count(*)::int as n from case_event e join investigation_case c on c.id = e.case_id
    where ${ownCase} and e.to_state = 'legal_process_requested' and ${inPeriod('e.effective_at')}`);
  const warrantsExecuted = await count(sql<Count>`
    select count(*)::int as n from warrant w join investigation_case c on c.id = w.case_id
    where ${ownCase} and ${inPeriod('w.executed_at')}`);
  const arrests = await count(sql<Count>`
    select count(*)::int as n from arrest a join investigation_case c on c.id = a.case_id
    where ${ownCase} and ${inPeriod('a.arrested_at')}`);
  const byOffence = await sql<{ code: string; section: string; label: string; count: number }>`
    select ch.offence_code as code, o.section, o.label, count(*)::int as count
    from charge ch join investigation_case c on c.id = ch.case_id
    join offence o on o.code = ch.offence_code and o.in_force_from = (
      select max(o2.in_force_from) from offence o2
      where o2.code = ch.offence_code and o2.in_force_from <= ${to}::date)
    where ${ownCase} and ch.laid_on >= ${from}::date and ch.laid_on <= ${to}::date
    group by ch.offence_code, o.section, o.label order by count(*) desc, ch.offence_code`.execute(
    trx,
  );
  const casesReferredOut = await count(sql<Count>`
    select count(*)::int as n from referral r
    where r.from_organisation_id = ${org} and r.status in ('pending', 'accepted') and ${inPeriod('r.effective_at')}`);
  const casesReferredIn = await count(sql<Count>`
    select count(*)::int as n from referral r
    where r.to_organisation_id = ${org} and r.status = 'accepted' and ${inPeriod('r.decision_effective_at')}`);
  const victims = await sql<{ victims: number; children: number }>`
    select coalesce(sum(v.victims_identified), 0)::int as victims,
           coalesce(sum(v.children_safeguarded), 0)::int as children
    from case_victim v join investigation_case c on c.id = v.case_id
    where ${ownCase} and v.recorded_on >= ${from}::date and v.recorded_on <= ${to}::date`.execute(
    trx,
  );
  const closed = await sql<{ disposition: string; n: number }>`
    select e.disposition, count(*)::int as n from case_event e
    join investigation_case c on c.id = e.case_id
    where ${ownCase} and e.to_state = 'closed' and ${inPeriod('e.effective_at')}
    group by e.disposition order by e.disposition`.execute(trx);
  // The state each case was in at the end of the period: its last workflow record before then.
  const investigationsOpen = await count(sql<Count>`
    select count(*)::int as n from (
      select distinct on (e.case_id) e.case_id, e.to_state
      from case_event e join investigation_case c on c.id = e.case_id
      where ${ownCase} and e.effective_at < ${end}
      order by e.case_id, e.seq desc) last
    where last.to_state not in ('closed', 'referred_out')`);
  const leadToWarrant = await sql<{ receivedAt: Date; executedAt: Date }>`
    select c.received_at as "receivedAt", min(w.executed_at) as "executedAt"
    from warrant w join investigation_case c on c.id = w.case_id
    where ${ownCase} and w.executed_at is not null
    group by c.id, c.received_at
    having min(w.executed_at) >= ${start} and min(w.executed_at) < ${end}`.execute(trx);
  const days = leadToWarrant.rows.map(
    (r) => (new Date(r.executedAt).getTime() - new Date(r.receivedAt).getTime()) / DAY_MS,
  );
  const closedByDisposition = Object.fromEntries(closed.rows.map((r) => [r.disposition, r.n]));
  const med = median(days);
  return {
    agency: { code: agency.code, name: agency.name },
    from,
    to,
    leadsReceived,
    subjectsPrioritised,
    legalProcessRequests,
    warrantsExecuted,
    arrests,
    charges: {
      total: byOffence.rows.reduce((sum, r) => sum + r.count, 0),
      byOffence: byOffence.rows,
    },
    casesReferredOut,
    casesReferredIn,
    victimsIdentified: victims.rows[0]?.victims ?? 0,
    childrenSafeguarded: victims.rows[0]?.children ?? 0,
    referralsToCounselling: closedByDisposition.diverted_to_counselling ?? 0,
    closedByDisposition,
    investigationsOpen,
    medianDaysLeadToWarrant: med === null ? null : Math.round(med * 10) / 10,
  };
}
