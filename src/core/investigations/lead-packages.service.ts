import { parseInput } from './parse.js';
import type { CallContext } from '#core/access/actor.js';
import { caseFieldScope, fieldList, intersectFields } from '#core/access/field-scope.js';
import { requireStepUp } from '#core/access/guards.js';
import { requireJustification } from '#core/access/justification.js';
import type { AuditNote, Trx } from '#core/audit/audit.service.js';
import { UnavailableError } from '#shared/errors.js';
import { fieldScopeOf, loadCase } from './case-access.js';
import { requireCasework, type InvestigationsDeps } from './investigations.deps.js';
import {
  buildLeadPackage,
  type LeadPackage,
  type LeadPackageRenderer,
  type PackageView,
} from './lead-package.js';
import { agencyTimeZone } from './package-wording.js';
import { loadReferral, packageOf } from './referral-access.js';
import type { ExportPackage, ReferralPackage } from './referrals.schema.js';
import { ExportPackageSchema } from './referrals.schema.js';

type Pdf = { fileName: string; pdf: Uint8Array };

/**
 * Lead packages: a case's own export (JSON or PDF, limited to the caller's field scope), and a
 * referral's package as sent (frozen at referral time, never read from the live case).
 */
export class LeadPackagesService {
  constructor(private readonly deps: InvestigationsDeps) {}

  /**
   * A referral's lead package as sent, with its SHA-256: for the sending agency always, for the
   * receiving agency while the referral is pending or accepted (declined or withdrawn: 404, as a
   * missing referral). Audited as a disclosure.
   */
  async referralPackage(ctx: CallContext, referralId: string): Promise<ReferralPackage> {
    return this.asSent(ctx, referralId, 'referral.package', async (sent) => sent);
  }

  /** The same package as sent, rendered as a PDF that shows its SHA-256. */
  async referralPackagePdf(ctx: CallContext, referralId: string): Promise<Pdf> {
    const render = this.renderer();
    return this.asSent(ctx, referralId, 'referral.package_pdf', async (sent, trx) => ({
      fileName: `lead-package-${sent.package.case.reference}-as-sent.pdf`,
      pdf: await render(
        sent.package,
        { sha256: sent.sha256, sentAt: sent.sentAt, frozenAt: sent.frozenAt },
        await viewOf(trx, ctx),
      ),
    }));
  }

  /**
   * Exports a case's lead package as JSON, limited to the caller's field scope. With identities it
   * needs a recent step-up and a justification (checked before anything is read) and the audit
   * row carries the justification.
   */
  async exportPackage(
    ctx: CallContext,
    caseId: string,
    input: ExportPackage,
  ): Promise<LeadPackage> {
    return this.exportAs(ctx, caseId, input, 'case.export', async (pkg) => pkg);
  }

  /** The same export rendered as a PDF (UnavailableError when no renderer is configured). */
  async exportPackagePdf(ctx: CallContext, caseId: string, input: ExportPackage): Promise<Pdf> {
    const render = this.renderer();
    return this.exportAs(ctx, caseId, input, 'case.export_pdf', async (pkg, trx) => ({
      fileName: `lead-package-${pkg.case.reference}.pdf`,
      pdf: await render(pkg, undefined, await viewOf(trx, ctx)),
    }));
  }

  private renderer(): LeadPackageRenderer {
    const render = this.deps.renderPdf;
    if (!render) throw new UnavailableError('PDF export is not configured');
    return render;
  }

  private async asSent<T>(
    ctx: CallContext,
    referralId: string,
    action: string,
    finish: (sent: ReferralPackage & { package: LeadPackage }, trx: Trx) => Promise<T>,
  ): Promise<T> {
    return this.deps.audit.run(ctx, action, 'disclosure', async (trx, note) => {
      requireCasework(ctx);
      note.objectType = 'referral';
      note.objectIds = [referralId];
      const now = this.deps.clock.now();
      const referral = await loadReferral(trx, ctx, referralId, 'package');
      const { frozen, frozenAt, pkg } = await packageOf(trx, referral, this.deps.cipher, now);
      note.details = {
        recipientOrganisationId: referral.toOrganisationId,
        packageSha256: frozen.sha256,
      };
      return finish(
        {
          referralId: referral.id,
          status: referral.status,
          sentAt: referral.createdAt.toISOString(),
          frozenAt: frozenAt.toISOString(),
          fieldScope: pkg.fieldScope,
          sha256: frozen.sha256,
          package: pkg,
        },
        trx,
      );
    });
  }

  private async exportAs<T>(
    ctx: CallContext,
    caseId: string,
    input: ExportPackage,
    action: string,
    finish: (pkg: LeadPackage, trx: Trx) => Promise<T>,
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
      const row = await loadCase(trx, ctx.actor, caseId, now);
      const pkg = await this.build(trx, ctx, row, now, data, note);
      return finish(pkg, trx);
    });
  }

  /** The package of the sections asked for (default: all the caller may see but the notes). */
  private async build(
    trx: Trx,
    ctx: CallContext,
    row: Awaited<ReturnType<typeof loadCase>>,
    now: Date,
    data: { includeIdentities: boolean; fieldScope?: string[] | undefined },
    note: AuditNote,
  ): Promise<LeadPackage> {
    const visible = await fieldScopeOf(trx, ctx.actor, row, now);
    const wanted = data.fieldScope
      ? caseFieldScope(data.fieldScope, 'fieldScope')
      : fieldList(visible).filter((f) => f !== 'notes');
    const fields = intersectFields(visible, wanted);
    const reveal = data.includeIdentities && fields.has('identities');
    note.details = {
      includeIdentities: reveal,
      fieldScope: fieldList(fields).join(','),
    };
    return buildLeadPackage(trx, row, now, {
      fields,
      revealWith: reveal ? this.deps.cipher : undefined,
      cipher: this.deps.cipher,
    });
  }
}

/** The reader's view: its agency's time zone (docs/INVESTIGATIONS.md) and the authority labels. */
async function viewOf(trx: Trx, ctx: CallContext): Promise<PackageView> {
  const organisationId = ctx.actor.kind === 'user' ? ctx.actor.organisationId : undefined;
  const agency = organisationId
    ? await trx
        .selectFrom('organisation')
        .select(['code', 'jurisdiction'])
        .where('id', '=', organisationId)
        .executeTakeFirst()
    : undefined;
  const types = await trx.selectFrom('legalAuthorityType').select(['code', 'label']).execute();
  return {
    timeZone: agency ? agencyTimeZone(agency.code, agency.jurisdiction) : 'UTC',
    authorityLabels: Object.fromEntries(types.map((t) => [t.code, t.label])),
  };
}
