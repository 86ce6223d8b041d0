import type { Selectable } from 'kysely';
import type { FieldCipher } from '#core/crypto/field-cipher.port.js';
import type { SubscriberIdentityTable } from '#platform/db/tables.js';
import type { MaskedIdentity, RevealedIdentity } from './legal.schema.js';

export type IdentityRow = Selectable<SubscriberIdentityTable>;
/** Bound as additional data, so a sealed identity moved to another column does not open. */
export const IDENTITY_CONTEXT = 'subscriber_identity.sealed';

export type SealedIdentity = {
  name: string;
  installationAddress: string | null;
  billingAddress: string | null;
  contact: string | null;
};

/** An identity as lists show it (ASVS 14.2.6): no name, address or contact. */
export function maskIdentity(row: IdentityRow): MaskedIdentity {
  return {
    id: row.id,
    subjectKey: row.subjectKey,
    authorityId: row.authorityId,
    ip: row.ip,
    port: row.port,
    observedAt: row.observedAt.toISOString(),
    isSharedAddress: row.isSharedAddress,
    ispTimeZone: row.ispTimeZone,
    ispLocalTime: row.ispLocalTime,
    hasInstallationAddress: row.hasInstallationAddress,
    name: '••••••',
  };
}

/** Opens the sealed part (the caller has checked step-up and justification and audits it). */
export function revealIdentity(row: IdentityRow, cipher: FieldCipher): RevealedIdentity {
  const sealed = JSON.parse(cipher.open(row.sealed, IDENTITY_CONTEXT)) as SealedIdentity;
  return { ...maskIdentity(row), ...sealed };
}
