import { isSystemAdmin } from '#core/access/guards.js';
import type { Actor } from '#core/access/actor.js';
import type { Db } from '#platform/db/client.js';

/** The agencies whose subjects a caller may see: all of them, or these codes. */
export type AgencyScope = { isAll: true } | { isAll: false; codes: string[] };

/**
 * A subject belongs to the agency with jurisdiction over most of its observations (set by intake's
 * jurisdiction rules). A user sees the subjects of their own organisation's agency code, and of any
 * agency whose organisation shares every subject (`share` of type 'subject' with no object id) with
 * theirs; system administrators and the CLI operator / jobs see all. Subjects without an agency are
 * seen only by those.
 */
export async function agencyScopeOf(db: Db, actor: Actor, now: Date): Promise<AgencyScope> {
  if (isSystemAdmin(actor)) return { isAll: true };
  if (actor.kind !== 'user') return { isAll: false, codes: [] };
  // One round trip: the caller's own agency code, and those of agencies sharing every subject.
  const rows = await db
    .selectFrom('organisation as own')
    .select('own.code')
    .where('own.id', '=', actor.organisationId)
    .where('own.kind', '=', 'agency')
    .union(
      db
        .selectFrom('share as s')
        .innerJoin('organisation as o', 'o.id', 's.ownerOrganisationId')
        .select('o.code')
        .where('s.objectType', '=', 'subject')
        .where('s.objectId', 'is', null)
        .where('s.recipientOrganisationId', '=', actor.organisationId)
        .where('s.revokedAt', 'is', null)
        .where((eb) => eb.or([eb('s.expiresAt', 'is', null), eb('s.expiresAt', '>', now)])),
    )
    .execute();
  return { isAll: false, codes: [...new Set(rows.map((r) => r.code))].sort() };
}

/** Whether a subject with this agency code is inside the scope. */
export function inScope(scope: AgencyScope, agencyCode: string | null): boolean {
  return scope.isAll || (agencyCode !== null && scope.codes.includes(agencyCode));
}
