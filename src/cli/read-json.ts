import { readFileSync } from 'node:fs';
import type { z } from 'zod';
import { ValidationError } from '#shared/errors.js';
import { zodIssues } from '#shared/zod-error.js';

/** Reads and validates a JSON file; errors name the file and the JSON path. */
export function readJsonFile<T extends z.ZodType>(file: string, schema: T): z.infer<T> {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new ValidationError(`${file}: not readable JSON (${(error as Error).message})`);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const details = zodIssues(parsed.error).map((d) => ({ ...d, path: `${file}:${d.path}` }));
    throw new ValidationError(`${file}: invalid content`, details);
  }
  return parsed.data;
}
