import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { HTTPException } from 'hono/http-exception';
import { isAppError } from '#shared/errors.js';
import type { Logger } from '#platform/logger.js';

/** The single mapping from AppError.code to an HTTP status. */
const STATUS_BY_CODE: Record<string, ContentfulStatusCode> = {
  not_found: 404,
  validation_failed: 400,
  forbidden_content: 415,
  conflict: 409,
  forbidden: 403,
  unauthorized: 401,
  payload_too_large: 413,
  config_invalid: 500,
  unavailable: 503,
  data_dir_locked: 503,
  step_up_required: 401,
  justification_required: 428,
  audit_unavailable: 503,
  csrf_rejected: 403,
  rate_limited: 429,
  password_expired: 403,
  credential_setup_required: 403,
  geo_database_invalid: 500,
  idempotency_key_mismatch: 422,
  outside_legal_authority: 422,
  warrant_not_ready: 422,
};

export function statusForCode(code: string): ContentfulStatusCode {
  return STATUS_BY_CODE[code] ?? 500;
}

export type ErrorBody = {
  error: { code: string; message: string; details?: unknown; requestId?: string };
};

/**
 * Renders every error as `{ error: { code, message, details? } }`. Unknown errors become a 500
 * with code `internal`, logged with the request id; their message is never exposed.
 */
export function createErrorHandler(logger: Logger) {
  return (error: Error, c: Context) => {
    const requestId = c.get('requestId') as string | undefined;
    if (isAppError(error)) {
      // Every not-found answers with one body: a foreign object is indistinguishable from a missing one.
      const message = error.code === 'not_found' ? 'Not found' : error.message;
      const body: ErrorBody = { error: { code: error.code, message } };
      if (error.details !== undefined) body.error.details = error.details;
      return c.json(body, statusForCode(error.code));
    }
    if (error instanceof HTTPException && error.status < 500) {
      const code = error.status === 413 ? 'payload_too_large' : 'bad_request';
      return c.json({ error: { code, message: error.message || 'Bad request' } }, error.status);
    }
    logger.error({ err: error, requestId }, 'unhandled error in request');
    const body: ErrorBody = {
      error: {
        code: 'internal',
        message: 'Internal error; quote the request id to an administrator',
      },
    };
    if (requestId) body.error.requestId = requestId;
    return c.json(body, 500);
  };
}
