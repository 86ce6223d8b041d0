import { sql, type SqlBool } from 'kysely';
import type { CallContext } from '#core/access/actor.js';
import { CASE_FIELDS, type CaseField, type FieldScope } from '#core/access/field-scope.js';
import { requireUser } from '#core/access/guards.js';
import { assertFound } from '#core/access/scope.js';
import type { Trx } from '#core/audit/audit.service.js';
import type { FieldCipher } from '#core/crypto/field-cipher.port.js';
import type { IdentityRow } from './identity-view.js';
import { buildLeadPackage, type LeadPackage } from './lead-package.js';
import {
  freezePackage,
  frozenOf,
  openPackage,
  type FrozenPackage,
  type ReferralRow,
} from './referral-package.js';
import { LIVE_REFERRAL_STATUSES } from './referrals.schema.js';

/**
 * Which side of a referral the caller acts for: `incoming` (the receiving agency decides),
 * `outgoing` (the sending agency withdraws), `package` (either side reads the package; the
 * receiving agency only while the referral is pending or accepted).
 */
export type ReferralSide = 'incoming' | 'outgoing' | 'package';

/**
 * The referral if the caller's agency is on that side of it, else NotFoundError with the one
 * message of a missing referral (a declined or withdrawn one included, for the receiving agency
 * reading its package). `lock` takes the row lock: deciding on a referral serialises on it, so
 * that of two concurrent decisions the second sees the first's outcome.
 */
export async function loadReferral(
  trx: Trx,
  ctx: CallContext,
  referralId: string,
  side: ReferralSide,
  lock = false,
): Promise<ReferralRow> {
  let query = trx.selectFrom('referral').selectAll().where('id', '=', referralId);
  if (ctx.actor.kind !== 'system') {
    const org = requireUser(ctx.actor).organisationId;
    query =
      side === 'incoming'
        ? query.where('toOrganisationId', '=', org)
        : side === 'outgoing'
          ? query.where('fromOrganisationId', '=', org)
          : query.where((eb) =>
              eb.or([
                eb('fromOrganisationId', '=', org),
                eb.and([
                  eb('toOrganisationId', '=', org),
                  eb('status', 'in', [...LIVE_REFERRAL_STATUSES]),
                ]),
              ]),
            );
  }
  if (lock) query = query.forUpdate();
  return assertFound(await query.executeTakeFirst(), 'referral');
}

/** A referral's stored field scope as a set (migration 0014 admits only known words). */
export function referralFields(row: Pick<ReferralRow, 'fieldScope'>): FieldScope {
  return new Set(
    row.fieldScope.filter((f): f is CaseField => (CASE_FIELDS as readonly string[]).includes(f)),
  );
}

/**
 * The referral's lead package as sent, checked against its SHA-256. A referral made before
 * packages were kept (migration 0014) has none: its package is frozen now, from the referring
 * case, which has been read-only since the referral, and `packageFrozenAt` records when.
 */
export async function packageOf(
  trx: Trx,
  referral: ReferralRow,
  cipher: FieldCipher | undefined,
  now: Date,
): Promise<{ frozen: FrozenPackage; frozenAt: Date; text: string; pkg: LeadPackage }> {
  let frozen = frozenOf(referral);
  let frozenAt = referral.packageFrozenAt;
  if (!frozen || !frozenAt) {
    const row = await trx
      .selectFrom('investigationCase')
      .selectAll()
      .where('id', '=', referral.caseId)
      .executeTakeFirstOrThrow();
    const fields = referralFields(referral);
    const pkg = await buildLeadPackage(trx, row, now, { fields, cipher });
    const fresh = freezePackage(pkg, cipher);
    // Only if no concurrent first read froze it meanwhile; then read what is stored.
    await trx
      .updateTable('referral')
      .set({ packageSealed: fresh.sealed, packageSha256: fresh.sha256, packageFrozenAt: now })
      .where('id', '=', referral.id)
      .where('packageSealed', 'is', null)
      .execute();
    const stored = await trx
      .selectFrom('referral')
      .selectAll()
      .where('id', '=', referral.id)
      .executeTakeFirstOrThrow();
    frozen = frozenOf(stored)!;
    frozenAt = stored.packageFrozenAt!;
  }
  return { frozen, frozenAt, ...openPackage(frozen, cipher) };
}

/**
 * The identity, when the package as sent of a pending or accepted referral to the caller's agency
 * lists it and the referral's field scope names identities (the receiving agency reveals it from
 * the immutable identity record, as the case's owner would); else undefined.
 */
export async function identityDisclosedByReferral(
  trx: Trx,
  ctx: CallContext,
  identityId: string,
  cipher: FieldCipher | undefined,
  now: Date,
): Promise<{ identity: IdentityRow; referralId: string } | undefined> {
  if (ctx.actor.kind !== 'user') return undefined;
  const identity = await trx
    .selectFrom('subscriberIdentity')
    .selectAll()
    .where('id', '=', identityId)
    .executeTakeFirst();
  if (!identity) return undefined;
  const referrals = await trx
    .selectFrom('referral')
    .selectAll()
    .where('caseId', '=', identity.caseId)
    .where('toOrganisationId', '=', ctx.actor.organisationId)
    .where('status', 'in', [...LIVE_REFERRAL_STATUSES])
    .where(sql<SqlBool>`'identities' = any(field_scope)`)
    .execute();
  for (const referral of referrals) {
    const { pkg } = await packageOf(trx, referral, cipher, now);
    if (pkg.identities?.some((i) => i.id === identityId)) {
      return { identity, referralId: referral.id };
    }
  }
  return undefined;
}
