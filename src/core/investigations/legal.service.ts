import { parseInput } from './parse.js';
import type { CallContext } from '#core/access/actor.js';
import { requireStepUp } from '#core/access/guards.js';
import { requireJustification } from '#core/access/justification.js';
import { assertFound, visibleTo } from '#core/access/scope.js';
import { canonicalIp } from '#core/intake/canonical/ip.js';
import { UnavailableError, ValidationError } from '#shared/errors.js';
import { loadUsableAuthority, requireInScope } from './authority-check.js';
import { canonicalRange } from './authority-scope.js';
import { CASE_OBJECT, loadOpenCase, recordTransition } from './case-access.js';
import { identityDisclosedByReferral } from './referral-access.js';
import { toAuthorityView, scopesOf } from './authority-view.js';
import { IDENTITY_CONTEXT, maskIdentity, revealIdentity } from './identity-view.js';
import { actorId, requireCasework, type InvestigationsDeps } from './investigations.deps.js';
import type {
  AttachIdentity,
  AuthorityType,
  AuthorityView,
  ExpiringAuthority,
  ExpiringQuery,
  MaskedIdentity,
  Offence,
  RecordAuthority,
  RevealedIdentity,
} from './legal.schema.js';
import { AttachIdentitySchema, ExpiringQuerySchema } from './legal.schema.js';
import { advanceByRecord, type CaseState } from './workflow.js';

const DAY_MS = 86_400_000;

/** Legal authority (R19), subscriber identities under it, and the reference lists. */
export class LegalService {
  constructor(private readonly deps: InvestigationsDeps) {}

  /** The configured kinds of legal authority (data, extended by migrations). */
  async listAuthorityTypes(ctx: CallContext): Promise<AuthorityType[]> {
    return this.deps.audit.run(ctx, 'legal_authority.types', 'consultation', async (trx) => {
      requireCasework(ctx);
      return trx.selectFrom('legalAuthorityType').selectAll().orderBy('code').execute();
    });
  }

  /** The maintained offences list, every wording with its dates in force. */
  async listOffences(ctx: CallContext): Promise<Offence[]> {
    return this.deps.audit.run(ctx, 'offence.list', 'consultation', async (trx) => {
      requireCasework(ctx);
      return trx.selectFrom('offence').selectAll().orderBy('code').orderBy('inForceFrom').execute();
    });
  }

