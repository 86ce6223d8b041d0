import createClient, { type Middleware } from 'openapi-fetch';
import type { components, paths } from './schema.gen';

/** Types of the API's bodies, straight from openapi.json. */
export type Schemas = components['schemas'];

type Listener = (value: string | null) => void;
const demoListeners = new Set<Listener>();
const signedOutListeners = new Set<() => void>();

/** Called with the X-Vigil-Demo text whenever a response carries it. */
export function onDemoHeader(listener: Listener): () => void {
  demoListeners.add(listener);
  return () => demoListeners.delete(listener);
}

/** Called when the server answers 401: the session has ended (idle, expired or revoked). */
export function onSignedOut(listener: () => void): () => void {
  signedOutListeners.add(listener);
  return () => signedOutListeners.delete(listener);
}

/**
 * Tells the listeners what a response means for the whole app: the demo marker, and a 401 that ends
 * the session (not a login failure, nor `step_up_required`, which asks to re-authenticate only).
 */
export async function observeResponse(response: Response, isLogin = false): Promise<void> {
  const demo = response.headers.get('x-vigil-demo');
  if (demo) for (const l of demoListeners) l(demo);
  if (response.status !== 401 || isLogin) return;
  const body: unknown = await response
    .clone()
    .json()
    .catch(() => undefined);
  const code = (body as { error?: { code?: string } } | undefined)?.error?.code;
  if (code === 'step_up_required') return;
  for (const l of signedOutListeners) l();
}

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

// Every unsafe request carries the CSRF header the server requires (docs/SECURITY.md).
const vigilHeaders: Middleware = {
  onRequest({ request }) {
    if (!SAFE.has(request.method)) request.headers.set('X-Vigil-Request', '1');
    return request;
  },
  async onResponse({ response, schemaPath }) {
    // A refused sign-in, step-up or password change (a wrong code) is not the end of the session.
    await observeResponse(
      response,
      schemaPath === '/api/auth/login' ||
        schemaPath === '/api/auth/step-up' ||
        schemaPath === '/api/auth/password',
    );
    return response;
  },
};

/** The typed API client (same origin; the session cookie travels by itself). */
export const api = createClient<paths>({ baseUrl: '', credentials: 'same-origin' });
api.use(vigilHeaders);

/** The message of an API error body, or a generic one. */
export function errorMessage(error: unknown, fallback = 'The request failed'): string {
  if (error && typeof error === 'object' && 'error' in error) {
    const inner = (error as { error?: { message?: unknown } }).error;
    if (inner && typeof inner.message === 'string') return inner.message;
  }
  return fallback;
}
