/**
 * Turns the committed OpenAPI document into the UI's TypeScript types (src/ui/api/schema.gen.ts),
 * in the `paths` shape openapi-fetch reads. A small generator of our own: openapi-typescript 7
 * needs the TypeScript 5 compiler API, which TypeScript 7 (our compiler) no longer ships.
 */
type Schema = {
  $ref?: string;
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  properties?: Record<string, Schema>;
  required?: string[];
  additionalProperties?: boolean | Schema;
  items?: Schema;
  prefixItems?: Schema[];
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
  nullable?: boolean;
};
type Parameter = { in: string; name: string; required?: boolean; schema?: Schema };
type Media = Record<string, { schema?: Schema }>;
type Operation = {
  parameters?: Parameter[];
  requestBody?: { required?: boolean; content?: Media };
  responses?: Record<string, { content?: Media }>;
};
type Document = {
  paths: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, Schema> };
};

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace'];
const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;
const key = (name: string) => (IDENTIFIER.test(name) ? name : JSON.stringify(name));

/** The TypeScript type of one JSON Schema (the subset zod-openapi emits). */
export function schemaType(s: Schema | undefined, indent = ''): string {
  if (!s) return 'unknown';
  if (s.$ref) return `components['schemas'][${JSON.stringify(s.$ref.split('/').pop())}]`;
  if (s.const !== undefined) return JSON.stringify(s.const);
  if (s.enum) return s.enum.map((v) => JSON.stringify(v)).join(' | ');
  const union = s.anyOf ?? s.oneOf;
  if (union) return union.map((u) => schemaType(u, indent)).join(' | ');
  if (s.allOf) return s.allOf.map((u) => `(${schemaType(u, indent)})`).join(' & ');
  const types = Array.isArray(s.type) ? s.type : s.type ? [s.type] : [];
  if (types.length === 0) return s.properties ? objectType(s, indent) : 'unknown';
  const parts = types.map((t) => singleType(t, s, indent));
  if (s.nullable) parts.push('null');
  return parts.join(' | ');
}

function singleType(type: string, s: Schema, indent: string): string {
  switch (type) {
    case 'string':
      return 'string';
    case 'integer':
    case 'number':
      return 'number';
    case 'boolean':
      return 'boolean';
    case 'null':
      return 'null';
    case 'array':
      if (s.prefixItems) return `[${s.prefixItems.map((p) => schemaType(p, indent)).join(', ')}]`;
      return `Array<${schemaType(s.items, indent)}>`;
    case 'object':
      return objectType(s, indent);
    default:
      return 'unknown';
  }
}

function objectType(s: Schema, indent: string): string {
  const inner = `${indent}  `;
  const required = new Set(s.required ?? []);
  const lines = Object.entries(s.properties ?? {}).map(
    ([name, prop]) =>
      `${inner}${key(name)}${required.has(name) ? '' : '?'}: ${schemaType(prop, inner)};`,
  );
  const extra = s.additionalProperties;
  if (extra) {
    lines.push(`${inner}[key: string]: ${extra === true ? 'unknown' : schemaType(extra, inner)};`);
  }
  if (lines.length === 0) {
    return extra === false ? 'Record<string, never>' : 'Record<string, unknown>';
  }
  return `{\n${lines.join('\n')}\n${indent}}`;
}

function parametersType(params: Parameter[], indent: string): string {
  const inner = `${indent}  `;
  const groups = ['query', 'header', 'path', 'cookie'].map((where) => {
    const list = params.filter((p) => p.in === where);
    if (list.length === 0) return `${inner}${where}?: never;`;
    const fields = list.map(
      (p) =>
        `${inner}  ${key(p.name)}${p.required ? '' : '?'}: ${schemaType(p.schema, `${inner}  `)};`,
    );
    const optional = list.every((p) => !p.required) ? '?' : '';
    return `${inner}${where}${optional}: {\n${fields.join('\n')}\n${inner}};`;
  });
  return `{\n${groups.join('\n')}\n${indent}}`;
}

function contentType(media: Media | undefined, indent: string): string {
  if (!media) return 'never';
  const inner = `${indent}  `;
  const lines = Object.entries(media).map(
    ([type, m]) => `${inner}${JSON.stringify(type)}: ${schemaType(m.schema, inner)};`,
  );
  return `{\n${lines.join('\n')}\n${indent}}`;
}

function operationType(op: Operation, indent: string): string {
  const i1 = `${indent}  `;
  const i2 = `${i1}  `;
  const body = op.requestBody
    ? `${i1}requestBody${op.requestBody.required ? '' : '?'}: {\n${i2}content: ${contentType(op.requestBody.content, i2)};\n${i1}};`
    : `${i1}requestBody?: never;`;
  const responses = Object.entries(op.responses ?? {}).map(
    ([status, r]) =>
      `${i2}${/^\d+$/.test(status) ? status : key(status)}: {\n${i2}  headers: { [name: string]: unknown };\n${i2}  content${r.content ? '' : '?'}: ${contentType(r.content, `${i2}  `)};\n${i2}};`,
  );
  return [
    '{',
    `${i1}parameters: ${parametersType(op.parameters ?? [], i1)};`,
    body,
    `${i1}responses: {\n${responses.join('\n')}\n${i1}};`,
    `${indent}}`,
  ].join('\n');
}

/** The whole generated module. */
export function openApiToTypeScript(doc: Document): string {
  const paths = Object.keys(doc.paths)
    .sort()
    .map((path) => {
      const ops = doc.paths[path]!;
      const methods = METHODS.filter((m) => ops[m]).map(
        (m) => `    ${m}: ${operationType(ops[m]!, '    ')};`,
      );
      return `  ${JSON.stringify(path)}: {\n${methods.join('\n')}\n  };`;
    });
  const schemas = Object.keys(doc.components?.schemas ?? {})
    .sort()
    .map((name) => `    ${key(name)}: ${schemaType(doc.components!.schemas![name], '    ')};`);
  return [
    '// Generated from openapi.json by scripts/ui-api-types.ts (`npm run openapi`). Do not edit.',
    '/* eslint-disable */',
    `export interface paths {\n${paths.join('\n')}\n}`,
    `export interface components {\n  schemas: {\n${schemas.join('\n')}\n  };\n}`,
    '',
  ].join('\n');
}
