import type { CallContext } from '#core/access/actor.js';
import { caseFieldScope, fieldList, intersectFields } from '#core/access/field-scope.js';
import { requireRole, requireUser } from '#core/access/guards.js';
import type { Trx } from '#core/audit/audit.service.js';
import { ConflictError, ValidationError } from '#shared/errors.js';
import { fieldScopeOf, loadOpenCase, recordTransition } from './case-access.js';
import { toSummary } from './case-view.js';
import type { CaseSummary } from './cases.schema.js';
import {
  actorId,
  requireCasework,
  SUPERVISION,
  type InvestigationsDeps,
} from './investigations.deps.js';
import { buildLeadPackage } from './lead-package.js';
import { loadReferral, packageOf, referralFields } from './referral-access.js';
import { freezePackage, type ReferralRow } from './referral-package.js';
import type { Accept, Decline, ReferCase, ReferralView } from './referrals.schema.js';
import { assertDateOrder, effectiveDateOf } from './date-order.js';
import { assertTransition, type CaseState } from './workflow.js';

/**
 * Referrals between agencies. A referral is pending until the receiving agency accepts or
 * declines it or the sending agency withdraws it; each decision takes the referral's row lock, so
 * of two concurrent decisions one succeeds and the other answers 409.
 */
export class ReferralsService {
  constructor(private readonly deps: InvestigationsDeps) {}

