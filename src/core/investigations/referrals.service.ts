import { parseInput } from './parse.js';
import type { CallContext } from '#core/access/actor.js';
import { requireRole, requireStepUp, requireUser } from '#core/access/guards.js';
import { requireJustification } from '#core/access/justification.js';
import { assertFound } from '#core/access/scope.js';
import type { Trx } from '#core/audit/audit.service.js';
import { ConflictError, UnavailableError, ValidationError } from '#shared/errors.js';
import { loadCase, loadOpenCase, recordTransition, type CaseRow } from './case-access.js';
import { toSummary } from './case-view.js';
import type { CaseSummary } from './cases.schema.js';
import {
  actorId,
  requireCasework,
  SUPERVISION,
  type InvestigationsDeps,
} from './investigations.deps.js';
import { buildLeadPackage, type LeadPackage } from './lead-package.js';
import type { ExportPackage, ReferCase, ReferralView } from './referrals.schema.js';
import { ExportPackageSchema } from './referrals.schema.js';
import { assertTransition, type CaseState } from './workflow.js';

/** Referrals between agencies and lead packages. */
export class ReferralsService {
  constructor(private readonly deps: InvestigationsDeps) {}

  /**
   * Refers a case to another agency: the case becomes referred_out (read-only for the referring
   * agency) until the receiver accepts it or declines it. ValidationError for an unknown agency.
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
      await recordTransition(trx, row, {
        to: 'referred_out',
        at: now,
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
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      note.objectIds = [caseId, referral.id];
      note.details = { recipientOrganisationId: to.id };
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

  /** The lead package of a referral, for the receiving agency (identities masked). */
  async referralPackage(ctx: CallContext, referralId: string): Promise<LeadPackage> {
    return this.deps.audit.run(ctx, 'referral.package', 'disclosure', async (trx, note) => {
      requireCasework(ctx);
      note.objectType = 'referral';
      note.objectIds = [referralId];
      const referral = await this.referralFor(trx, ctx, referralId, 'either');
      const row = await trx
        .selectFrom('investigationCase')
        .selectAll()
        .where('id', '=', referral.caseId)
        .executeTakeFirstOrThrow();
      note.details = { recipientOrganisationId: referral.toOrganisationId };
      return buildLeadPackage(trx, row, this.deps.clock.now());
    });
  }

  /** The receiving agency accepts: it gets a case of its own, opened as a lead from the referral. */
  async accept(ctx: CallContext, referralId: string): Promise<CaseSummary> {
    return this.deps.audit.run(ctx, 'referral.accept', 'collection', async (trx, note) => {
      requireRole(ctx.actor, SUPERVISION);
      note.objectType = 'referral';
      note.objectIds = [referralId];
      const referral = await this.referralFor(trx, ctx, referralId, 'incoming');
      if (referral.status !== 'pending') {
        throw new ConflictError(`The referral is ${referral.status}`);
      }
      const now = this.deps.clock.now();
      const original = await trx
        .selectFrom('investigationCase')
        .selectAll()
        .where('id', '=', referral.caseId)
        .executeTakeFirstOrThrow();
      const keys = (
        await trx
          .selectFrom('caseSubject')
          .select('subjectKey')
          .where('caseId', '=', original.id)
          .execute()
      ).map((r) => r.subjectKey);
      const received = await trx
        .insertInto('investigationCase')
        .values({
          organisationId: referral.toOrganisationId,
          reference: `R-${original.reference}-${referralId.slice(0, 8)}`,
          title: original.title,
          state: 'lead',
          sourceKind: 'referral',
          cybertipReportId: original.cybertipReportId,
          receivedAt: now,
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
          receivedCaseId: received.id,
        })
        .where('id', '=', referralId)
        .execute();
      note.objectIds = [referralId, received.id];
      return toSummary(received, keys.sort());
    });
  }

