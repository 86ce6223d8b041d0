import { Hono } from 'hono';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES, type Role } from '#core/access/roles.js';
import { silentLogger } from '#platform/logger.js';
import type { Core } from '#src/app.js';
import {
  createSecurityCore,
  jsonHeaders,
  newOrganisation,
  newUser,
  sessionCookie,
} from '#test/security.js';
import { createHttpApp } from '../app.js';
import { createErrorHandler } from '../error-handler.js';
import { ROUTE_POLICIES } from './route-policy.js';

type Schema = {
  $ref?: string;
  type?: string | string[];
  properties?: Record<string, Schema>;
  items?: Schema;
  additionalProperties?: boolean | Schema;
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
};
type Operation = {
  parameters?: Array<{ in: string; name: string }>;
  requestBody?: { content: Record<string, { schema: Schema }> };
};
type OpenApi = {
  paths: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, Schema> };
};
type Reply = { status: number; details: Array<{ path: string }> };

const NUL = 'a\u0000b';

/** Every path to a string a JSON schema accepts (`notes.0.text`), through refs, unions and records. */
function stringPaths(root: Schema, spec: OpenApi): Array<Array<string | number>> {
  const out: Array<Array<string | number>> = [];
  const stack: Array<{ schema: Schema; path: Array<string | number>; depth: number }> = [
    { schema: root, path: [], depth: 0 },
  ];
  while (stack.length > 0) {
    const { schema, path, depth } = stack.pop()!;
    if (depth > 12) continue;
    const next = (s: Schema, p: Array<string | number>) =>
      stack.push({ schema: s, path: p, depth: depth + 1 });
    if (schema.$ref) next(spec.components!.schemas![schema.$ref.split('/').at(-1)!]!, path);
    for (const branch of [
      ...(schema.anyOf ?? []),
      ...(schema.oneOf ?? []),
      ...(schema.allOf ?? []),
    ]) {
      next(branch, path);
    }
    const types = [schema.type ?? []].flat();
    if (types.includes('string')) out.push(path);
    for (const [key, child] of Object.entries(schema.properties ?? {})) next(child, [...path, key]);
    if (schema.items) next(schema.items, [...path, 0]);
    if (typeof schema.additionalProperties === 'object') {
      next(schema.additionalProperties, [...path, 'k']);
    }
  }
  return out;
}

/** A JSON value holding `leaf` at `path` and nothing else. */
function valueAt(path: Array<string | number>, leaf: unknown): unknown {
  let value = leaf;
  for (let i = path.length - 1; i >= 0; i--) {
    const key = path[i]!;
    value = typeof key === 'number' ? [value] : { [key]: value };
  }
  return value;
}

