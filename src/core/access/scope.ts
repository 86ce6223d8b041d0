import { sql, type RawBuilder, type SqlBool } from 'kysely';
import { NotFoundError } from '#shared/errors.js';
import type { Actor } from './actor.js';

export type AccessMode = 'view' | 'edit';

/** An agency-scoped object as stored: its type, id and owning organisation. */
export type OwnedObject = { type: string; id: string; ownerOrganisationId: string };

/**
 * THE filter for every read path: lists, counts, search, exports and single reads use this one
 * predicate. True when the row belongs to the actor's organisation, or an unrevoked, unexpired
 * share (of that object, or of every object of the type) names the actor's organisation as
 * recipient; edits need a share with access 'edit'. `crossOrganisation` lets system actors and
 * (when the caller allows it) system administrators through. With `field`, a share counts only if
 * its field scope names that field (the owner sees every field).
 */
export function visibleTo(
  actor: Actor,
  object: { type: string; idColumn: string; ownerColumn: string },
  now: Date,
  mode: AccessMode = 'view',
  crossOrganisation = false,
  field?: string,
): RawBuilder<SqlBool> {
  if (actor.kind === 'system' || crossOrganisation) return sql<SqlBool>`true`;
  if (actor.kind !== 'user') return sql<SqlBool>`false`;
  const owner = sql.ref(object.ownerColumn);
  const id = sql.ref(object.idColumn);
  return sql<SqlBool>`(${owner} = ${actor.organisationId} or exists (
    select 1 from share s
    where s.object_type = ${object.type}
      and (s.object_id = ${id} or s.object_id is null)
      and s.owner_organisation_id = ${owner}
      and s.recipient_organisation_id = ${actor.organisationId}
      and s.revoked_at is null
      and (s.expires_at is null or s.expires_at > ${now})
      ${mode === 'edit' ? sql`and s.access = 'edit'` : sql``}
      ${field === undefined ? sql`` : sql`and ${field} = any(s.field_scope)`}))`;
}

/**
 * Throws NotFoundError, with the same message for a missing and a foreign object, unless the
 * object was found through `visibleTo` (the caller passes what its scoped query returned).
 */
export function assertFound<T>(row: T | undefined, what: string): T {
  if (row === undefined) throw new NotFoundError(`${what} not found`);
  return row;
}
