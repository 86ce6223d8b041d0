import type { CallContext } from '#core/access/actor.js';
import type { Trx } from '#core/audit/audit.service.js';
import { canonicalIp } from '#core/intake/canonical/ip.js';
import { ValidationError } from '#shared/errors.js';
import { loadUsableAuthority, requireInScope } from './authority-check.js';
import { loadOpenCase } from './case-access.js';
import { actorId, requireCasework, type InvestigationsDeps } from './investigations.deps.js';
import { parseInput } from './parse.js';
import {
  RecordThirdPartyIpsSchema,
  type RecordThirdPartyIps,
  type ThirdPartyBasis,
  type ThirdPartyIpView,
} from './third-party-ips.schema.js';

type Row = {
  id: string;
  provider: string;
  providerReference: string | null;
  basis: string;
  authorityId: string | null;
  basisNote: string | null;
  event: string;
  accountRef: string | null;
  ip: string;
  port: number | null;
  observedAt: Date;
  documentSha256: string | null;
  supersedesId: string | null;
  recordedBy: string | null;
  recordedAt: Date;
};

/**
 * R19: addresses obtained from a third party are recorded with their provenance (provider, its
 * reference, the response document's SHA-256) and the basis on which the case holds them. Under a
 * legal authority, every address and time must lie in the authority's scope, or nothing is stored.
 */
export class ThirdPartyIpService {
  constructor(private readonly deps: InvestigationsDeps) {}

  /** Records a provider's response: all its addresses, or none (ValidationError / 422). */
  async record(
    ctx: CallContext,
    caseId: string,
    input: RecordThirdPartyIps,
  ): Promise<{ ids: string[] }> {
    const data = parseInput(RecordThirdPartyIpsSchema, input, 'third-party addresses');
    return this.deps.audit.run(ctx, 'third_party_ip.record', 'collection', async (trx, note) => {
      requireCasework(ctx);
      note.objectType = 'case';
      note.objectIds = [caseId];
      note.details = {
        provider: data.provider,
        basis: data.basis,
        records: data.records.length,
        ...(data.authorityId ? { authorityId: data.authorityId } : {}),
      };
      const now = this.deps.clock.now();
      await loadOpenCase(trx, ctx.actor, caseId, now);
      const authority = data.authorityId
        ? await loadUsableAuthority(trx, caseId, data.authorityId, 'data')
        : undefined;
      const issues: { path: string; reason: string }[] = [];
      const entries = data.records.map((e, i) => {
        const ip = canonicalIp(e.ip);
        if (!ip.ok) {
          issues.push({ path: `records.${i}.ip`, reason: ip.reason });
          return undefined;
        }
        const observedAt = new Date(e.observedAt);
        if (authority) requireInScope(authority, ip.ip, observedAt, `records.${i}.ip`);
        return { ...e, ip: ip.ip, observedAt };
      });
      if (issues.length > 0) throw new ValidationError('Invalid third-party addresses', issues);
      await requireOwnRecords(trx, caseId, data.records);
      const rows = await trx
        .insertInto('thirdPartyIp')
        .values(
          entries.map((e) => ({
            caseId,
            provider: data.provider,
            providerReference: data.providerReference ?? null,
            basis: data.basis,
            authorityId: data.authorityId ?? null,
            basisNote: data.basisNote ?? null,
            documentSha256: data.documentSha256 ?? null,
            event: e!.event,
            accountRef: e!.accountRef ?? null,
            ip: e!.ip,
            port: e!.port ?? null,
            observedAt: e!.observedAt,
            supersedesId: e!.supersedesId ?? null,
            recordedBy: actorId(ctx.actor),
            recordedAt: now,
          })),
        )
        .returning('id')
        .execute();
      return { ids: rows.map((r) => r.id) };
    });
  }
}

/** A correction may only supersede a record of the same case. */
async function requireOwnRecords(
  trx: Trx,
  caseId: string,
  records: readonly { supersedesId?: string | undefined }[],
): Promise<void> {
  const wanted = [...new Set(records.flatMap((r) => (r.supersedesId ? [r.supersedesId] : [])))];
  if (wanted.length === 0) return;
  const found = await trx
    .selectFrom('thirdPartyIp')
    .select('id')
    .where('caseId', '=', caseId)
    .where('id', 'in', wanted)
    .execute();
  const known = new Set(found.map((r) => r.id));
  const issues = records.flatMap((r, i) =>
    r.supersedesId && !known.has(r.supersedesId)
      ? [{ path: `records.${i}.supersedesId`, reason: 'not a third-party record of this case' }]
      : [],
  );
  if (issues.length > 0) throw new ValidationError('Unknown record to supersede', issues);
}

/** The case's third-party addresses, oldest first, each marked when a later record corrects it. */
export async function thirdPartyIpsOf(trx: Trx, caseId: string): Promise<ThirdPartyIpView[]> {
  const rows: Row[] = await trx
    .selectFrom('thirdPartyIp')
    .selectAll()
    .where('caseId', '=', caseId)
    .orderBy('observedAt')
    .orderBy('id')
    .execute();
  const supersededBy = new Map(
    rows.flatMap((r) => (r.supersedesId ? [[r.supersedesId, r.id]] : [])),
  );
  return rows.map((r) => ({
    id: r.id,
    provider: r.provider,
    providerReference: r.providerReference,
    basis: r.basis as ThirdPartyBasis,
    authorityId: r.authorityId,
    basisNote: r.basisNote,
    event: r.event,
    accountRef: r.accountRef,
    ip: r.ip,
    port: r.port,
    observedAt: r.observedAt.toISOString(),
    documentSha256: r.documentSha256,
    supersedesId: r.supersedesId,
    supersededById: supersededBy.get(r.id) ?? null,
    recordedBy: r.recordedBy,
    recordedAt: r.recordedAt.toISOString(),
  }));
}
