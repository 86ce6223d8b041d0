import { createRoute, z } from '@hono/zod-openapi';
import {
  FormatSchema,
  ImportListQuerySchema,
  ImportSummarySchema,
  ImportViewSchema,
  QuarantineExportQuerySchema,
  QuarantineQuerySchema,
  QuarantineViewSchema,
} from '#core/intake/intake.schema.js';
import { QUARANTINE_EXPORT_MAX_ROWS } from '#core/intake/quarantine.service.js';
import { parseColumnMap } from '#core/intake/column-map.js';
import type { Core } from '#src/app.js';
import { PayloadTooLargeError } from '#shared/errors.js';
import { createRouter } from '../openapi-app.js';

const ImportQuerySchema = z.object({
  format: FormatSchema,
  name: z
    .string()
    .min(1)
    .max(255)
    // Control characters are exactly what this pattern must find.
    // oxlint-disable-next-line no-control-regex
    .regex(/^[^/\\\u0000-\u001f]+$/, 'a file name, no path'),
  strict: z.enum(['true', 'false']).default('false'),
  map: z
    .string()
    .max(4000)
    .regex(/^[^,=]+=[^,=]*(,[^,=]+=[^,=]*)*,?$/, 'Source=field pairs separated by commas')
    .optional()
    .describe(
      'Column mapping "Source=field,Other=" (empty target ignores; each target a P2P log v1 field)',
    ),
});
const errorBody = {
  description: 'Error',
  content: {
    'application/json': {
      schema: z.object({ error: z.object({ code: z.string(), message: z.string() }) }),
    },
  },
};

const importRoute = createRoute({
  method: 'post',
  path: '/intake/imports',
  tags: ['intake'],
  summary: 'Import one P2P log or CyberTipline document, streamed (Idempotency-Key required)',
  request: {
    query: ImportQuerySchema,
    headers: z.object({ 'idempotency-key': z.string().optional() }),
    body: {
      content: { 'application/octet-stream': { schema: { type: 'string', format: 'binary' } } },
      required: true,
    },
  },
  responses: {
    201: {
      description: 'Imported (or the stored result of the same request)',
      content: { 'application/json': { schema: ImportSummarySchema } },
    },
    400: errorBody,
    409: errorBody,
    413: errorBody,
    415: errorBody,
    422: errorBody,
  },
});

const importsRoute = createRoute({
  method: 'get',
  path: '/intake/imports',
  tags: ['intake'],
  summary: "Past imports of the caller's organisation, newest first, with their counts",
  request: { query: ImportListQuerySchema },
  responses: {
    200: {
      description: 'Imports',
      content: { 'application/json': { schema: z.array(ImportViewSchema) } },
    },
  },
});

const quarantineRoute = createRoute({
  method: 'get',
  path: '/intake/quarantine',
  tags: ['intake'],
  summary:
    "List quarantined rows of the caller's organisation's imports (raw cut to 512 characters)",
  request: { query: QuarantineQuerySchema },
  responses: {
    200: {
      description: 'Entries',
      content: { 'application/json': { schema: z.array(QuarantineViewSchema) } },
    },
    404: errorBody,
  },
});

const exportRoute = createRoute({
  method: 'get',
  path: '/intake/quarantine/export',
  tags: ['intake'],
  summary: `Export quarantine as CSV (formula prefixes escaped), with a stated reason; at most ${QUARANTINE_EXPORT_MAX_ROWS} rows (X-Export-Truncated: true when more were left out)`,
  request: { query: QuarantineExportQuerySchema },
  responses: {
    200: { description: 'CSV', content: { 'text/csv': { schema: { type: 'string' } } } },
    400: errorBody,
    404: errorBody,
  },
});

const rematchRoute = createRoute({
  method: 'post',
  path: '/intake/rematch',
  tags: ['intake'],
  summary: 'Queue re-matching of stored observations against the active hash sets',
  responses: {
    202: {
      description: 'Queued',
      content: {
        'application/json': { schema: z.object({ jobId: z.string(), isDuplicate: z.boolean() }) },
      },
    },
  },
});

// Hono's bodyLimit buffers a chunked body to count it; this counts while streaming instead.
async function* cappedBody(
  body: ReadableStream<Uint8Array> | null,
  maxBytes: number,
): AsyncGenerator<Buffer> {
  if (!body) return;
  let size = 0;
  for await (const chunk of body as unknown as AsyncIterable<Uint8Array>) {
    size += chunk.byteLength;
    if (size > maxBytes) throw new PayloadTooLargeError(`Upload over ${maxBytes} bytes`);
    yield Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
  }
}

export function intakeRoutes(core: Core) {
  const { maxUploadBytes } = core.limits;
  const router = createRouter();
  router.use('/intake/imports', async (c, next) => {
    if (Number(c.req.header('content-length') ?? 0) > maxUploadBytes) {
      throw new PayloadTooLargeError(`Upload over ${maxUploadBytes} bytes`);
    }
    await next();
  });
  return router
    .openapi(importRoute, async (c) => {
      const q = c.req.valid('query');
      const result = await core.intake.importUpload({
        actor: c.get('actor'),
        idempotencyKey: c.req.header('idempotency-key'),
        format: q.format,
        fileName: q.name,
        strict: q.strict === 'true',
        columnMap: q.map === undefined ? undefined : parseColumnMap(q.map),
        body: cappedBody(c.req.raw.body, maxUploadBytes),
      });
      if (result.replayed) c.header('Idempotent-Replayed', 'true');
      return c.json(result.body, 201);
    })
    .openapi(importsRoute, async (c) =>
      c.json(await core.quarantine.listImports(c.get('actor'), c.req.valid('query')), 200),
    )
    .openapi(quarantineRoute, async (c) =>
      c.json(await core.quarantine.list(c.get('actor'), c.req.valid('query')), 200),
    )
    .openapi(exportRoute, async (c) => {
      const { reason: _audited, ...query } = c.req.valid('query');
      const result = await core.quarantine.exportCsv(c.get('actor'), query);
      return c.body(result.lines.join(''), 200, {
        'Content-Type': 'text/csv; charset=utf-8',
        'X-Export-Rows': String(result.rows),
        'X-Export-Max-Rows': String(QUARANTINE_EXPORT_MAX_ROWS),
        'X-Export-Truncated': String(result.truncated),
      });
    })
    .openapi(rematchRoute, async (c) => {
      const job = await core.intake.requestRematch('requested over the API');
      return c.json({ jobId: job.id, isDuplicate: job.isDuplicate }, 202);
    });
}
