import { createRoute, z } from '@hono/zod-openapi';
import {
  AnonymiserExplanationSchema,
  AssignmentSchema,
  CaseListSchema,
  CaseSummarySchema,
  ConfirmationSchema,
  ListCasesQuerySchema,
  OpenCaseSchema,
  ReadinessSchema,
  TransitionSchema,
} from '#core/investigations/cases.schema.js';
import type { Core } from '#src/app.js';
import { createRouter } from '../openapi-app.js';
import { callContext } from '../security/context.js';
import { IdParamsSchema, jsonBody, jsonOk } from './route-helpers.js';

const tags = ['cases'];
const params = { params: IdParamsSchema };
const err = (description: string) => ({ description });

const open = createRoute({
  method: 'post',
  path: '/cases',
  tags,
  summary: 'Open a case (state lead) from subjects or a CyberTip, for the caller’s agency',
  request: jsonBody(OpenCaseSchema),
  responses: { 201: jsonOk(CaseSummarySchema, 'Opened'), 400: err('Invalid input') },
});
const list = createRoute({
  method: 'get',
  path: '/cases',
  tags,
  summary: 'The agency’s cases, newest first',
  request: { query: ListCasesQuerySchema },
  responses: { 200: jsonOk(CaseListSchema) },
});
const get = createRoute({
  method: 'get',
  path: '/cases/{id}',
  tags,
  summary: 'One case with its workflow records (identities masked) and readiness checklist',
  request: params,
  responses: { 200: jsonOk(z.record(z.string(), z.unknown())), 404: err('Not found') },
});
const transition = createRoute({
  method: 'post',
  path: '/cases/{id}/transitions',
  tags,
  summary: 'Move a case: assess, request legal process, or close with a disposition',
  request: { ...params, ...jsonBody(TransitionSchema) },
  responses: { 200: jsonOk(CaseSummarySchema), 409: err('Not allowed from the current state') },
});
const assign = createRoute({
  method: 'put',
  path: '/cases/{id}/assignment',
  tags,
  summary: 'Assign the investigator and supervisor',
  request: { ...params, ...jsonBody(AssignmentSchema) },
  responses: { 200: jsonOk(CaseSummarySchema) },
});
const readiness = createRoute({
  method: 'get',
  path: '/cases/{id}/readiness',
  tags,
  summary: 'The warrant-readiness checklist, computed from the case’s records',
  request: params,
  responses: { 200: jsonOk(ReadinessSchema) },
});
const confirm = createRoute({
  method: 'post',
  path: '/cases/{id}/confirmations',
  tags,
  summary: 'A second person confirms the attribution (readiness item)',
  request: { ...params, ...jsonBody(ConfirmationSchema) },
  responses: { 200: jsonOk(ReadinessSchema) },
});
const explain = createRoute({
  method: 'put',
  path: '/cases/{id}/anonymiser-explanation',
  tags,
  summary: 'Explain why an anonymiser flag does not undo the attribution (readiness item)',
  request: { ...params, ...jsonBody(AnonymiserExplanationSchema) },
  responses: { 200: jsonOk(ReadinessSchema) },
});

export function investigationsRoutes(core: Core) {
  const inv = core.investigations;
  return createRouter()
    .openapi(open, async (c) =>
      c.json(await inv.cases.openCase(callContext(c), c.req.valid('json')), 201),
    )
    .openapi(list, async (c) =>
      c.json(await inv.cases.listCases(callContext(c), c.req.valid('query')), 200),
    )
    .openapi(get, async (c) =>
      c.json(await inv.getCase(callContext(c), c.req.valid('param').id), 200),
    )
    .openapi(transition, async (c) =>
      c.json(
        await inv.cases.transition(callContext(c), c.req.valid('param').id, c.req.valid('json')),
        200,
      ),
    )
    .openapi(assign, async (c) =>
      c.json(
        await inv.cases.assign(callContext(c), c.req.valid('param').id, c.req.valid('json')),
        200,
      ),
    )
    .openapi(readiness, async (c) =>
      c.json(await inv.cases.readiness(callContext(c), c.req.valid('param').id), 200),
    )
    .openapi(confirm, async (c) =>
      c.json(
        await inv.cases.confirm(callContext(c), c.req.valid('param').id, c.req.valid('json')),
        200,
      ),
    )
    .openapi(explain, async (c) =>
      c.json(
        await inv.cases.explainAnonymiser(
          callContext(c),
          c.req.valid('param').id,
          c.req.valid('json').text,
        ),
        200,
      ),
    );
}
