import { OpenAPIHono } from '@hono/zod-openapi';
import type { Actor } from '#core/access/actor.js';
import { ValidationError } from '#shared/errors.js';
import { zodIssues } from '#shared/zod-error.js';

export type HttpEnv = {
  Variables: {
    requestId: string;
    actor: Actor;
    /** The client's address (src/http/security/client.ts): the peer, or as a trusted proxy forwarded it. */
    clientIp: string | undefined;
    /** The origin browsers use for this server: VIGIL_PUBLIC_ORIGIN, or the request's own. */
    origin: string;
  };
};

/** An OpenAPIHono whose request validation failures become one ValidationError (400). */
export function createRouter() {
  return new OpenAPIHono<HttpEnv>({
    defaultHook: (result) => {
      if (!result.success) {
        const details = zodIssues(result.error);
        throw new ValidationError(
          `Invalid request: ${details.map((d) => `${d.path}: ${d.reason}`).join('; ')}`,
          details,
        );
      }
    },
  });
}
