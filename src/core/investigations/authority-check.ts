import type { Trx } from '#core/audit/audit.service.js';
import { OutsideAuthorityError } from '#shared/errors.js';
import { scopeCovers, type ScopeEntry } from './authority-scope.js';

/**
 * What an authority must allow: `identity`, recording a subscriber identity (a type that
 * authorises disclosure of one); `data`, holding data a third party produced (a production order
 * or a warrant; a preservation demand keeps data, it does not disclose it).
 */
export type AuthorityPurpose = 'identity' | 'data';

/**
 * An authority of this case, current (not superseded) and of a type that allows `purpose`, with
 * its scope; OutsideAuthorityError (422) otherwise (R19).
 */
export async function loadUsableAuthority(
  trx: Trx,
  caseId: string,
  authorityId: string,
  purpose: AuthorityPurpose,
): Promise<{ id: string; scope: ScopeEntry[] }> {
  const authority = await trx
    .selectFrom('legalAuthority')
    .innerJoin('legalAuthorityType', 'legalAuthorityType.code', 'legalAuthority.typeCode')
    .select([
      'legalAuthority.id',
      'legalAuthorityType.authorizesIdentity',
      'legalAuthorityType.category',
      'legalAuthorityType.label',
    ])
    .where('legalAuthority.id', '=', authorityId)
    .where('legalAuthority.caseId', '=', caseId)
    .executeTakeFirst();
  if (!authority) {
    throw new OutsideAuthorityError('No such legal authority on this case', [
      { path: 'authorityId', reason: 'record the authority on the case first' },
    ]);
  }
  if (purpose === 'identity' && !authority.authorizesIdentity) {
    throw new OutsideAuthorityError(
      `A ${authority.label} does not authorise disclosure of a subscriber identity`,
      [{ path: 'authorityId', reason: 'use a production order' }],
    );
  }
  if (
    purpose === 'data' &&
    authority.category !== 'production' &&
    authority.category !== 'warrant'
  ) {
    throw new OutsideAuthorityError(`A ${authority.label} does not compel production of data`, [
      { path: 'authorityId', reason: 'use a production order or a warrant' },
    ]);
  }
  const successor = await trx
    .selectFrom('legalAuthority')
    .select('id')
    .where('supersedesId', '=', authorityId)
    .executeTakeFirst();
  if (successor) {
    throw new OutsideAuthorityError('The authority was superseded', [
      { path: 'authorityId', reason: `superseded by ${successor.id}` },
    ]);
  }
  const scope = await trx
    .selectFrom('legalAuthorityScope')
    .select(['ipRange', 'startsAt', 'endsAt'])
    .where('authorityId', '=', authorityId)
    .execute();
  return { id: authority.id, scope };
}

/** OutsideAuthorityError naming `path` unless the authority's scope covers the address and time. */
export function requireInScope(
  authority: { id: string; scope: readonly ScopeEntry[] },
  ip: string,
  at: Date,
  path: string,
): void {
  if (!scopeCovers(authority.scope, ip, at)) {
    throw new OutsideAuthorityError("The IP and time are outside the authority's scope", [
      { path, reason: `${ip} at ${at.toISOString()} is not within the scope of ${authority.id}` },
    ]);
  }
}
