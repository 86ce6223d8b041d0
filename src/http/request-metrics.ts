import type { MiddlewareHandler } from 'hono';
import { matchedRoutes } from 'hono/route';
import type { Metrics } from '#platform/metrics/metrics.js';
import { policyKey } from './security/route-policy.js';

/**
 * Counts every API request by method, route template (`/api/users/{id}`, never the concrete path,
 * so no identifier reaches the metrics) and status, errors included.
 */
export function requestMetrics(metrics: Metrics): MiddlewareHandler {
  return async (c, next) => {
    const started = performance.now();
    try {
      await next();
    } finally {
      const route = matchedRoutes(c).findLast((r) => r.method !== 'ALL' && r.path !== '/*');
      const template = route ? policyKey(route.method, route.path).split(' ')[1]! : 'unmatched';
      metrics.observeRequest(
        c.req.method,
        template,
        c.res.status,
        (performance.now() - started) / 1000,
      );
    }
  };
}