  /**
   * Records a legal authority on a case; throws ValidationError for an unknown type, a type not in
   * force on the issue date, a malformed scope or a superseded record of another case.
   */
  async recordAuthority(
    ctx: CallContext,
    caseId: string,
    input: RecordAuthority,
  ): Promise<AuthorityView> {
    return this.deps.audit.run(ctx, 'legal_authority.record', 'collection', async (trx, note) => {
      requireCasework(ctx);
      note.objectType = 'case';
      note.objectIds = [caseId];
      const now = this.deps.clock.now();
      await loadOpenCase(trx, ctx.actor, caseId, now);
      const issuedAt = new Date(input.issuedAt);
      const type = await trx
        .selectFrom('legalAuthorityType')
        .selectAll()
        .where('code', '=', input.typeCode)
        .executeTakeFirst();
      const issuedDay = input.issuedAt.slice(0, 10);
      if (
        !type ||
        type.inForceFrom > issuedDay ||
        (type.inForceTo !== null && type.inForceTo <= issuedDay)
      ) {
        throw new ValidationError('Unknown legal authority type', [
          { path: 'typeCode', reason: `${input.typeCode} is not a type in force on ${issuedDay}` },
        ]);
      }
      const scope = input.scope.map((e, i) => {
        const range = canonicalRange(e.ipRange);
        if (!range.ok) {
          throw new ValidationError('Invalid scope', [
            { path: `scope.${i}.ipRange`, reason: range.reason },
          ]);
        }
        const startsAt = new Date(e.startsAt);
        const endsAt = new Date(e.endsAt);
        if (endsAt <= startsAt) {
          throw new ValidationError('Invalid scope', [
            { path: `scope.${i}.endsAt`, reason: 'must be after startsAt' },
          ]);
        }
        return { ordinal: i + 1, ipRange: range.range, startsAt, endsAt };
      });
      if (input.supersedesId) {
        const old = await trx
          .selectFrom('legalAuthority')
          .select('id')
          .where('id', '=', input.supersedesId)
          .where('caseId', '=', caseId)
          .executeTakeFirst();
        if (!old) {
          throw new ValidationError('Unknown authority', [
            { path: 'supersedesId', reason: 'not an authority of this case' },
          ]);
        }
      }
      const expiresAt = input.expiresAt
        ? new Date(input.expiresAt)
        : type.defaultValidityDays !== null
          ? new Date(issuedAt.getTime() + type.defaultValidityDays * DAY_MS)
          : null;
      const row = await trx
        .insertInto('legalAuthority')
        .values({
          caseId,
          typeCode: type.code,
          court: input.court,
          number: input.number,
          issuedAt,
          expiresAt,
          documentSha256: input.documentSha256,
          supersedesId: input.supersedesId ?? null,
          recordedBy: actorId(ctx.actor),
          recordedAt: now,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      await trx
        .insertInto('legalAuthorityScope')
        .values(scope.map((e) => ({ authorityId: row.id, ...e })))
        .execute();
      note.objectIds = [caseId, row.id];
      note.details = { typeCode: type.code, scopeEntries: scope.length };
      return toAuthorityView(row, scope, now);
    });
  }

  /**
   * Attaches a subscriber identity to a case subject under a legal authority of the case. Throws
   * OutsideAuthorityError (422) unless the authority discloses identities and its scope covers
   * the IP and time, in which case nothing is stored; the audit row carries the authority and the
   * justification.
   */
  async attachIdentity(
    ctx: CallContext,
    caseId: string,
    input: AttachIdentity,
  ): Promise<MaskedIdentity> {
    const data = parseInput(AttachIdentitySchema, input, 'identity');
    const justification = requireJustification(data.justification);
    return this.deps.audit.run(ctx, 'identity.attach', 'collection', async (trx, note) => {
      requireCasework(ctx);
      note.objectType = 'case';
      note.objectIds = [caseId];
      note.justification = justification;
      note.details = { authorityId: data.authorityId };
      const now = this.deps.clock.now();
      const row = await loadOpenCase(trx, ctx.actor, caseId, now);
      const ip = canonicalIp(data.ip);
      if (!ip.ok) throw new ValidationError('Invalid IP', [{ path: 'ip', reason: ip.reason }]);
      const onCase = await trx
        .selectFrom('caseSubject')
        .select('subjectKey')
        .where('caseId', '=', caseId)
        .where('subjectKey', '=', data.subjectKey)
        .executeTakeFirst();
      if (!onCase) {
        throw new ValidationError('Subject not on this case', [
          { path: 'subjectKey', reason: `${data.subjectKey} is not a subject of the case` },
        ]);
      }
      const observedAt = new Date(data.observedAt);
      const authority = await loadUsableAuthority(trx, caseId, data.authorityId, 'identity');
      requireInScope(authority, ip.ip, observedAt, 'ip');
      const cipher = this.deps.cipher;
      if (!cipher) {
        throw new UnavailableError(
          'Subscriber identities are stored encrypted; configure VIGIL_ENCRYPTION_KEY first',
        );
      }
      const sealed = cipher.seal(
        JSON.stringify({
          name: data.name,
          installationAddress: data.installationAddress ?? null,
          billingAddress: data.billingAddress ?? null,
          contact: data.contact ?? null,
        }),
        IDENTITY_CONTEXT,
      );
      const identity = await trx
        .insertInto('subscriberIdentity')
        .values({
          caseId,
          subjectKey: data.subjectKey,
          authorityId: data.authorityId,
          ip: ip.ip,
          port: data.port ?? null,
          observedAt,
          isSharedAddress: data.isSharedAddress,
          ispTimeZone: data.ispTimeZone ?? null,
          ispLocalTime: data.ispLocalTime?.replace(' ', 'T') ?? null,
          hasInstallationAddress: data.installationAddress !== undefined,
          sealed,
          keyId: cipher.keyId,
          recordedBy: actorId(ctx.actor),
          recordedAt: now,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      const to = advanceByRecord(row.state as CaseState, 'subscriber_identified');
      if (to) await recordTransition(trx, row, { to, at: now, actorId: actorId(ctx.actor) });
      note.objectType = 'subscriber_identity';
      note.objectIds = [identity.id, caseId];
      return maskIdentity(identity);
    });
  }

  /**
   * Reveals one identity: needs a recent step-up (StepUpRequiredError) and a justification
   * (JustificationRequiredError), both checked before anything is read; audited as a consultation.
   */
  async revealIdentity(
    ctx: CallContext,
    identityId: string,
    justificationInput: unknown,
  ): Promise<RevealedIdentity> {
    return this.deps.audit.run(ctx, 'identity.reveal', 'consultation', async (trx, note) => {
      requireCasework(ctx);
      note.objectType = 'subscriber_identity';
      note.objectIds = [identityId];
      const now = this.deps.clock.now();
      requireStepUp(ctx.actor, now, this.deps.stepUpMs);
      note.justification = requireJustification(justificationInput);
      // Through the case (its owner, or a share whose field scope names identities), or through
      // the package as sent of a pending or accepted referral whose scope names them.
      const onCase = await trx
        .selectFrom('subscriberIdentity')
        .innerJoin('investigationCase', 'investigationCase.id', 'subscriberIdentity.caseId')
        .selectAll('subscriberIdentity')
        .where('subscriberIdentity.id', '=', identityId)
        .where(visibleTo(ctx.actor, CASE_OBJECT, now, 'view', false, 'identities'))
        .executeTakeFirst();
      const viaReferral = onCase
        ? undefined
        : await identityDisclosedByReferral(trx, ctx, identityId, this.deps.cipher, now);
      const row = assertFound(onCase ?? viaReferral?.identity, 'identity');
      if (!this.deps.cipher) throw new UnavailableError('No encryption key is configured');
      note.details = {
        authorityId: row.authorityId,
        caseId: row.caseId,
        ...(viaReferral ? { referralId: viaReferral.referralId } : {}),
      };
      return revealIdentity(row, this.deps.cipher);
    });
  }

  /**
   * The expiry timers: unsuperseded authorities of the caller's open cases that expire within
   * `withinDays` (soonest first), so a preservation demand can be followed by an order in time.
   */
  async listExpiring(ctx: CallContext, input: ExpiringQuery): Promise<ExpiringAuthority[]> {
    const { withinDays } = parseInput(ExpiringQuerySchema, input, 'query');
    return this.deps.audit.run(
      ctx,
      'legal_authority.expiring',
      'consultation',
      async (trx, note) => {
        requireCasework(ctx);
        const now = this.deps.clock.now();
        const rows = await trx
          .selectFrom('legalAuthority')
          .innerJoin('investigationCase', 'investigationCase.id', 'legalAuthority.caseId')
          .selectAll('legalAuthority')
          .select('investigationCase.reference as caseReference')
          .where(visibleTo(ctx.actor, CASE_OBJECT, now, 'view', false, 'authorities'))
          .where('investigationCase.state', 'not in', ['closed', 'referred_out'])
          .where('legalAuthority.expiresAt', '>', now)
          .where('legalAuthority.expiresAt', '<=', new Date(now.getTime() + withinDays * DAY_MS))
          .where((eb) =>
            eb.not(
              eb.exists(
                eb
                  .selectFrom('legalAuthority as newer')
                  .select('newer.id')
                  .whereRef('newer.supersedesId', '=', 'legalAuthority.id'),
              ),
            ),
          )
          .orderBy('legalAuthority.expiresAt')
          .execute();
        const scopes = await scopesOf(
          trx,
          rows.map((r) => r.id),
        );
        note.objectType = 'legal_authority';
        note.objectIds = rows.map((r) => r.id);
        return rows.map(({ caseReference, ...row }) => ({
          ...toAuthorityView(
            row,
            scopes.filter((s) => s.authorityId === row.id),
            now,
          ),
          caseId: row.caseId,
          caseReference,
        }));
      },
    );
  }
}
