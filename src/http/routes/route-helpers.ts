import { z } from '@hono/zod-openapi';

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
