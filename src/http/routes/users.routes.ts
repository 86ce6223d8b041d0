import { createRoute, z } from '@hono/zod-openapi';
import { CreatedTokenSchema, CreateTokenSchema, TokenViewSchema } from '#core/auth/auth.schema.js';
import {
  CreatedUserSchema,
  CreateUserSchema,
  ResetResultSchema,
  SetRolesSchema,
  UserViewSchema,
} from '#core/users/users.schema.js';
import type { Core } from '#src/app.js';
import { createRouter } from '../openapi-app.js';
import { callContext } from '../security/context.js';
import { IdParamsSchema, jsonBody, jsonOk, NoContent } from './route-helpers.js';

const tags = ['users'];
const params = { params: IdParamsSchema };
const list = createRoute({
  method: 'get',
  path: '/users',
  tags,
  summary: 'Accounts the caller may see',
  request: { query: z.object({ organisationId: z.uuid().optional() }) },
  responses: { 200: jsonOk(z.array(UserViewSchema)) },
});
const create = createRoute({
  method: 'post',
  path: '/users',
  tags,
  summary: 'Create an account (TOTP secret shown once)',
  request: jsonBody(CreateUserSchema),
  responses: { 201: jsonOk(CreatedUserSchema, 'Created') },
});
const get = createRoute({
  method: 'get',
  path: '/users/{id}',
  tags,
  summary: 'One account',
  request: params,
  responses: { 200: jsonOk(UserViewSchema) },
});
const action = (path: string, summary: string, schema: z.ZodType) =>
  createRoute({
    method: 'post',
    path: `/users/{id}/${path}`,
    tags,
    summary,
    request: params,
    responses: { 200: jsonOk(schema) },
  });
const disable = action('disable', 'Disable an account and end its sessions', UserViewSchema);
const passwordReset = action(
  'password-reset',
  'Reset the credentials of an account of lower rank: a temporary password (shown once), TOTP cleared; a new password and TOTP enrolment at the next sign-in',
  ResetResultSchema,
);
const mfaReset = action(
  'mfa-reset',
  'The same reset as password-reset (a sign-in without a second factor needs a temporary password)',
  ResetResultSchema,
);
const unlock = action('unlock', 'Release a locked account', UserViewSchema);
const roles = createRoute({
  method: 'put',
  path: '/users/{id}/roles',
  tags,
  summary: "Replace an account's roles",
  request: { ...params, ...jsonBody(SetRolesSchema) },
  responses: { 200: jsonOk(UserViewSchema) },
});
const listTokens = createRoute({
  method: 'get',
  path: '/users/{id}/tokens',
  tags: ['tokens'],
  summary: "An account's API tokens",
  request: params,
  responses: { 200: jsonOk(z.array(TokenViewSchema)) },
});
const createToken = createRoute({
  method: 'post',
  path: '/users/{id}/tokens',
  tags: ['tokens'],
  summary: 'Issue a scoped, expiring API token (shown once)',
  request: { ...params, ...jsonBody(CreateTokenSchema) },
  responses: { 201: jsonOk(CreatedTokenSchema, 'Created') },
});
const revokeToken = createRoute({
  method: 'delete',
  path: '/tokens/{id}',
  tags: ['tokens'],
  summary: 'Revoke an API token',
  request: params,
  responses: { 204: NoContent },
});

export function usersRoutes(core: Core) {
  const u = core.users;
  return createRouter()
    .openapi(list, async (c) =>
      c.json(await u.listUsers(callContext(c), c.req.valid('query').organisationId), 200),
    )
    .openapi(create, async (c) =>
      c.json(await u.createUser(callContext(c), c.req.valid('json')), 201),
    )
    .openapi(get, async (c) =>
      c.json(await u.getUser(callContext(c), c.req.valid('param').id), 200),
    )
    .openapi(disable, async (c) =>
      c.json(await u.disableUser(callContext(c), c.req.valid('param').id), 200),
    )
    .openapi(passwordReset, async (c) =>
      c.json(await u.resetPassword(callContext(c), c.req.valid('param').id), 200),
    )
    .openapi(mfaReset, async (c) =>
      c.json(await u.resetMfa(callContext(c), c.req.valid('param').id), 200),
    )
    .openapi(unlock, async (c) =>
      c.json(await u.unlockUser(callContext(c), c.req.valid('param').id), 200),
    )
    .openapi(roles, async (c) =>
      c.json(await u.setRoles(callContext(c), c.req.valid('param').id, c.req.valid('json')), 200),
    )
    .openapi(listTokens, async (c) =>
      c.json(await core.tokens.listTokens(callContext(c), c.req.valid('param').id), 200),
    )
    .openapi(createToken, async (c) =>
      c.json(
        await core.tokens.createToken(callContext(c), c.req.valid('param').id, c.req.valid('json')),
        201,
      ),
    )
    .openapi(revokeToken, async (c) => {
      await core.tokens.revokeToken(callContext(c), c.req.valid('param').id);
      return c.body(null, 204);
    });
}
