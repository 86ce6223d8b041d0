import type { Context } from 'hono';
import { CsrfRejectedError } from '#shared/errors.js';
import type { HttpEnv } from '../openapi-app.js';

/** The custom header Vigil's own pages send; a cross-site form or fetch cannot send it without CORS. */
export const CSRF_HEADER = 'x-vigil-request';

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * CSRF defence for cookie-authenticated (and login) requests: an unsafe method needs the custom
 * header, a same-origin Origin / Sec-Fetch-Site when the browser sends them, and a JSON (or raw
 * upload) body (text/plain and form posts are refused). The Origin is compared with the public
 * origin (VIGIL_PUBLIC_ORIGIN; behind a TLS proxy the request Vigil sees is plain http), else with
 * the request's own. Bearer-token requests carry no ambient credential and skip this check.
 */
export function assertSameOrigin(c: Context<HttpEnv>): void {
  if (SAFE.has(c.req.method)) return;
  if (c.req.header('authorization')?.startsWith('Bearer ')) return;
  const site = c.req.header('sec-fetch-site');
  if (site !== undefined && site !== 'same-origin' && site !== 'none') {
    throw reject('cross-site request');
  }
  const origin = c.req.header('origin');
  if (origin !== undefined && origin !== c.get('origin')) throw reject('foreign Origin');
  if (c.req.header(CSRF_HEADER) !== '1') throw reject(`missing ${CSRF_HEADER}: 1 header`);
  const type = c.req.header('content-type');
  // File uploads stream raw bytes; the custom header above already rules out cross-site forms.
  if (type !== undefined && !/^application\/(json|octet-stream)\b/i.test(type)) {
    throw reject('body must be application/json or application/octet-stream');
  }
}

function reject(reason: string): CsrfRejectedError {
  return new CsrfRejectedError(`Request refused (CSRF defence): ${reason}`);
}
