import { z } from '@hono/zod-openapi';
import type { MiddlewareHandler } from 'hono';

/** JSON request body for createRoute. */
export function jsonBody<T extends z.ZodType>(schema: T) {
  return { body: { content: { 'application/json': { schema } }, required: true } };
}

/** A JSON response for createRoute. */
export function jsonOk<T extends z.ZodType>(schema: T, description = 'OK') {
  return { description, content: { 'application/json': { schema } } };
}

export const IdParamsSchema = z.object({ id: z.uuid() });
export const NoContent = { description: 'Done' };

/**
 * An optional JSON request body for createRoute: a request without one, or with an empty one
 * under a JSON content type (clients that always send the header), is validated as `{}`. Give
 * the route `middleware: emptyJsonAsObject`.
 */
export function optionalJsonBody<T extends z.ZodType>(schema: T) {
  return { body: { content: { 'application/json': { schema } }, required: false } };
}

/** See optionalJsonBody: an empty body under a JSON content type reads as `{}`. */
export const emptyJsonAsObject: MiddlewareHandler = async (c, next) => {
  const type = c.req.header('content-type') ?? '';
  if (/^application\/json\b/i.test(type) && (await c.req.text()).trim() === '') {
    // Hono keeps the body read above as a promise in bodyCache (typed as the value); the JSON
    // validator reads it from there.
    (c.req.bodyCache as Record<string, unknown>).text = Promise.resolve('{}');
  }
  await next();
};
