/**
 * @module Investigations: cases and their workflow, legal authority and subscriber identities,
 * warrants, arrests, charges, victims, referrals, lead packages and the unit report.
 */
import { CasesService } from './cases.service.js';
import type { InvestigationsDeps } from './investigations.deps.js';
import { LegalService } from './legal.service.js';
import { RecordsService } from './records.service.js';
import { LeadPackagesService } from './lead-packages.service.js';
import { ReferralsService } from './referrals.service.js';
import { ReportsService } from './reports.service.js';
import { ThirdPartyIpService } from './third-party-ips.service.js';
import { caseDetail, type CaseDetail } from './case-detail.js';
import { fieldScopeOf, loadCase } from './case-access.js';
import type { CallContext } from '#core/access/actor.js';
import { actorId, requireCasework } from './investigations.deps.js';

/** The investigations domain's services, built once by the composition root. */
export function buildInvestigations(deps: InvestigationsDeps) {
  return {
    cases: new CasesService(deps),
    legal: new LegalService(deps),
    records: new RecordsService(deps),
    referrals: new ReferralsService(deps),
    packages: new LeadPackagesService(deps),
    reports: new ReportsService(deps),
    thirdPartyIps: new ThirdPartyIpService(deps),
    /**
     * One case with everything on it that the caller's field scope shows (identities masked);
     * NotFoundError when not visible.
     */
    getCase: (ctx: CallContext, id: string): Promise<CaseDetail> =>
      deps.audit.run(ctx, 'case.read', 'consultation', async (trx, note) => {
        requireCasework(ctx);
        note.objectType = 'case';
        note.objectIds = [id];
        const now = deps.clock.now();
        const row = await loadCase(trx, ctx.actor, id, now);
        const fields = await fieldScopeOf(trx, ctx.actor, row, now);
        return caseDetail(trx, row, now, deps.cipher, fields, actorId(ctx.actor));
      }),
  };
}

export type Investigations = ReturnType<typeof buildInvestigations>;
