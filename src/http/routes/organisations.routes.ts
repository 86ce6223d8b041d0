import { createRoute, z } from '@hono/zod-openapi';
import {
  CreateOrganisationSchema,
  CreateShareSchema,
  OrganisationViewSchema,
  ShareViewSchema,
} from '#core/organisations/organisations.schema.js';
import type { Core } from '#src/app.js';
import { createRouter } from '../openapi-app.js';
import { callContext } from '../security/context.js';
import { IdParamsSchema, jsonBody, jsonOk, NoContent } from './route-helpers.js';

const tags = ['organisations'];
const list = createRoute({
  method: 'get',
  path: '/organisations',
  tags,
  summary: 'Organisations visible to the caller',
  responses: { 200: jsonOk(z.array(OrganisationViewSchema)) },
});
const create = createRoute({
  method: 'post',
  path: '/organisations',
  tags,
  summary: 'Create an agency or partner tenant',
  request: jsonBody(CreateOrganisationSchema),
  responses: { 201: jsonOk(OrganisationViewSchema, 'Created') },
});
const get = createRoute({
  method: 'get',
  path: '/organisations/{id}',
  tags,
  summary: 'One organisation',
  request: { params: IdParamsSchema },
  responses: { 200: jsonOk(OrganisationViewSchema) },
});
const listShares = createRoute({
  method: 'get',
  path: '/shares',
  tags: ['shares'],
  summary: 'Shares granted or received',
  responses: { 200: jsonOk(z.array(ShareViewSchema)) },
});
const createShare = createRoute({
  method: 'post',
  path: '/shares',
  tags: ['shares'],
  summary: 'Share with another organisation',
  request: jsonBody(CreateShareSchema),
  responses: { 201: jsonOk(ShareViewSchema, 'Created') },
});
const revokeShare = createRoute({
  method: 'delete',
  path: '/shares/{id}',
  tags: ['shares'],
  summary: 'Revoke a share',
  request: { params: IdParamsSchema },
  responses: { 204: NoContent },
});

export function organisationsRoutes(core: Core) {
  const o = core.organisations;
  return createRouter()
    .openapi(list, async (c) => c.json(await o.listOrganisations(callContext(c)), 200))
    .openapi(create, async (c) =>
      c.json(await o.createOrganisation(callContext(c), c.req.valid('json')), 201),
    )
    .openapi(get, async (c) =>
      c.json(await o.getOrganisation(callContext(c), c.req.valid('param').id), 200),
    )
    .openapi(listShares, async (c) => c.json(await o.listShares(callContext(c)), 200))
    .openapi(createShare, async (c) =>
      c.json(await o.createShare(callContext(c), c.req.valid('json')), 201),
    )
    .openapi(revokeShare, async (c) => {
      await o.revokeShare(callContext(c), c.req.valid('param').id);
      return c.body(null, 204);
    });
}
