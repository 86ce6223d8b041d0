import type { z } from 'zod';
import type { ErrorDetail } from './errors.js';

/** Turns a ZodError into `{ path, reason }` items, one per issue (`"port: Too big"`). */
export function zodIssues(error: z.ZodError): ErrorDetail[] {
  return error.issues.map((issue) => ({
    path: issue.path.map(String).join('.') || '(root)',
    reason: issue.message,
  }));
}

/** One readable line per issue: `path: reason`. */
export function formatIssues(details: ErrorDetail[]): string {
  return details.map((d) => `${d.path}: ${d.reason}`).join('\n');
}
