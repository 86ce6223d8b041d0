import { parseInput } from './parse.js';
import type { CallContext } from '#core/access/actor.js';
import { requireUser } from '#core/access/guards.js';
import { NotFoundError, ValidationError } from '#shared/errors.js';
import { requireCasework, type InvestigationsDeps } from './investigations.deps.js';
import { UnitReportQuerySchema, type UnitReport, type UnitReportQuery } from './report.schema.js';
import { unitReport } from './unit-report.js';

/** Unit statistics for a period, from the workflow's records. */
export class ReportsService {
  constructor(private readonly deps: InvestigationsDeps) {}

  /**
   * The unit report of the caller's agency (the CLI operator names one with `agency`; a user may
   * name only their own, another answers NotFoundError).
   */
  async unitReport(ctx: CallContext, input: UnitReportQuery): Promise<UnitReport> {
    const query = parseInput(UnitReportQuerySchema, input, 'report period');
    return this.deps.audit.run(ctx, 'report.unit', 'consultation', async (trx, note) => {
      requireCasework(ctx);
      let agency;
      if (ctx.actor.kind === 'system') {
        if (!query.agency) {
          throw new ValidationError('Name the agency', [
            { path: 'agency', reason: 'required (--agency CODE)' },
          ]);
        }
        agency = await trx
          .selectFrom('organisation')
          .select(['id', 'code', 'name'])
          .where('code', '=', query.agency)
          .where('kind', '=', 'agency')
          .executeTakeFirst();
      } else {
        const user = requireUser(ctx.actor);
        agency = await trx
          .selectFrom('organisation')
          .select(['id', 'code', 'name'])
          .where('id', '=', user.organisationId)
          .executeTakeFirst();
        if (agency && query.agency && query.agency !== agency.code) agency = undefined;
      }
      if (!agency) throw new NotFoundError('agency not found');
      note.objectType = 'organisation';
      note.objectIds = [agency.id];
      note.organisationId = agency.id;
      note.details = { from: query.from, to: query.to };
      return unitReport(trx, agency, query.from, query.to);
    });
  }
}
