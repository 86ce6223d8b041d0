import { createRoute } from '@hono/zod-openapi';
import { AuditPageSchema, AuditQuerySchema } from '#core/audit/audit.schema.js';
import type { Core } from '#src/app.js';
import { createRouter } from '../openapi-app.js';
import { callContext } from '../security/context.js';
import { jsonOk } from './route-helpers.js';

const list = createRoute({
  method: 'get',
  path: '/audit',
  tags: ['audit'],
  summary: "The organisation's audit rows (auditors; audited)",
  request: { query: AuditQuerySchema },
  responses: { 200: jsonOk(AuditPageSchema) },
});

export function auditRoutes(core: Core) {
  return createRouter().openapi(list, async (c) =>
    c.json(await core.auditReader.listAudit(callContext(c), c.req.valid('query')), 200),
  );
}
