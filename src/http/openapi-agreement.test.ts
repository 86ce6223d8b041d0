import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '#core/access/roles.js';
import type { Core } from '#src/app.js';
import {
  createSecurityCore,
  jsonHeaders,
  newOrganisation,
  newUser,
  sessionCookie,
} from '#test/security.js';
import { createHttpApp } from './app.js';
import { ROUTE_POLICIES } from './security/route-policy.js';

/**
 * The OpenAPI document and the running validation agree: for every route, every documented
 * constraint of a request body or query parameter (minLength, maxLength, pattern, enum, required) is
 * enforced (a violating value gets 400 naming the field) and no stricter than documented (the
 * boundary-valid value gets no 400 naming the field). Values are built from openapi.json alone.
 */

type Schema = {
  $ref?: string;
  type?: string | string[];
  enum?: unknown[];
  pattern?: string;
  format?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  oneOf?: Schema[];
  anyOf?: Schema[];
  allOf?: Schema[];
  default?: unknown;
};
type Parameter = { in: string; name: string; required?: boolean; schema: Schema };
type Operation = {
  parameters?: Parameter[];
  requestBody?: { content: Record<string, { schema: Schema }> };
};
type Doc = {
  paths: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, Schema> };
};

/** A value matching each pattern the document uses (checked against the pattern below). */
const PATTERN_EXAMPLES: Record<string, string> = {
  '^sub_[0-9a-f]{20}$': `sub_${'a'.repeat(20)}`,
  '^[0-9a-f]{64}$': 'a'.repeat(64),
  '^[a-z0-9_]{2,60}$': 'ab',
  '^\\d{4}-\\d{2}-\\d{2}[T ]\\d{2}:\\d{2}:\\d{2}$': '2024-01-02T03:04:05',
  '^[^/\\\\\\u0000-\\u001f]+$': 'a',
  '^[A-Za-z0-9._-]+$': 'a',
  '^[A-Z]{2}$': 'CA',
  '^[A-Z0-9-]{2,20}$': 'AB',
  '^[A-Za-z0-9][A-Za-z0-9_-]{0,39}$': 'a',
  '^[a-z][a-z0-9_]*$': 'a',
  '^[a-zA-Z_.]{1,60}$': 'a',
  '^[a-z_]{2,40}$': 'ab',
  '^[a-z0-9][a-z0-9._-]{2,63}$': 'abc',
  '^[^,=]+=[^,=]*(,[^,=]+=[^,=]*)*,?$': 'a=',
};

let doc: Doc;
const resolve = (s: Schema): Schema =>
  s.$ref ? resolve(doc.components!.schemas![s.$ref.split('/').pop()!]!) : s;
const typeOf = (s: Schema) => (Array.isArray(s.type) ? s.type.find((t) => t !== 'null') : s.type);

/** A valid value of the schema (required properties only). */
function valid(raw: Schema): unknown {
  const s = resolve(raw);
  if (s.allOf) return Object.assign({}, ...s.allOf.map((x) => valid(x) as object));
  const union = s.oneOf ?? s.anyOf;
  if (union) return valid(union.find((x) => typeOf(resolve(x)) !== 'null') ?? union[0]!);
  if (s.enum) return s.enum[0];
  switch (typeOf(s) ?? 'string') {
    case 'object':
      return Object.fromEntries((s.required ?? []).map((k) => [k, valid(s.properties![k]!)]));
    case 'array':
      return Array.from({ length: s.minItems ?? 0 }, () => valid(s.items!));
    case 'integer':
    case 'number':
      return s.minimum ?? (s.maximum !== undefined ? Math.min(1, s.maximum) : 1);
    case 'boolean':
      return true;
    default:
      return validString(s);
  }
}

function validString(s: Schema): string {
  if (s.pattern) return PATTERN_EXAMPLES[s.pattern] ?? 'a';
  if (s.format === 'uuid') return randomUUID();
  if (s.format === 'date-time') return '2024-01-02T03:04:05Z';
  if (s.format === 'date') return '2024-01-02';
  if (s.format === 'ip') return '192.0.2.1';
  if (s.format === 'timestamp') return '2024-01-02T03:04:05Z';
  return 'a'.repeat(Math.max(s.minLength ?? 1, 1));
}

