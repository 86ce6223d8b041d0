import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { CaseSummarySchema } from '#core/investigations/cases.schema.js';
import { UnitReportQuerySchema, UnitReportSchema } from '#core/investigations/report.schema.js';
import {
  AcceptSchema,
  DeclineSchema,
  ExportPackageSchema,
  LeadPackageSchema,
  ReferCaseSchema,
  ReferralPackageSchema,
  ReferralViewSchema,
} from '#core/investigations/referrals.schema.js';
import type { Core } from '#src/app.js';
import { createRouter } from '../openapi-app.js';
import { callContext } from '../security/context.js';
import {
  emptyJsonAsObject,
  IdParamsSchema,
  jsonBody,
  jsonOk,
  optionalJsonBody,
} from './route-helpers.js';

const tags = ['referrals'];
const params = { params: IdParamsSchema };

const refer = createRoute({
  method: 'post',
  path: '/cases/{id}/referrals',
  tags,
  summary: 'Refer a case to another agency (the case becomes read-only, referred_out)',
  request: { ...params, ...jsonBody(ReferCaseSchema) },
  responses: { 201: jsonOk(ReferralViewSchema, 'Referred') },
});
const list = createRoute({
  method: 'get',
  path: '/referrals',
  tags,
  summary: 'Referrals the agency sent or received',
  responses: { 200: jsonOk(z.array(ReferralViewSchema)) },
});
const pdfResponse = (description: string) => ({
  description,
  content: { 'application/pdf': { schema: z.string().openapi({ format: 'binary' }) } },
});
const pkg = createRoute({
  method: 'get',
  path: '/referrals/{id}/package',
  tags,
  summary:
    'The lead package of a referral as sent, with its SHA-256 (receiving agency: while pending or accepted)',
  request: params,
  responses: { 200: jsonOk(ReferralPackageSchema) },
});
const pkgPdf = createRoute({
  method: 'get',
  path: '/referrals/{id}/package/pdf',
  tags,
  summary: 'The lead package of a referral as sent, as a PDF showing its SHA-256',
  request: params,
  responses: { 200: pdfResponse('The lead package as sent, as a PDF') },
});
const accept = createRoute({
  method: 'post',
  path: '/referrals/{id}/accept',
  tags,
  summary: 'Accept a referral: the receiving agency gets a case of its own',
  middleware: emptyJsonAsObject,
  request: { ...params, ...optionalJsonBody(AcceptSchema) },
  responses: { 201: jsonOk(CaseSummarySchema, 'The receiving agency’s new case') },
});
const decline = createRoute({
  method: 'post',
  path: '/referrals/{id}/decline',
  tags,
  summary: 'Decline a referral: the referring case returns to its earlier state',
  request: { ...params, ...jsonBody(DeclineSchema) },
  responses: { 200: jsonOk(ReferralViewSchema) },
});
const withdraw = createRoute({
  method: 'post',
  path: '/referrals/{id}/withdraw',
  tags,
  summary: 'Withdraw a pending referral: the referring case returns to its earlier state',
  request: { ...params, ...jsonBody(DeclineSchema) },
  responses: { 200: jsonOk(ReferralViewSchema) },
});
const exportPackage = createRoute({
  method: 'post',
  path: '/cases/{id}/package',
  tags,
  summary: 'Export the lead package as JSON (identities only with a step-up and a justification)',
  request: { ...params, ...jsonBody(ExportPackageSchema) },
  responses: { 200: jsonOk(LeadPackageSchema) },
});
const exportPdf = createRoute({
  method: 'post',
  path: '/cases/{id}/package/pdf',
  tags,
  summary: 'Export the lead package as PDF (identities only with a step-up and a justification)',
  request: { ...params, ...jsonBody(ExportPackageSchema) },
  responses: { 200: pdfResponse('The lead package as a PDF') },
});
const report = createRoute({
  method: 'get',
  path: '/reports/unit',
  tags: ['reports'],
  summary: 'Unit statistics for a period, computed from the workflow’s records',
  request: { query: UnitReportQuerySchema },
  responses: { 200: jsonOk(UnitReportSchema) },
});

/** A PDF download (`attachment`, named by the core). */
function pdfBody(c: Context, { fileName, pdf }: { fileName: string; pdf: Uint8Array }) {
  return c.body(pdf as Uint8Array<ArrayBuffer>, 200, {
    'content-type': 'application/pdf',
    'content-disposition': `attachment; filename="${fileName}"`,
  });
}

export function investigationsReferralsRoutes(core: Core) {
  const { referrals, packages, reports } = core.investigations;
  return createRouter()
    .openapi(refer, async (c) =>
      c.json(
        await referrals.refer(callContext(c), c.req.valid('param').id, c.req.valid('json')),
        201,
      ),
    )
    .openapi(list, async (c) => c.json(await referrals.listReferrals(callContext(c)), 200))
    .openapi(pkg, async (c) =>
      c.json(await packages.referralPackage(callContext(c), c.req.valid('param').id), 200),
    )
    .openapi(pkgPdf, async (c) =>
      pdfBody(c, await packages.referralPackagePdf(callContext(c), c.req.valid('param').id)),
    )
    .openapi(accept, async (c) =>
      c.json(
        await referrals.accept(callContext(c), c.req.valid('param').id, c.req.valid('json')),
        201,
      ),
    )
    .openapi(decline, async (c) =>
      c.json(
        await referrals.decline(callContext(c), c.req.valid('param').id, c.req.valid('json')),
        200,
      ),
    )
    .openapi(withdraw, async (c) =>
      c.json(
        await referrals.withdraw(callContext(c), c.req.valid('param').id, c.req.valid('json')),
        200,
      ),
    )
    .openapi(exportPackage, async (c) =>
      c.json(
        await packages.exportPackage(callContext(c), c.req.valid('param').id, c.req.valid('json')),
        200,
      ),
    )
    .openapi(exportPdf, async (c) =>
      pdfBody(
        c,
        await packages.exportPackagePdf(
          callContext(c),
          c.req.valid('param').id,
          c.req.valid('json'),
        ),
      ),
    )
    .openapi(report, async (c) =>
      c.json(await reports.unitReport(callContext(c), c.req.valid('query')), 200),
    );
}
