import type { z } from 'zod';
import { ValidationError } from '#shared/errors.js';
import { zodIssues } from '#shared/zod-error.js';

/** Parses a service input (shells parse too; the CLI and tests may not): ValidationError on failure. */
export function parseInput<S extends z.ZodType>(
  schema: S,
  input: unknown,
  what: string,
): z.output<S> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw new ValidationError(`Invalid ${what}`, zodIssues(parsed.error));
  return parsed.data;
}