type Probe = {
  field: string;
  constraint: string;
  value: unknown;
  expect400: boolean;
  omit?: boolean;
};

/** The probes of one property: violations (400 naming it) and boundary-valid values (no 400 naming it). */
function probes(field: string, raw: Schema, isRequired: boolean): Probe[] {
  const s = resolve(raw);
  const out: Probe[] = [];
  if (isRequired) {
    out.push({ field, constraint: 'required', value: undefined, expect400: true, omit: true });
  }
  if (typeOf(s) !== 'string') return out;
  if (s.enum) {
    out.push({ field, constraint: 'enum', value: 'not-an-enum-value', expect400: true });
    for (const v of s.enum) {
      out.push({ field, constraint: `enum ${JSON.stringify(v)}`, value: v, expect400: false });
    }
    return out;
  }
  if (s.pattern) {
    const re = new RegExp(s.pattern, 'u');
    const example = PATTERN_EXAMPLES[s.pattern];
    // A pattern without a matching example is a failure of this test, not a skipped check.
    if (example === undefined || !re.test(example)) {
      throw new Error(`no example matching the pattern ${s.pattern}: add one to PATTERN_EXAMPLES`);
    }
    const bad = ['!!', '/', 'A B', '0'].find((v) => !re.test(v))!;
    out.push({ field, constraint: `pattern ${s.pattern}`, value: bad, expect400: true });
    out.push({ field, constraint: `pattern ${s.pattern}`, value: example, expect400: false });
    return out;
  }
  if (s.format) return out;
  if (s.minLength !== undefined && s.minLength > 0) {
    out.push({
      field,
      constraint: `minLength ${s.minLength}`,
      value: 'a'.repeat(s.minLength - 1),
      expect400: true,
    });
    out.push({
      field,
      constraint: `minLength ${s.minLength}`,
      value: 'a'.repeat(s.minLength),
      expect400: false,
    });
  }
  if (s.maxLength !== undefined) {
    out.push({
      field,
      constraint: `maxLength ${s.maxLength}`,
      value: 'a'.repeat(s.maxLength + 1),
      expect400: true,
    });
    out.push({
      field,
      constraint: `maxLength ${s.maxLength}`,
      value: 'a'.repeat(s.maxLength),
      expect400: false,
    });
  }
  return out;
}

/** Every property of an object schema, nested objects included, with its dotted path. */
function fields(
  raw: Schema,
  prefix = '',
): Array<{ path: string; schema: Schema; isRequired: boolean }> {
  const s = resolve(raw);
  if (typeOf(s) !== 'object' || !s.properties) return [];
  return Object.entries(s.properties).flatMap(([k, v]) => {
    const path = prefix ? `${prefix}.${k}` : k;
    return [{ path, schema: v, isRequired: (s.required ?? []).includes(k) }, ...fields(v, path)];
  });
}

/** The base value with `path` set to `value` (or removed), creating its parents as needed. */
function withField(base: Record<string, unknown>, schema: Schema, path: string, probe: Probe) {
  const copy = structuredClone(base);
  const keys = path.split('.');
  let target = copy;
  let s = resolve(schema);
  for (const key of keys.slice(0, -1)) {
    s = resolve(s.properties![key]!);
    target[key] ??= valid(s);
    target = target[key] as Record<string, unknown>;
  }
  if (probe.omit) delete target[keys.at(-1)!];
  else target[keys.at(-1)!] = probe.value;
  return copy;
}

type Result = { status: number; paths: string[] };

