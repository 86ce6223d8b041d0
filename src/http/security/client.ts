import type { MiddlewareHandler } from 'hono';
import { getConnInfo } from '@hono/node-server/conninfo';
import { TrustedProxies } from '#platform/net/trusted-proxies.js';
import type { HttpEnv } from '../openapi-app.js';

/** How Vigil is reached: behind a reverse proxy, the origin browsers use and the proxies it trusts. */
export type ProxyOptions = {
  /** VIGIL_PUBLIC_ORIGIN (e.g. https://vigil.example); default: each request's own origin. */
  publicOrigin?: string | null;
  /** VIGIL_TRUSTED_PROXIES; default: none (X-Forwarded-For is ignored). */
  trustedProxies?: readonly string[];
};

/**
 * Sets `clientIp` (the socket's peer, or the right-most untrusted X-Forwarded-For address when the
 * peer is a trusted proxy) and `origin` (the configured public origin, else the request URL's) for
 * the audit, the CSRF check and the session cookie.
 */
export function clientInfo(options: ProxyOptions = {}): MiddlewareHandler<HttpEnv> {
  const trusted = TrustedProxies.of(options.trustedProxies ?? []);
  const publicOrigin = options.publicOrigin ?? undefined;
  return async (c, next) => {
    c.set('clientIp', trusted.clientAddress(peerAddress(c), c.req.header('x-forwarded-for')));
    c.set('origin', publicOrigin ?? new URL(c.req.url).origin);
    await next();
  };
}

function peerAddress(c: Parameters<MiddlewareHandler>[0]): string | undefined {
  try {
    return getConnInfo(c).remote.address;
  } catch {
    // app.request() in tests has no socket.
    return undefined;
  }
}
