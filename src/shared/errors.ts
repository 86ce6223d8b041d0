/**
 * The one error hierarchy. The core throws only these; the HTTP shell maps `code` to a status once
 * (http/error-handler.ts) and the CLI maps it to an exit code once (cli/exit-codes.ts).
 */
export abstract class AppError extends Error {
  /** Stable, documented, snake_case. */
  abstract readonly code: string;

  constructor(
    message: string,
    readonly details?: unknown,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** The object does not exist, or the caller may not know that it exists. */
export class NotFoundError extends AppError {
  readonly code = 'not_found';
}

/** Input is malformed or breaks a domain rule. `details` carries `{ path, reason }` items. */
export class ValidationError extends AppError {
  readonly code: string = 'validation_failed';
}

/**
 * A record the law allows only under a legal authority lacks one that covers it (R19: no
 * authority, a type that does not disclose identities, or a scope without that IP and time).
 */
export class OutsideAuthorityError extends ValidationError {
  override readonly code = 'outside_legal_authority';
}

/** A warrant is recorded as sought before the readiness checklist is complete, with no override. */
export class WarrantNotReadyError extends ValidationError {
  override readonly code = 'warrant_not_ready';
}

/** A uniqueness or state conflict (the object exists, or is being changed by someone else). */
export class ConflictError extends AppError {
  readonly code = 'conflict';
}

/** The caller is authenticated but not allowed to do this. */
export class ForbiddenError extends AppError {
  readonly code = 'forbidden';
}

/** The caller is not authenticated (or the session has ended). */
export class UnauthorizedError extends AppError {
  readonly code = 'unauthorized';
}

/** Content that Vigil never accepts: imagery, video, archives (the hash-only rule). */
export class ForbiddenContentError extends ValidationError {
  override readonly code = 'forbidden_content';
}

/** The input is larger than the limit for its route or format. */
export class PayloadTooLargeError extends AppError {
  readonly code = 'payload_too_large';
}

/** Configuration (environment or flags) is invalid; `details` lists every bad key. */
export class ConfigError extends AppError {
  readonly code = 'config_invalid';
}

/** A dependency (database, lock, audit log) is unavailable; the operation did not happen. */
export class UnavailableError extends AppError {
  readonly code: string = 'unavailable';
}

/** The data directory is held by another live process. */
export class DataDirLockedError extends UnavailableError {
  override readonly code = 'data_dir_locked';
}

/** A geolocation/ASN database file is missing or corrupt (never a crash). */
export class GeoDatabaseError extends AppError {
  readonly code = 'geo_database_invalid';
}

/** The same Idempotency-Key came back with a different request body. */
export class IdempotencyMismatchError extends AppError {
  readonly code = 'idempotency_key_mismatch';
}

export type ErrorDetail = { path: string; reason: string };

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}

/** The operation needs a recent step-up re-authentication (within the last few minutes). */
export class StepUpRequiredError extends AppError {
  readonly code = 'step_up_required';
}

/** The law asks for a stated reason before this consultation or disclosure. */
export class JustificationRequiredError extends AppError {
  readonly code = 'justification_required';
}

/** The audit row could not be written, so the operation was rolled back (fail closed). */
export class AuditUnavailableError extends UnavailableError {
  override readonly code = 'audit_unavailable';
}

/** A state-changing request that does not prove it came from Vigil's own pages (CSRF defence). */
export class CsrfRejectedError extends AppError {
  readonly code = 'csrf_rejected';
}

/** Too many attempts (per account) in a short time; retry later. */
export class RateLimitedError extends AppError {
  readonly code = 'rate_limited';
}

/** Stored data fails an integrity check (a broken audit chain, a checkpoint mismatch). */
export class IntegrityError extends AppError {
  readonly code = 'integrity_failed';
}

/** The password is older than the rotation policy allows (CJIS profile); change it first. */
export class PasswordExpiredError extends AppError {
  readonly code = 'password_expired';
}

/** A session opened with a temporary password: only a new password and TOTP enrolment answer. */
export class CredentialSetupRequiredError extends AppError {
  readonly code = 'credential_setup_required';
}
