import type { Selectable } from 'kysely';
import type { Trx } from '#core/audit/audit.service.js';
import type { LegalAuthorityTable } from '#platform/db/tables.js';
import type { AuthorityView } from './legal.schema.js';

const DAY_MS = 86_400_000;

/** The scope rows of these authorities, in their recorded order (none for no authorities). */
export async function scopesOf(trx: Trx, authorityIds: string[]) {
  if (authorityIds.length === 0) return [];
  return trx
    .selectFrom('legalAuthorityScope')
    .selectAll()
    .where('authorityId', 'in', authorityIds)
    .orderBy('ordinal')
    .execute();
}

/** An authority with its scope and its expiry timer as of `now`. */
export function toAuthorityView(
  row: Selectable<LegalAuthorityTable>,
  scope: ReadonlyArray<{ ipRange: string; startsAt: Date; endsAt: Date }>,
  now: Date,
): AuthorityView {
  return {
    id: row.id,
    typeCode: row.typeCode,
    court: row.court,
    number: row.number,
    issuedAt: row.issuedAt.toISOString(),
    expiresAt: row.expiresAt?.toISOString() ?? null,
    expiresInDays: row.expiresAt
      ? Math.floor((row.expiresAt.getTime() - now.getTime()) / DAY_MS)
      : null,
    documentSha256: row.documentSha256,
    supersedesId: row.supersedesId,
    scope: scope.map((e) => ({
      ipRange: e.ipRange,
      startsAt: e.startsAt.toISOString(),
      endsAt: e.endsAt.toISOString(),
    })),
  };
}
