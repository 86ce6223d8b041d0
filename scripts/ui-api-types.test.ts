import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { openApiToTypeScript, schemaType } from './ui-api-types.js';
import { generatedUiTypes, SCHEMA_GEN } from './write-ui-api-types.js';

describe('UI API types (src/ui/api/schema.gen.ts)', () => {
  it('match the committed openapi.json (run `npm run openapi` after a route change)', async () => {
    expect(readFileSync(SCHEMA_GEN, 'utf8')).toBe(await generatedUiTypes());
  });

  it.each([
    [{ type: 'string' }, 'string'],
    [{ type: ['integer', 'null'] }, 'number | null'],
    [{ enum: ['a', 'b'] }, '"a" | "b"'],
    [{ type: 'array', items: { type: 'boolean' } }, 'Array<boolean>'],
    [{ type: 'array', prefixItems: [{ type: 'string' }, { type: 'number' }] }, '[string, number]'],
    [{ $ref: '#/components/schemas/HashSet' }, 'components[\'schemas\']["HashSet"]'],
    [{ anyOf: [{ type: 'string' }, { type: 'number' }] }, 'string | number'],
    [
      { type: 'object', additionalProperties: { type: 'number' } },
      '{\n  [key: string]: number;\n}',
    ],
    [
      {
        type: 'object',
        properties: { a: { type: 'string' }, 'b-c': { type: 'number' } },
        required: ['a'],
      },
      '{\n  a: string;\n  "b-c"?: number;\n}',
    ],
    [{}, 'unknown'],
  ])('types %j as %s', (schema, expected) => {
    expect(schemaType(schema)).toBe(expected);
  });

  it('emits each operation with its parameters, body and responses keyed by numeric status', () => {
    const text = openApiToTypeScript({
      paths: {
        '/api/x/{id}': {
          post: {
            parameters: [
              { in: 'path', name: 'id', required: true, schema: { type: 'string' } },
              { in: 'query', name: 'limit', schema: { type: 'integer' } },
            ],
            requestBody: {
              required: true,
              content: { 'application/json': { schema: { type: 'string' } } },
            },
            responses: {
              '201': { content: { 'application/json': { schema: { type: 'number' } } } },
            },
          },
        },
      },
    });
    expect(text).toContain("'/api/x/{id}'".replaceAll("'", '"'));
    expect(text).toMatch(/query\?: \{\n\s+limit\?: number;/);
    expect(text).toMatch(/path: \{\n\s+id: string;/);
    expect(text).toMatch(/requestBody: \{\n\s+content: \{\n\s+"application\/json": string;/);
    expect(text).toMatch(/201: \{/);
  });
});
