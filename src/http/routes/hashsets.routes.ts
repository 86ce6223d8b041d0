import { createRoute, z } from '@hono/zod-openapi';
import { bodyLimit } from 'hono/body-limit';
import {
  CategoryPolicySchema,
  HashSetViewSchema,
  ImportQuerySchema,
  ImportSummarySchema,
  MatchRequestSchema,
  MatchResponseSchema,
} from '#core/hashsets/hashsets.schema.js';
import type { Core } from '#src/app.js';
import { PayloadTooLargeError, ValidationError } from '#shared/errors.js';
import { createRouter } from '../openapi-app.js';
import { callContext } from '../security/context.js';

/** The import route's own body cap: hash sets are large, so it is exempt from the 1 MiB API limit. */
export const HASHSET_UPLOAD_MAX_BYTES = 8 * 1024 ** 3;
export const HASHSET_IMPORT_PATH = '/api/hashsets/import';

const errorResponse = (description: string) => ({ description });

const importRoute = createRoute({
  method: 'post',
  path: '/hashsets/import',
  tags: ['hashsets'],
  summary: 'Import a hash set file (the body is the file, streamed to the parser)',
  request: {
    query: ImportQuerySchema,
    body: {
      required: true,
      content: { 'application/octet-stream': { schema: z.string().openapi({ format: 'binary' }) } },
    },
  },
  middleware: [
    bodyLimit({
      maxSize: HASHSET_UPLOAD_MAX_BYTES,
      onError: () => {
        throw new PayloadTooLargeError(`Hash set upload over ${HASHSET_UPLOAD_MAX_BYTES} bytes`);
      },
    }),
  ] as const,
  responses: {
    200: {
      description: 'Imported (row errors, if any, are listed)',
      content: { 'application/json': { schema: ImportSummarySchema } },
    },
    400: errorResponse('Invalid file or parameters'),
    413: errorResponse('Upload too large'),
    415: errorResponse('The file carries imagery or other forbidden content'),
  },
});

const listRoute = createRoute({
  method: 'get',
  path: '/hashsets',
  tags: ['hashsets'],
  summary: 'List hash sets and their active versions',
  responses: {
    200: {
      description: 'Hash sets',
      content: { 'application/json': { schema: z.object({ items: z.array(HashSetViewSchema) }) } },
    },
  },
});

const categoryPolicyRoute = createRoute({
  method: 'get',
  path: '/hashsets/category-policy',
  tags: ['hashsets'],
  summary: 'Which hash-set categories make a lead (matches in the others are shown, never scored)',
  responses: {
    200: {
      description: 'The category policy',
      content: { 'application/json': { schema: CategoryPolicySchema } },
    },
  },
});

const getRoute = createRoute({
  method: 'get',
  path: '/hashsets/{id}',
  tags: ['hashsets'],
  summary: 'One hash set',
  request: { params: z.object({ id: z.string() }) },
  responses: {
    200: {
      description: 'The hash set',
      content: { 'application/json': { schema: HashSetViewSchema } },
    },
    404: errorResponse('No such hash set'),
  },
});

const matchRoute = createRoute({
  method: 'post',
  path: '/match',
  tags: ['hashsets'],
  summary: 'Match hashes (exact and PDQ) against the active hash sets',
  request: {
    body: { required: true, content: { 'application/json': { schema: MatchRequestSchema } } },
  },
  responses: {
    200: {
      description: 'One result per input hash',
      content: { 'application/json': { schema: MatchResponseSchema } },
    },
    400: errorResponse('Invalid request'),
  },
});

export function hashsetsRoutes(core: Core) {
  return (
    createRouter()
      .openapi(importRoute, async (c) => {
        const { strict, fileName, ...options } = c.req.valid('query');
        const body = c.req.raw.body;
        if (!body) {
          throw new ValidationError('The request body is the file to import', [
            { path: 'body', reason: 'empty' },
          ]);
        }
        const summary = await core.hashsets.importHashSet(
          callContext(c),
          {
            fileName: fileName ?? options.name ?? 'upload',
            stream: body as unknown as AsyncIterable<Uint8Array>,
          },
          { ...options, isStrict: strict === 'true' },
        );
        return c.json(summary, 200);
      })
      .openapi(listRoute, async (c) =>
        c.json({ items: await core.hashsets.listHashSets(callContext(c)) }, 200),
      )
      // Before /hashsets/{id}, which would take `category-policy` for an id.
      .openapi(categoryPolicyRoute, (c) =>
        c.json(core.hashsets.categoryPolicy(callContext(c)), 200),
      )
      .openapi(getRoute, async (c) =>
        c.json(await core.hashsets.getHashSet(callContext(c), c.req.valid('param').id), 200),
      )
      .openapi(matchRoute, async (c) =>
        c.json(await core.hashsets.matchHashes(callContext(c), c.req.valid('json')), 200),
      )
  );
}
