import type { Context } from 'hono';
import { getConnInfo } from '@hono/node-server/conninfo';
import type { CallContext } from '#core/access/actor.js';
import type { HttpEnv } from '../openapi-app.js';

/** The audited call context of a request: actor, request id and client address. */
export function callContext(c: Context<HttpEnv>): CallContext {
  return {
    actor: c.get('actor'),
    source: 'http',
    requestId: c.get('requestId'),
    ...(clientIp(c) ? { ip: clientIp(c)! } : {}),
  };
}

function clientIp(c: Context): string | undefined {
  try {
    return getConnInfo(c).remote.address;
  } catch {
    // app.request() in tests has no socket.
    return undefined;
  }
}
