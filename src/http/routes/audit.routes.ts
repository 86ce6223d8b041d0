import { createRoute } from '@hono/zod-openapi';
import { z } from '@hono/zod-openapi';
import { AuditPageSchema, AuditQuerySchema } from '#core/audit/audit.schema.js';
import { CheckpointExportSchema } from '#core/audit/checkpoint.js';
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

const checkpoints = createRoute({
  method: 'get',
  path: '/audit/checkpoints',
  tags: ['audit'],
  summary:
    'Signed checkpoints of the audit chain head with their public keys, to keep off the machine (auditors; audited)',
  request: { query: z.object({ since: z.iso.datetime().optional() }) },
  responses: { 200: jsonOk(CheckpointExportSchema) },
});

export function auditRoutes(core: Core) {
  return createRouter()
    .openapi(list, async (c) =>
      c.json(await core.auditReader.listAudit(callContext(c), c.req.valid('query')), 200),
    )
    .openapi(checkpoints, async (c) => {
      const { since } = c.req.valid('query');
      const exported = await core.auditCheckpoints.exportCheckpoints(
        callContext(c),
        since === undefined ? undefined : new Date(since),
      );
      return c.json(exported, 200);
    });
}
