import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { HTTPException } from 'hono/http-exception';
import { isAppError, ValidationError } from '#shared/errors.js';
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

// PostgreSQL's SQLSTATEs for text it cannot store: 22021 character_not_in_repertoire (a NUL or an
// invalid byte sequence in text), 22P05 untranslatable_character (\u0000 in jsonb).
const INVALID_TEXT_STATES = new Set(['22021', '22P05']);

/** The invalid-text SQLSTATE of a database error, looked for along a short `cause` chain. */
function invalidTextState(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && typeof current === 'object' && current !== null; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && INVALID_TEXT_STATES.has(code)) return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/**
 * Renders every error as `{ error: { code, message, details? } }`. Unknown errors become a 500
 * with code `internal`, logged with the request id; their message is never exposed. Text the
 * database refuses (a control character the input gate did not see) is a 400, never a 500.
 */
export function createErrorHandler(logger: Logger) {
  return (thrown: Error, c: Context) => {
    const requestId = c.get('requestId') as string | undefined;
    let error = thrown;
    const state = invalidTextState(thrown);
    if (state !== undefined) {
      // The input gate (security/input-guard.ts) should have answered first: log what slipped by.
      logger.warn({ requestId, sqlState: state }, 'text refused by the database');
      error = new ValidationError(
        'Invalid request: a text field holds a character that cannot be stored',
        [{ path: '(text)', reason: 'contains a NUL or an invalid character sequence' }],
      );
    }
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
