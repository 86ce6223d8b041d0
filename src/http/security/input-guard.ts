import type { MiddlewareHandler } from 'hono';
import { matchedRoutes } from 'hono/route';
import {
  controlReason,
  findControlCharacters,
  indexOfControl,
} from '#shared/control-characters.js';
import { ValidationError, type ErrorDetail } from '#shared/errors.js';

const JSON_TYPE = /^application\/([a-z0-9.+-]+\+)?json\b/i;

/**
 * One gate for every text the API takes: a control character (NUL, other C0 but tab, LF and CR,
 * DEL, C1) in a path parameter, a query parameter, or any string or property name of a JSON body
 * answers 400 `validation_failed` naming the field, before any handler or the database sees it.
 * The JSON body is parsed once here; Hono caches it for the route's validator.
 */
export function rejectControlCharacters(): MiddlewareHandler {
  return async (c, next) => {
    const issues = [...pathIssues(c), ...queryIssues(c.req.queries())];
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD') {
      const type = c.req.header('content-type');
      if (type !== undefined && JSON_TYPE.test(type)) {
        const body: unknown = await c.req.json().catch(() => undefined);
        // A malformed body is left to the route's validator (400 with its own message).
        if (body !== undefined) issues.push(...findControlCharacters(body));
      }
    }
    if (issues.length > 0) {
      throw new ValidationError(
        `Invalid request: ${issues.map((d) => `${d.path}: ${d.reason}`).join('; ')}`,
        issues,
      );
    }
    await next();
  };
}

/** Path segments, named by the matched route's parameter (`id`) or else `path`. */
function pathIssues(c: Parameters<MiddlewareHandler>[0]): ErrorDetail[] {
  const segments = c.req.path.split('/');
  if (!segments.some((s) => indexOfControl(s) >= 0)) return [];
  const pattern = matchedRoutes(c)
    .findLast((r) => r.method !== 'ALL')
    ?.path.split('/');
  return segments.flatMap((segment, i) => {
    if (indexOfControl(segment) < 0) return [];
    const name = /^:(\w+)/.exec(pattern?.[i] ?? '')?.[1] ?? 'path';
    return [{ path: name, reason: controlReason(segment) }];
  });
}

function queryIssues(query: Record<string, string[]>): ErrorDetail[] {
  const issues: ErrorDetail[] = [];
  for (const [name, values] of Object.entries(query)) {
    if (indexOfControl(name) >= 0) {
      issues.push({ path: '(query)', reason: `a parameter name ${controlReason(name)}` });
      continue;
    }
    const bad = values.find((v) => indexOfControl(v) >= 0);
    if (bad !== undefined) issues.push({ path: name, reason: controlReason(bad) });
  }
  return issues;
}
