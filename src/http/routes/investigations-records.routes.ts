import { createRoute, z } from '@hono/zod-openapi';
import {
  ArrestSchema,
  ChargesSchema,
  CreatedSchema,
  EvidenceSchema,
  ExecuteWarrantSchema,
  NoteSchema,
  SeekWarrantSchema,
  TaskSchema,
  VictimsSchema,
} from '#core/investigations/records.schema.js';
import type { Core } from '#src/app.js';
import { createRouter } from '../openapi-app.js';
import { callContext } from '../security/context.js';
import { IdParamsSchema, jsonBody, jsonOk } from './route-helpers.js';

const tags = ['case records'];
const params = { params: IdParamsSchema };

const post = <S extends z.ZodType>(path: string, summary: string, schema: S) =>
  createRoute({
    method: 'post',
    path,
    tags,
    summary,
    request: { ...params, ...jsonBody(schema) },
    responses: { 201: jsonOk(CreatedSchema, 'Recorded') },
  });

const seek = createRoute({
  method: 'post',
  path: '/cases/{id}/warrants',
  tags,
  summary:
    'Record a warrant as sought (readiness checklist complete, or an override with a reason)',
  request: { ...params, ...jsonBody(SeekWarrantSchema) },
  responses: {
    201: jsonOk(CreatedSchema, 'Recorded'),
    422: { description: 'Checklist incomplete and no override (warrant_not_ready)' },
  },
});
const execute = createRoute({
  method: 'post',
  path: '/warrants/{id}/execution',
  tags,
  summary: 'Record a warrant’s issue and execution (or that it was not executed)',
  request: { ...params, ...jsonBody(ExecuteWarrantSchema) },
  responses: { 200: jsonOk(CreatedSchema) },
});
const arrest = post('/cases/{id}/arrests', 'Record an arrest', ArrestSchema);
const charges = createRoute({
  method: 'post',
  path: '/cases/{id}/charges',
  tags,
  summary: 'Record charges laid, from the offences list (wording in force on the day)',
  request: { ...params, ...jsonBody(ChargesSchema) },
  responses: { 201: jsonOk(z.object({ ids: z.array(z.uuid()) }), 'Recorded') },
});
const victims = post(
  '/cases/{id}/victims',
  'Record victims identified and children safeguarded (counts and a victim-services reference only)',
  VictimsSchema,
);
const evidence = post(
  '/cases/{id}/evidence',
  'Record an evidence reference with its SHA-256',
  EvidenceSchema,
);
const note = post('/cases/{id}/notes', 'Add a note (sealed at rest)', NoteSchema);
const task = post('/cases/{id}/tasks', 'Add a task with a due date', TaskSchema);
const done = createRoute({
  method: 'post',
  path: '/tasks/{id}/done',
  tags,
  summary: 'Mark a task done',
  request: params,
  responses: { 200: jsonOk(CreatedSchema) },
});

export function investigationsRecordsRoutes(core: Core) {
  const records = core.investigations.records;
  return createRouter()
    .openapi(seek, async (c) =>
      c.json(
        await records.seekWarrant(callContext(c), c.req.valid('param').id, c.req.valid('json')),
        201,
      ),
    )
    .openapi(execute, async (c) =>
      c.json(
        await records.executeWarrant(callContext(c), c.req.valid('param').id, c.req.valid('json')),
        200,
      ),
    )
    .openapi(arrest, async (c) =>
      c.json(
        await records.recordArrest(callContext(c), c.req.valid('param').id, c.req.valid('json')),
        201,
      ),
    )
    .openapi(charges, async (c) =>
      c.json(
        await records.recordCharges(callContext(c), c.req.valid('param').id, c.req.valid('json')),
        201,
      ),
    )
    .openapi(victims, async (c) =>
      c.json(
        await records.recordVictims(callContext(c), c.req.valid('param').id, c.req.valid('json')),
        201,
      ),
    )
    .openapi(evidence, async (c) =>
      c.json(
        await records.addEvidence(callContext(c), c.req.valid('param').id, c.req.valid('json')),
        201,
      ),
    )
    .openapi(note, async (c) =>
      c.json(
        await records.addNote(callContext(c), c.req.valid('param').id, c.req.valid('json').text),
        201,
      ),
    )
    .openapi(task, async (c) =>
      c.json(
        await records.addTask(callContext(c), c.req.valid('param').id, c.req.valid('json')),
        201,
      ),
    )
    .openapi(done, async (c) =>
      c.json(await records.completeTask(callContext(c), c.req.valid('param').id), 200),
    );
}
