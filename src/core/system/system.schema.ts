import { z } from 'zod';

export const HealthSchema = z
  .object({
    status: z.enum(['ok', 'degraded']).describe('ok when every check passes'),
    version: z.string().describe('Vigil version'),
    engine: z.enum(['pglite', 'pg']).describe('Database engine in use'),
    checks: z.object({
      database: z.enum(['ok', 'unreachable']),
      migrations: z.enum(['current', 'pending', 'unknown']),
    }),
    migrations: z.object({
      applied: z.number().int().describe('Number of applied migrations'),
      pending: z.number().int().describe('Number of migrations not yet applied'),
    }),
  })
  .meta({ id: 'Health' });

export type Health = z.infer<typeof HealthSchema>;
