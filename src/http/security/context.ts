import type { Context } from 'hono';
import type { CallContext } from '#core/access/actor.js';
import type { HttpEnv } from '../openapi-app.js';

/** The audited call context of a request: actor, request id and client address. */
export function callContext(c: Context<HttpEnv>): CallContext {
  const ip = c.get('clientIp');
  return {
    actor: c.get('actor'),
    source: 'http',
    requestId: c.get('requestId'),
    ...(ip ? { ip } : {}),
  };
}
