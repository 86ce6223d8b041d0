import { createRoute, z } from '@hono/zod-openapi';
import {
  CreateRuleSetSchema,
  RuleSetSummarySchema,
  RuleSetVersionSchema,
  RuleSetViewSchema,
} from '#core/rule-sets/rule-sets.schema.js';
import type { Core } from '#src/app.js';
import { createRouter } from '../openapi-app.js';
import { callContext } from '../security/context.js';
import { jsonBody, jsonOk } from './route-helpers.js';

const listRoute = createRoute({
  method: 'get',
  path: '/rule-sets',
  tags: ['rule-sets'],
  summary: 'Every stored rule set version, newest (current) first',
  responses: { 200: jsonOk(z.array(RuleSetSummarySchema), 'The versions') },
});

const getRoute = createRoute({
  method: 'get',
  path: '/rule-sets/{version}',
  tags: ['rule-sets'],
  summary: 'One rule set version with its full definition',
  request: { params: z.object({ version: RuleSetVersionSchema }) },
  responses: {
    200: jsonOk(RuleSetViewSchema, 'The version'),
    400: { description: 'Not a version number' },
    404: { description: 'No such version' },
  },
});

const createRuleSetRoute = createRoute({
  method: 'post',
  path: '/rule-sets',
  tags: ['rule-sets'],
  summary: 'Store a changed rule set as the next version; scores change when the rescore job runs',
  request: jsonBody(CreateRuleSetSchema),
  responses: {
    201: jsonOk(
      RuleSetViewSchema.extend({ rescoreJobId: z.string() }),
      'The new version; a rescore is enqueued',
    ),
    400: { description: 'Invalid definition (path and reason in details)' },
  },
});

export function ruleSetsRoutes(core: Core) {
  return createRouter()
    .openapi(listRoute, async (c) => c.json(await core.ruleSets.listRuleSets(callContext(c)), 200))
    .openapi(getRoute, async (c) =>
      c.json(await core.ruleSets.getRuleSet(callContext(c), c.req.valid('param').version), 200),
    )
    .openapi(createRuleSetRoute, async (c) =>
      c.json(await core.ruleSets.createRuleSet(callContext(c), c.req.valid('json')), 201),
    );
}
