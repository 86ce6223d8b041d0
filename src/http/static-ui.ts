import { existsSync, readFileSync, statSync } from 'node:fs';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Context, Next } from 'hono';

/** Where `npm run build:ui` (run by `npm install`) writes the web UI. */
export const DEFAULT_UI_DIR = fileURLToPath(new URL('../../dist/ui/', import.meta.url));

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.txt': 'text/plain; charset=utf-8',
  '.woff2': 'font/woff2',
};

// R22: HTML is never stored by a browser or proxy; other unhashed files are revalidated.
const NOT_STORED = (file: string) => (extname(file) === '.html' ? 'no-store' : 'no-cache');

/** The page served in place of the UI when its build output is missing. */
export const UI_MISSING_MESSAGE =
  'The Vigil web UI has not been built: run `npm run build:ui` (npm install runs it) and restart `vigil serve`. The API is available under /api.';

export function isUiBuilt(dir: string): boolean {
  return existsSync(join(dir, 'index.html'));
}

/**
 * The web UI's files (public: they hold no data; every datum comes from /api behind the gate).
 * Hashed assets are cached for a year; HTML is never stored (R22: `no-store` on every API and HTML
 * response), other files are revalidated; any other GET outside /api is the SPA's
 * own route and gets index.html. Paths under /api pass through to the API's 404.
 */
export function serveUi(dir: string) {
  const root = normalize(dir.endsWith(sep) ? dir : dir + sep);
  return async (c: Context, next: Next) => {
    const path = c.req.path;
    if (path === '/api' || path.startsWith('/api/')) return next();
    if (!isUiBuilt(root)) {
      return c.text(UI_MISSING_MESSAGE, 503, { 'Cache-Control': 'no-store' });
    }
    const file = resolveFile(root, path);
    if (file) {
      const immutable = path.startsWith('/assets/');
      return c.body(readFileSync(file), 200, {
        'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
        'Cache-Control': immutable ? 'public, max-age=31536000, immutable' : NOT_STORED(file),
      });
    }
    // A missing asset is a 404; a page path is the SPA's to route.
    if (path.startsWith('/assets/') || extname(path) !== '') {
      return c.text('Not found', 404);
    }
    return c.body(readFileSync(join(root, 'index.html')), 200, {
      'Content-Type': TYPES['.html']!,
      'Cache-Control': 'no-store',
    });
  };
}

// A file under root only: decoded, normalised, and refused when it escapes the folder.
function resolveFile(root: string, urlPath: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return undefined;
  }
  if (decoded.includes('\0')) return undefined;
  const relative = decoded === '/' ? 'index.html' : decoded.replace(/^\/+/, '');
  const file = normalize(join(root, relative));
  if (!file.startsWith(root)) return undefined;
  try {
    return statSync(file).isFile() ? file : undefined;
  } catch {
    return undefined;
  }
}
