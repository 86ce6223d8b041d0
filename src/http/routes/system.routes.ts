import { createRoute } from '@hono/zod-openapi';
import { HealthSchema } from '#core/system/system.schema.js';
import type { Core } from '#src/app.js';
import { createRouter } from '../openapi-app.js';

const healthRoute = createRoute({
  method: 'get',
  path: '/health',
  tags: ['system'],
  summary: 'Database reachable and migrations current',
  responses: {
    200: { description: 'Healthy', content: { 'application/json': { schema: HealthSchema } } },
    503: { description: 'Degraded', content: { 'application/json': { schema: HealthSchema } } },
  },
});

export function systemRoutes(core: Core) {
  return createRouter().openapi(healthRoute, async (c) => {
    const health = await core.system.getHealth();
    return c.json(health, health.status === 'ok' ? 200 : 503);
  });
}
