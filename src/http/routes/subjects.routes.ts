import { createRoute, z } from '@hono/zod-openapi';
import {
  QueuePageSchema,
  QueueQuerySchema,
  SubjectDetailSchema,
} from '#core/subjects/queue.schema.js';
import {
  DecisionResultSchema,
  MergeSubjectsSchema,
  SplitSubjectSchema,
} from '#core/subjects/decisions.schema.js';
import type { Core } from '#src/app.js';
import { createRouter } from '../openapi-app.js';
import { callContext } from '../security/context.js';
import { jsonBody, jsonOk } from './route-helpers.js';

const errorResponse = (description: string) => ({ description });

const queueRoute = createRoute({
  method: 'get',
  path: '/queue',
  tags: ['subjects'],
  summary: 'The priority queue: subjects of an agency ranked by lead priority (an assessment)',
  request: { query: QueueQuerySchema },
  responses: {
    200: jsonOk(QueuePageSchema, 'One page of the queue, best first'),
    400: errorResponse('Invalid query'),
  },
});

const subjectRoute = createRoute({
  method: 'get',
  path: '/subjects/{id}',
  tags: ['subjects'],
  summary: 'One subject: every reason with its evidence ids, links and the evidence timeline',
  request: { params: z.object({ id: z.string() }) },
  responses: {
    200: jsonOk(SubjectDetailSchema, 'The subject'),
    400: errorResponse('Malformed id (not letters, digits, - or _, or over 64)'),
    404: errorResponse('No such subject'),
  },
});

const rescoreRoute = createRoute({
  method: 'post',
  path: '/subjects/rescore',
  tags: ['subjects'],
  summary: 'Enqueue a relink-and-score run (subjects.rescore; a waiting run is reused)',
  responses: {
    202: jsonOk(z.object({ jobId: z.string(), isDuplicate: z.boolean() }), 'Enqueued'),
  },
});

const mergeRoute = createRoute({
  method: 'post',
  path: '/subjects/merge',
  tags: ['subjects'],
  summary:
    'Record an analyst decision that subjects are one; a relink applies it (and every later one)',
  request: jsonBody(MergeSubjectsSchema),
  responses: {
    202: jsonOk(DecisionResultSchema, 'Decision stored; the rescore that applies it is enqueued'),
    400: errorResponse('Invalid body (two subject keys and a reason are needed)'),
    404: errorResponse('A subject is unknown or outside your agency'),
  },
});

const splitRoute = createRoute({
  method: 'post',
  path: '/subjects/{id}/split',
  tags: ['subjects'],
  summary:
    'Record an analyst decision that some members (by ref, client id or IP) are not the rest',
  request: { params: z.object({ id: z.string() }), ...jsonBody(SplitSubjectSchema) },
  responses: {
    202: jsonOk(DecisionResultSchema, 'Decision stored; the rescore that applies it is enqueued'),
    400: errorResponse('Invalid body, or a selection naming nothing of the subject or all of it'),
    404: errorResponse('No such subject, or outside your agency'),
  },
});

export function subjectsRoutes(core: Core) {
  return createRouter()
    .openapi(queueRoute, async (c) =>
      c.json(await core.subjects.queue(callContext(c), c.req.valid('query')), 200),
    )
    .openapi(rescoreRoute, async (c) =>
      c.json(await core.subjects.scheduleRescore(callContext(c)), 202),
    )
    .openapi(mergeRoute, async (c) =>
      c.json(await core.subjectDecisions.mergeSubjects(callContext(c), c.req.valid('json')), 202),
    )
    .openapi(splitRoute, async (c) =>
      c.json(
        await core.subjectDecisions.splitSubject(
          callContext(c),
          c.req.valid('param').id,
          c.req.valid('json'),
        ),
        202,
      ),
    )
    .openapi(subjectRoute, async (c) =>
      c.json(await core.subjects.getSubject(callContext(c), c.req.valid('param').id), 200),
    );
}