describe('OpenAPI document and the running validation agree', () => {
  let core: Core;
  let app: ReturnType<typeof createHttpApp>;
  const cookies = new Map<Role, string>();
  let targetUserId: string;
  let organisationId: string;

  beforeAll(async () => {
    core = await createSecurityCore();
    app = createHttpApp(core);
    doc = (await (await app.request('/api/openapi.json')).json()) as Doc;
    const agency = await newOrganisation(core);
    const partner = await newOrganisation(core, 'partner');
    organisationId = agency.id;
    for (const role of [
      'analyst',
      'investigator',
      'supervisor',
      'agency_admin',
      'coordinator',
      'auditor',
      'system_admin',
    ] as Role[]) {
      cookies.set(role, await sessionCookie(core, (await newUser(core, agency.id, [role])).id));
    }
    cookies.set(
      'partner_caseworker',
      await sessionCookie(core, (await newUser(core, partner.id, ['partner_caseworker'])).id),
    );
    targetUserId = (await newUser(core, agency.id, ['analyst'])).id;
  });
  afterAll(async () => core.close());

  async function send(
    method: string,
    path: string,
    op: Operation,
    query: Record<string, unknown>,
    body: unknown,
  ): Promise<Result> {
    const policy = ROUTE_POLICIES[`${method.toUpperCase()} ${path}`];
    const role = policy?.roles?.includes('system_admin')
      ? 'system_admin'
      : (policy?.roles?.[0] ?? 'system_admin');
    const id =
      policy?.object?.type === 'user'
        ? targetUserId
        : policy?.object?.type === 'organisation'
          ? organisationId
          : randomUUID();
    const url = new URL(`http://localhost${path.replace(/\{[^}]+\}/g, id)}`);
    for (const [k, v] of Object.entries(query)) {
      if (v !== undefined) url.searchParams.set(k, typeof v === 'string' ? v : JSON.stringify(v));
    }
    const content = Object.keys(op.requestBody?.content ?? {})[0];
    const headers: Record<string, string> = { ...jsonHeaders(), cookie: cookies.get(role)! };
    if (content) headers['content-type'] = content;
    for (const p of op.parameters ?? []) if (p.in === 'header') headers[p.name] = randomUUID();
    const res = await app.request(url.toString(), {
      method: method.toUpperCase(),
      headers,
      ...(content ? { body: content === 'application/json' ? JSON.stringify(body) : 'x' } : {}),
    });
    const json = (await res.json().catch(() => ({}))) as {
      error?: { details?: Array<{ path: string }> };
    };
    return { status: res.status, paths: (json.error?.details ?? []).map((d) => d.path) };
  }

  it('enforces each documented constraint of every route, and nothing stricter', async () => {
    const failures: string[] = [];
    let checked = 0;
    for (const [path, methods] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(methods)) {
        const bodySchema = op.requestBody?.content['application/json']?.schema;
        const queryParams = (op.parameters ?? []).filter((p) => p.in === 'query');
        const queryBase = Object.fromEntries(
          queryParams.filter((p) => p.required).map((p) => [p.name, valid(p.schema)]),
        );
        const bodyBase = bodySchema ? (valid(bodySchema) as Record<string, unknown>) : undefined;
        const cases: Array<{ probe: Probe; query: Record<string, unknown>; body: unknown }> = [];
        for (const p of queryParams) {
          for (const probe of probes(p.name, p.schema, p.required === true)) {
            const query = { ...queryBase, [p.name]: probe.value };
            if (probe.omit) delete query[p.name];
            cases.push({ probe, query, body: bodyBase });
          }
        }
        if (bodySchema && bodyBase) {
          for (const f of fields(bodySchema)) {
            for (const probe of probes(f.path, f.schema, f.isRequired)) {
              cases.push({
                probe,
                query: queryBase,
                body: withField(bodyBase, bodySchema, f.path, probe),
              });
            }
          }
        }
        for (const { probe, query, body } of cases) {
          checked++;
          const result = await send(method, path, op, query, body);
          const named =
            result.status === 400 &&
            result.paths.some((p) => p === probe.field || p.startsWith(`${probe.field}.`));
          if (probe.expect400 !== named) {
            failures.push(
              `${method.toUpperCase()} ${path} ${probe.field} (${probe.constraint}) ${JSON.stringify(probe.value)}: ` +
                `${result.status} ${result.paths.join(',')}`,
            );
          }
        }
      }
    }
    expect(checked).toBeGreaterThan(100);
    expect(failures).toEqual([]);
  }, 300_000);
});
