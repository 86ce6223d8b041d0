import { createRoute, z } from '@hono/zod-openapi';
import {
  AttributionViewSchema,
  JurisdictionRuleInputSchema,
  JurisdictionRuleSchema,
  LookupInputSchema,
  TorImportResultSchema,
} from '#core/attribution/attribution.schema.js';
import type { Core } from '#src/app.js';
import { createRouter } from '../openapi-app.js';

const json = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});

const lookupRoute = createRoute({
  method: 'post',
  path: '/attribution/lookup',
  tags: ['attribution'],
  summary: 'Attribute one IP at one time (IP in the body, never the URL)',
  request: {
    body: { content: { 'application/json': { schema: LookupInputSchema } }, required: true },
  },
  responses: { 200: json(AttributionViewSchema, 'Attribution') },
});

const sourcesRoute = createRoute({
  method: 'get',
  path: '/attribution/sources',
  tags: ['attribution'],
  summary: 'The attribution notice the UI must show with geolocation results',
  responses: { 200: json(z.object({ dataAttribution: z.string() }), 'Sources') },
});

const torRoute = createRoute({
  method: 'post',
  path: '/attribution/tor-lists',
  tags: ['attribution'],
  summary: 'Import a TorDNSEL exit-addresses list (text/plain)',
  request: { body: { content: { 'text/plain': { schema: { type: 'string' } } }, required: true } },
  responses: { 201: json(TorImportResultSchema, 'Imported') },
});

const listRulesRoute = createRoute({
  method: 'get',
  path: '/jurisdiction/rules',
  tags: ['jurisdiction'],
  summary: 'List jurisdiction rules',
  responses: { 200: json(z.array(JurisdictionRuleSchema), 'Rules') },
});

const setRuleRoute = createRoute({
  method: 'put',
  path: '/jurisdiction/rules',
  tags: ['jurisdiction'],
  summary: 'Create or replace the rule for a place',
  request: {
    body: {
      content: { 'application/json': { schema: JurisdictionRuleInputSchema } },
      required: true,
    },
  },
  responses: { 200: json(JurisdictionRuleSchema, 'Saved rule') },
});

const removeRuleRoute = createRoute({
  method: 'post',
  path: '/jurisdiction/rules/remove',
  tags: ['jurisdiction'],
  summary: 'Remove the rule for a place',
  request: {
    body: {
      content: {
        'application/json': {
          schema: JurisdictionRuleInputSchema.pick({
            countryCode: true,
            region: true,
            municipality: true,
          }),
        },
      },
      required: true,
    },
  },
  responses: { 204: { description: 'Removed' } },
});

export function attributionRoutes(core: Core) {
  return createRouter()
    .openapi(lookupRoute, async (c) =>
      c.json(await core.attribution.lookup(c.req.valid('json')), 200),
    )
    .openapi(sourcesRoute, (c) =>
      c.json({ dataAttribution: core.attribution.dataAttribution }, 200),
    )
    .openapi(torRoute, async (c) =>
      c.json(await core.attribution.importTorList(await c.req.text()), 201),
    )
    .openapi(listRulesRoute, async (c) => c.json(await core.attribution.listRules(), 200))
    .openapi(setRuleRoute, async (c) =>
      c.json(await core.attribution.setRule(c.req.valid('json')), 200),
    )
    .openapi(removeRuleRoute, async (c) => {
      await core.attribution.removeRule(c.req.valid('json'));
      return c.body(null, 204);
    });
}
