import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { HttpEnv } from '../openapi-app.js';

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);
type Ctx = Context<HttpEnv>;

/**
 * Secure unless configured off, or (auto) the browser's origin (the public origin, else the
 * request's) is plain HTTP on loopback, for development.
 */
export function isSecureCookie(c: Ctx, setting: 'auto' | 'true' | 'false'): boolean {
  if (setting !== 'auto') return setting === 'true';
  const url = new URL(c.get('origin'));
  return !(url.protocol === 'http:' && LOOPBACK.has(url.hostname));
}

// __Host- binds the cookie to this exact origin (Secure, path /, no Domain).
const cookieName = (secure: boolean) => (secure ? '__Host-vigil_session' : 'vigil_session');

export function readSessionCookie(c: Ctx, setting: 'auto' | 'true' | 'false'): string | undefined {
  return getCookie(c, cookieName(isSecureCookie(c, setting)));
}

/** HttpOnly, SameSite=Strict, path /; a session cookie (no Max-Age: the server enforces expiry). */
export function writeSessionCookie(
  c: Ctx,
  setting: 'auto' | 'true' | 'false',
  token: string,
): void {
  const secure = isSecureCookie(c, setting);
  setCookie(c, cookieName(secure), token, {
    httpOnly: true,
    secure,
    sameSite: 'Strict',
    path: '/',
  });
}

export function clearSessionCookie(c: Ctx, setting: 'auto' | 'true' | 'false'): void {
  const secure = isSecureCookie(c, setting);
  deleteCookie(c, cookieName(secure), { path: '/', secure });
}
