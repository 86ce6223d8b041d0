import { createRoute, z } from '@hono/zod-openapi';
import {
  AttachIdentitySchema,
  AuthorityTypeSchema,
  AuthorityViewSchema,
  ExpiringAuthoritySchema,
  ExpiringQuerySchema,
  MaskedIdentitySchema,
  OffenceSchema,
  RecordAuthoritySchema,
  RevealedIdentitySchema,
  RevealSchema,
} from '#core/investigations/legal.schema.js';
import { RecordThirdPartyIpsSchema } from '#core/investigations/third-party-ips.schema.js';
import type { Core } from '#src/app.js';
import { createRouter } from '../openapi-app.js';
import { callContext } from '../security/context.js';
import { IdParamsSchema, jsonBody, jsonOk } from './route-helpers.js';

const tags = ['legal authority'];
const params = { params: IdParamsSchema };
const err = (description: string) => ({ description });

const types = createRoute({
  method: 'get',
  path: '/legal-authority-types',
  tags,
  summary:
    'Kinds of legal authority (configuration data: production orders, preservation, warrants)',
  responses: { 200: jsonOk(z.array(AuthorityTypeSchema)) },
});
const offences = createRoute({
  method: 'get',
  path: '/offences',
  tags,
  summary: 'The maintained offences list, every wording with its dates in force',
  responses: { 200: jsonOk(z.array(OffenceSchema)) },
});
const record = createRoute({
  method: 'post',
  path: '/cases/{id}/authorities',
  tags,
  summary:
    'Record a legal authority (R19): type, court, number, dates, scope (IPs x times), document hash',
  request: { ...params, ...jsonBody(RecordAuthoritySchema) },
  responses: { 201: jsonOk(AuthorityViewSchema, 'Recorded'), 400: err('Invalid authority') },
});
const attach = createRoute({
  method: 'post',
  path: '/cases/{id}/identities',
  tags,
  summary: 'Attach a subscriber identity to a case subject under a covering authority (else 422)',
  request: { ...params, ...jsonBody(AttachIdentitySchema) },
  responses: {
    201: jsonOk(MaskedIdentitySchema, 'Attached (shown masked)'),
    422: err('No authority of the case covers this IP and time; nothing stored'),
    428: err('Justification required'),
  },
});
const reveal = createRoute({
  method: 'post',
  path: '/identities/{id}/reveal',
  tags,
  summary: 'Reveal one identity: needs a recent step-up and a justification (audited)',
  request: { ...params, ...jsonBody(RevealSchema) },
  responses: {
    200: jsonOk(RevealedIdentitySchema),
    401: err('Step-up required'),
    428: err('Justification required'),
  },
});

const thirdParty = createRoute({
  method: 'post',
  path: '/cases/{id}/third-party-ips',
  tags,
  summary:
    'Record addresses a third party provided, with provenance and basis (R19: under an authority, all in its scope or 422)',
  request: { ...params, ...jsonBody(RecordThirdPartyIpsSchema) },
  responses: {
    201: jsonOk(z.object({ ids: z.array(z.uuid()) }), 'Recorded'),
    422: err('Outside the authority or its scope; nothing stored'),
  },
});

const expiring = createRoute({
  method: 'get',
  path: '/legal-authorities/expiring',
  tags,
  summary: 'Expiry timers: authorities of open cases expiring within withinDays (default 14)',
  request: { query: ExpiringQuerySchema },
  responses: { 200: jsonOk(z.array(ExpiringAuthoritySchema)) },
});

export function investigationsLegalRoutes(core: Core) {
  const legal = core.investigations.legal;
  return createRouter()
    .openapi(types, async (c) => c.json(await legal.listAuthorityTypes(callContext(c)), 200))
    .openapi(offences, async (c) => c.json(await legal.listOffences(callContext(c)), 200))
    .openapi(expiring, async (c) =>
      c.json(await legal.listExpiring(callContext(c), c.req.valid('query')), 200),
    )
    .openapi(record, async (c) =>
      c.json(
        await legal.recordAuthority(callContext(c), c.req.valid('param').id, c.req.valid('json')),
        201,
      ),
    )
    .openapi(attach, async (c) =>
      c.json(
        await legal.attachIdentity(callContext(c), c.req.valid('param').id, c.req.valid('json')),
        201,
      ),
    )
    .openapi(thirdParty, async (c) =>
      c.json(
        await core.investigations.thirdPartyIps.record(
          callContext(c),
          c.req.valid('param').id,
          c.req.valid('json'),
        ),
        201,
      ),
    )
    .openapi(reveal, async (c) =>
      c.json(
        await legal.revealIdentity(
          callContext(c),
          c.req.valid('param').id,
          c.req.valid('json').justification,
        ),
        200,
      ),
    );
}