describe('control characters in every text the API takes (R29)', () => {
  let core: Core;
  let app: ReturnType<typeof createHttpApp>;
  let spec: OpenApi;
  const users = new Map<Role, string>();

  beforeAll(async () => {
    core = await createSecurityCore();
    app = createHttpApp(core);
    spec = (await (await app.request('/api/openapi.json')).json()) as OpenApi;
    const agency = await newOrganisation(core);
    const partner = await newOrganisation(core, 'partner');
    for (const role of ROLES) {
      const org = role === 'partner_caseworker' ? partner : agency;
      users.set(role, (await newUser(core, org.id, [role])).id);
    }
  });
  afterAll(async () => core.close());

  /** Sends as a user holding the route's first role (its gate lets the request reach the input). */
  async function send(method: string, path: string, url: string, body: unknown): Promise<Reply> {
    const policy = ROUTE_POLICIES[`${method.toUpperCase()} ${path}`];
    if (!policy) throw new Error(`no policy for ${method} ${path}`);
    const role = policy.roles?.[0] ?? 'analyst';
    const cookie: Record<string, string> =
      policy.auth === 'public' ? {} : { cookie: await sessionCookie(core, users.get(role)!) };
    const res = await app.request(url, {
      method: method.toUpperCase(),
      headers: jsonHeaders(cookie),
      ...(method === 'get' || method === 'head' ? {} : { body: JSON.stringify(body ?? {}) }),
    });
    const json = (await res.json().catch(() => ({}))) as { error?: { details?: unknown } };
    const details = Array.isArray(json.error?.details)
      ? (json.error.details as Reply['details'])
      : [];
    return { status: res.status, details };
  }

  it('answers 400 naming the field, never 500, for a NUL in each path, query and body field', async () => {
    const failures: string[] = [];
    let probes = 0;
    for (const [path, methods] of Object.entries(spec.paths)) {
      for (const [method, op] of Object.entries(methods)) {
        const params = op.parameters ?? [];
        const plainUrl = path.replace(/\{(\w+)\}/g, () => crypto.randomUUID());
        const probesOf: Array<{ field: string; url: string; body?: unknown }> = [];
        for (const p of params.filter((q) => q.in === 'path')) {
          const url = path.replace(/\{(\w+)\}/g, (_m, name: string) =>
            name === p.name ? encodeURIComponent(NUL) : crypto.randomUUID(),
          );
          probesOf.push({ field: p.name, url });
        }
        for (const p of params.filter((q) => q.in === 'query')) {
          probesOf.push({ field: p.name, url: `${plainUrl}?${p.name}=${encodeURIComponent(NUL)}` });
        }
        const json = op.requestBody?.content['application/json'];
        for (const fieldPath of json ? stringPaths(json.schema, spec) : []) {
          probesOf.push({
            field: fieldPath.map(String).join('.') || '(root)',
            url: plainUrl,
            body: valueAt(fieldPath, NUL),
          });
        }
        for (const probe of probesOf) {
          probes++;
          const reply = await send(method, path, `http://localhost${probe.url}`, probe.body);
          const named = reply.details.some((d) => d.path === probe.field);
          if (reply.status !== 400 || !named) {
            failures.push(`${method.toUpperCase()} ${path} [${probe.field}]: ${reply.status}`);
          }
        }
      }
    }
    expect(failures).toEqual([]);
    // The walk reached the API's fields (a broken walker must not pass by probing nothing).
    expect(probes).toBeGreaterThan(150);
  });

  it.each([
    ['\u0001', 'U+0001'],
    ['\u001b[31m', 'U+001B'],
    ['\u007f', 'U+007F'],
    ['\u009b', 'U+009B'],
  ])('refuses %j in a body string', async (text, code) => {
    const reply = await send('post', '/api/auth/login', 'http://localhost/api/auth/login', {
      username: `user${text}`,
      password: 'a long enough password',
      totp: '123456',
    });
    expect(reply).toMatchObject({ status: 400, details: [{ path: 'username' }] });
    expect(JSON.stringify(reply.details)).toContain(code);
  });

  it('keeps tab, line feed and carriage return, and refuses a control character in a property name', async () => {
    const ok = await send('post', '/api/auth/login', 'http://localhost/api/auth/login', {
      username: 'user\tname\r\n',
      password: 'a long enough password',
      totp: '123456',
    });
    expect(ok.status).toBe(401);
    const key = await send('post', '/api/auth/login', 'http://localhost/api/auth/login', {
      [`user${NUL}`]: 'x',
    });
    expect(key).toMatchObject({ status: 400, details: [{ path: '(root)' }] });
  });
});

describe('the error handler backstop: text the database refuses', () => {
  let core: Core;
  beforeAll(async () => {
    core = await createSecurityCore();
  });
  afterAll(async () => core.close());

  it.each([
    ['a NUL in text (22021)', sql`select ${NUL}::text as x`],
    ['\\u0000 in jsonb (22P05)', sql`select ${'{"a":"\\u0000"}'}::jsonb as x`],
  ])('maps %s to 400 validation_failed', async (_name, query) => {
    const app = new Hono();
    app.onError(createErrorHandler(silentLogger));
    app.get('/q', async (c) => c.json((await query.execute(core.handle.db)).rows));
    const res = await app.request('/q');
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: { code: 'validation_failed' } });
  });
});