  /** The receiving agency declines: the referring case returns to the state it was referred from. */
  async decline(ctx: CallContext, referralId: string, reason: string): Promise<ReferralView> {
    return this.deps.audit.run(ctx, 'referral.decline', 'alteration', async (trx, note) => {
      requireRole(ctx.actor, SUPERVISION);
      note.objectType = 'referral';
      note.objectIds = [referralId];
      const referral = await this.referralFor(trx, ctx, referralId, 'incoming');
      if (referral.status !== 'pending') {
        throw new ConflictError(`The referral is ${referral.status}`);
      }
      const now = this.deps.clock.now();
      const original = await trx
        .selectFrom('investigationCase')
        .selectAll()
        .where('id', '=', referral.caseId)
        .forUpdate()
        .executeTakeFirstOrThrow();
      await recordTransition(trx, original, {
        to: referral.fromState as CaseState,
        at: now,
        actorId: actorId(ctx.actor),
        reason: `referral ${referralId} declined`,
      });
      await trx
        .updateTable('referral')
        .set({
          status: 'declined',
          decidedBy: actorId(ctx.actor),
          decidedAt: now,
          decisionReason: reason,
        })
        .where('id', '=', referralId)
        .execute();
      return this.view(trx, referralId, referral.toOrganisationId);
    });
  }

  /**
   * Exports a case's lead package as JSON. With identities it needs a recent step-up and a
   * justification (checked before anything is read) and the audit row carries the justification.
   */
  async exportPackage(
    ctx: CallContext,
    caseId: string,
    input: ExportPackage,
  ): Promise<LeadPackage> {
    return this.exportAs(ctx, caseId, input, 'case.export', async (pkg) => pkg);
  }

  /** The same export rendered as a PDF (UnavailableError when no renderer is configured). */
  async exportPackagePdf(
    ctx: CallContext,
    caseId: string,
    input: ExportPackage,
  ): Promise<{ fileName: string; pdf: Uint8Array }> {
    const render = this.deps.renderPdf;
    if (!render) throw new UnavailableError('PDF export is not configured');
    return this.exportAs(ctx, caseId, input, 'case.export_pdf', async (pkg) => ({
      fileName: `lead-package-${pkg.case.reference}.pdf`,
      pdf: await render(pkg),
    }));
  }

  private async exportAs<T>(
    ctx: CallContext,
    caseId: string,
    input: ExportPackage,
    action: string,
    finish: (pkg: LeadPackage) => Promise<T>,
  ): Promise<T> {
    const data = parseInput(ExportPackageSchema, input, 'export');
    return this.deps.audit.run(ctx, action, 'disclosure', async (trx, note) => {
      requireCasework(ctx);
      note.objectType = 'case';
      note.objectIds = [caseId];
      const now = this.deps.clock.now();
      if (data.includeIdentities) {
        requireStepUp(ctx.actor, now, this.deps.stepUpMs);
        note.justification = requireJustification(data.justification);
        if (!this.deps.cipher) throw new UnavailableError('No encryption key is configured');
      }
      const row: CaseRow = await loadCase(trx, ctx.actor, caseId, now);
      note.details = { includeIdentities: data.includeIdentities };
      const pkg = await buildLeadPackage(
        trx,
        row,
        now,
        data.includeIdentities ? this.deps.cipher : undefined,
      );
      return finish(pkg);
    });
  }

  private async referralFor(
    trx: Trx,
    ctx: CallContext,
    referralId: string,
    side: 'incoming' | 'either',
  ) {
    let query = trx.selectFrom('referral').selectAll().where('id', '=', referralId);
    if (ctx.actor.kind !== 'system') {
      const org = requireUser(ctx.actor).organisationId;
      query =
        side === 'incoming'
          ? query.where('toOrganisationId', '=', org)
          : query.where((eb) =>
              eb.or([eb('fromOrganisationId', '=', org), eb('toOrganisationId', '=', org)]),
            );
    }
    return assertFound(await query.executeTakeFirst(), 'referral');
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
        'referral.decidedAt',
        'referral.decisionReason',
        'referral.receivedCaseId',
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
      decidedAt: r.decidedAt?.toISOString() ?? null,
      decisionReason: r.decisionReason,
      receivedCaseId: isOutgoing ? null : r.receivedCaseId,
    };
  }
}
