import { createRoute, z } from '@hono/zod-openapi';
import { HealthSchema } from '#core/system/system.schema.js';
import type { Core } from '#src/app.js';
import { createRouter } from '../openapi-app.js';

const healthRoute = createRoute({
  method: 'get',
  path: '/health',
  tags: ['system'],
  summary: 'Database, migrations, audit and job worker; 503 names the failing component',
  responses: {
    200: { description: 'Healthy', content: { 'application/json': { schema: HealthSchema } } },
    503: { description: 'Degraded', content: { 'application/json': { schema: HealthSchema } } },
  },
});

const metricsRoute = createRoute({
  method: 'get',
  path: '/metrics',
  tags: ['system'],
  summary: 'Prometheus metrics (system administrators, or their API token scoped system_admin)',
  responses: {
    200: {
      description: 'Prometheus text exposition format',
      content: { 'text/plain': { schema: z.string() } },
    },
  },
});

export function systemRoutes(core: Core) {
  return createRouter()
    .openapi(healthRoute, async (c) => {
      const health = await core.system.getHealth();
      return c.json(health, health.status === 'ok' ? 200 : 503);
    })
    .openapi(metricsRoute, async (c) => {
      const { contentType, body } = await core.metrics.render();
      return c.text(body, 200, { 'Content-Type': contentType });
    });
}
