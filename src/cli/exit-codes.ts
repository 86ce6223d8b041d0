import { ConfigError, isAppError, ValidationError } from '#shared/errors.js';

export const EXIT_OK = 0;
export const EXIT_INTERNAL = 1;
export const EXIT_BAD_INPUT = 2;

/** The single mapping from an error to a CLI exit code: 2 for bad input or usage, else 1. */
export function exitCodeFor(error: unknown): number {
  if (error instanceof ValidationError || error instanceof ConfigError) return EXIT_BAD_INPUT;
  return EXIT_INTERNAL;
}

/** The message printed for an error: `path: reason` lines for validation details. */
export function describeError(error: unknown): string {
  if (!isAppError(error)) return `Internal error: ${(error as Error)?.message ?? String(error)}`;
  const details = Array.isArray(error.details) ? (error.details as unknown[]) : [];
  const lines = details
    .filter((d): d is { path: string; reason: string } => typeof d === 'object' && d !== null)
    .map((d) => `  ${d.path}: ${d.reason}`);
  return [`${error.message}`, ...lines].join('\n');
}