  /**
   * Refers a case to another agency: the lead package, limited to the referral's field scope, is
   * frozen with its SHA-256, and the case becomes referred_out (read-only for the referring agency)
   * until the referral ends. ValidationError for an unknown agency or field.
   */
  async refer(ctx: CallContext, caseId: string, input: ReferCase): Promise<ReferralView> {
    return this.deps.audit.run(ctx, 'referral.create', 'disclosure', async (trx, note) => {
      requireCasework(ctx);
      note.objectType = 'case';
      note.objectIds = [caseId];
      const now = this.deps.clock.now();
      const row = await loadOpenCase(trx, ctx.actor, caseId, now);
      const to = await trx
        .selectFrom('organisation')
        .select(['id', 'code', 'name'])
        .where('code', '=', input.toOrganisationCode)
        .where('kind', '=', 'agency')
        .executeTakeFirst();
      if (!to || to.id === row.organisationId) {
        throw new ValidationError('Unknown agency', [
          { path: 'toOrganisationCode', reason: 'not another agency of this installation' },
        ]);
      }
      const fromState = row.state as CaseState;
      assertTransition(fromState, 'referred_out', undefined);
      const effectiveAt = await effectiveDateOf(trx, now, row, input.effectiveAt);
      // Never more than the referring user may see of the case (a share cannot be widened).
      const fields = intersectFields(
        await fieldScopeOf(trx, ctx.actor, row, now),
        caseFieldScope(input.fieldScope, 'fieldScope'),
      );
      // The package as the case stands when it is referred, before it becomes referred_out.
      const pkg = await buildLeadPackage(trx, row, now, { fields, cipher: this.deps.cipher });
      const frozen = freezePackage(pkg, this.deps.cipher);
      await recordTransition(trx, row, {
        to: 'referred_out',
        at: now,
        effectiveAt,
        actorId: actorId(ctx.actor),
        reason: input.reason,
      });
      const referral = await trx
        .insertInto('referral')
        .values({
          caseId,
          fromOrganisationId: row.organisationId,
          toOrganisationId: to.id,
          reason: input.reason,
          fromState,
          createdBy: actorId(ctx.actor),
          createdAt: now,
          effectiveAt,
          fieldScope: fieldList(fields),
          packageSealed: frozen.sealed,
          packageSha256: frozen.sha256,
          packageFrozenAt: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      note.objectIds = [caseId, referral.id];
      note.details = {
        recipientOrganisationId: to.id,
        fieldScope: fieldList(fields).join(','),
        packageSha256: frozen.sha256,
      };
      return this.view(trx, referral.id, row.organisationId);
    });
  }

  /** Referrals the caller's agency sent or received, newest first. */
  async listReferrals(ctx: CallContext): Promise<ReferralView[]> {
    return this.deps.audit.run(ctx, 'referral.list', 'consultation', async (trx, note) => {
      requireCasework(ctx);
      const org = requireUser(ctx.actor).organisationId;
      const rows = await trx
        .selectFrom('referral')
        .select('id')
        .where((eb) =>
          eb.or([eb('fromOrganisationId', '=', org), eb('toOrganisationId', '=', org)]),
        )
        .orderBy('createdAt', 'desc')
        .orderBy('id')
        .execute();
      note.objectType = 'referral';
      note.objectIds = rows.map((r) => r.id);
      return Promise.all(rows.map((r) => this.view(trx, r.id, org)));
    });
  }

  /**
   * The receiving agency accepts a pending referral: it gets a case of its own, opened as a lead
   * from the package as sent (title, CyberTip, the subjects in its scope). ConflictError (409) when
   * the referral is no longer pending, a concurrent acceptance included.
   */
  async accept(ctx: CallContext, referralId: string, input: Accept = {}): Promise<CaseSummary> {
    return this.deps.audit.run(ctx, 'referral.accept', 'collection', async (trx, note) => {
      requireRole(ctx.actor, SUPERVISION);
      note.objectType = 'referral';
      note.objectIds = [referralId];
      const referral = await loadReferral(trx, ctx, referralId, 'incoming', true);
      assertPending(referral);
      const now = this.deps.clock.now();
      const effectiveAt = decisionDateOf(now, referral, input.effectiveAt);
      const sent = (await packageOf(trx, referral, this.deps.cipher, now)).pkg.case;
      const keys = [...sent.subjectKeys].sort();
      const received = await trx
        .insertInto('investigationCase')
        .values({
          organisationId: referral.toOrganisationId,
          reference: `R-${sent.reference}-${referralId.slice(0, 8)}`,
          title: sent.title,
          state: 'lead',
          sourceKind: 'referral',
          cybertipReportId: sent.cybertipReportId,
          // The receiving agency's lead arrived when the referral was accepted.
          receivedAt: effectiveAt,
          createdBy: actorId(ctx.actor),
          createdAt: now,
          updatedAt: now,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      if (keys.length > 0) {
        await trx
          .insertInto('caseSubject')
          .values(keys.map((subjectKey) => ({ caseId: received.id, subjectKey })))
          .execute();
      }
      await trx
        .insertInto('caseEvent')
        .values({
          caseId: received.id,
          seq: 1,
          at: now,
          effectiveAt,
          fromState: null,
          toState: 'lead',
          actorId: actorId(ctx.actor),
          reason: `referral ${referralId}`,
        })
        .execute();
      await trx
        .updateTable('referral')
        .set({
          status: 'accepted',
          decidedBy: actorId(ctx.actor),
          decidedAt: now,
          decisionEffectiveAt: effectiveAt,
          receivedCaseId: received.id,
        })
        .where('id', '=', referralId)
        .execute();
      note.objectIds = [referralId, received.id];
      return toSummary(received, keys);
    });
  }

  /**
   * The receiving agency declines a pending referral: the referring case returns to the state it
   * was referred from, and the package is no longer readable by the receiver. 409 unless pending.
   */
  async decline(ctx: CallContext, referralId: string, input: Decline): Promise<ReferralView> {
    return this.deps.audit.run(ctx, 'referral.decline', 'alteration', async (trx, note) => {
      requireRole(ctx.actor, SUPERVISION);
      note.objectType = 'referral';
      note.objectIds = [referralId];
      const referral = await loadReferral(trx, ctx, referralId, 'incoming', true);
      await this.end(trx, ctx, referral, 'declined', input);
      return this.view(trx, referralId, referral.toOrganisationId);
    });
  }

  /**
   * The sending agency withdraws a pending referral: its case returns to the state it was referred
   * from, and the receiving agency can no longer read the package (404). 409 unless pending.
   */
  async withdraw(ctx: CallContext, referralId: string, input: Decline): Promise<ReferralView> {
    return this.deps.audit.run(ctx, 'referral.withdraw', 'alteration', async (trx, note) => {
      requireCasework(ctx);
      note.objectType = 'referral';
      note.objectIds = [referralId];
      const referral = await loadReferral(trx, ctx, referralId, 'outgoing', true);
      await this.end(trx, ctx, referral, 'withdrawn', input);
      note.details = { recipientOrganisationId: referral.toOrganisationId };
      return this.view(trx, referralId, referral.fromOrganisationId);
    });
  }

  /** Ends a pending referral (its row is locked): the referring case goes back to where it was. */
  private async end(
    trx: Trx,
    ctx: CallContext,
    referral: ReferralRow,
    status: 'declined' | 'withdrawn',
    input: Decline,
  ): Promise<void> {
    assertPending(referral);
    const now = this.deps.clock.now();
    const effectiveAt = decisionDateOf(now, referral, input.effectiveAt);
    const original = await trx
      .selectFrom('investigationCase')
      .selectAll()
      .where('id', '=', referral.caseId)
      .forUpdate()
      .executeTakeFirstOrThrow();
    await recordTransition(trx, original, {
      to: referral.fromState as CaseState,
      at: now,
      effectiveAt,
      actorId: actorId(ctx.actor),
      reason: `referral ${referral.id} ${status}`,
    });
    await trx
      .updateTable('referral')
      .set({
        status,
        decidedBy: actorId(ctx.actor),
        decidedAt: now,
        decisionEffectiveAt: effectiveAt,
        decisionReason: input.reason,
      })
      .where('id', '=', referral.id)
      .execute();
  }

  private async view(trx: Trx, referralId: string, viewerOrg: string): Promise<ReferralView> {
    const r = await trx
      .selectFrom('referral')
      .innerJoin('investigationCase as c', 'c.id', 'referral.caseId')
      .innerJoin('organisation as f', 'f.id', 'referral.fromOrganisationId')
      .innerJoin('organisation as t', 't.id', 'referral.toOrganisationId')
      .select([
        'referral.id',
        'referral.fromOrganisationId',
        'referral.reason',
        'referral.status',
        'referral.createdAt',
        'referral.effectiveAt',
        'referral.decidedAt',
        'referral.decisionEffectiveAt',
        'referral.decisionReason',
        'referral.receivedCaseId',
        'referral.fieldScope',
        'referral.packageSha256',
        'c.reference',
        'c.title',
        'f.code as fromCode',
        't.code as toCode',
      ])
      .where('referral.id', '=', referralId)
      .executeTakeFirstOrThrow();
    const isOutgoing = r.fromOrganisationId === viewerOrg;
    return {
      id: r.id,
      direction: isOutgoing ? 'outgoing' : 'incoming',
      caseReference: r.reference,
      caseTitle: r.title,
      fromOrganisation: r.fromCode,
      toOrganisation: r.toCode,
      reason: r.reason,
      status: r.status,
      createdAt: r.createdAt.toISOString(),
      effectiveAt: r.effectiveAt.toISOString(),
      decidedAt: r.decidedAt?.toISOString() ?? null,
      decisionEffectiveAt: r.decisionEffectiveAt?.toISOString() ?? null,
      decisionReason: r.decisionReason,
      receivedCaseId: isOutgoing ? null : r.receivedCaseId,
      fieldScope: fieldList(referralFields(r)),
      packageSha256: r.packageSha256,
    };
  }
}

/**
 * The effective date of a referral's decision: `effectiveAt` (a past decision entered after the
 * fact) or now; not in the future nor before the referral was made (ValidationError naming it).
 * The referral was the referring case's latest move (it was read-only since), so this bound also
 * keeps that case's history in order.
 */
function decisionDateOf(now: Date, referral: ReferralRow, effectiveAt: string | undefined): Date {
  if (effectiveAt === undefined) return now;
  assertDateOrder(now, [
    {
      path: 'effectiveAt',
      at: effectiveAt,
      notBefore: { at: referral.effectiveAt, what: 'the referral was made' },
    },
  ]);
  return new Date(effectiveAt);
}

/** Only a pending referral can be accepted, declined or withdrawn (409 otherwise). */
function assertPending(referral: ReferralRow): void {
  if (referral.status !== 'pending') {
    throw new ConflictError(`The referral is ${referral.status}`, { status: referral.status });
  }
}
