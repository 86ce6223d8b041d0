import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '#platform/db/client.js';
import { createTestDatabase } from '#test/db.js';

// Migration 0010 replaced observation's id check with a cheaper one: it must accept and refuse
// exactly what '^[0-9a-f]{64}$' did.
let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await createTestDatabase();
});
afterAll(async () => handle?.close());

const CANDIDATES = [
  'a'.repeat(64),
  '0123456789abcdef'.repeat(4),
  '0123456789abcdef'.repeat(4).slice(1),
  `${'0123456789abcdef'.repeat(4)}0`,
  `${'a'.repeat(63)}A`,
  `${'a'.repeat(63)}g`,
  `${'a'.repeat(63)}\n`,
  `${'a'.repeat(62)}é`,
  `${'a'.repeat(63)}é`,
  ` ${'a'.repeat(63)}`,
  '',
];

describe('observation id check (migration 0010)', () => {
  it('accepts exactly the ids the original pattern accepts', async () => {
    const { rows } = await sql<{ checked: boolean; original: boolean }>`
      select (octet_length(c) = 64 and c ~ '^[0-9a-f]*$') as checked,
        c ~ '^[0-9a-f]{64}$' as original
      from unnest(${CANDIDATES}::text[]) as c`.execute(handle.db);
    expect(rows.map((r) => r.checked)).toEqual(rows.map((r) => r.original));
    expect(rows.filter((r) => r.original)).toHaveLength(2);
  });

  it('is the constraint on observation.id', async () => {
    const { rows } = await sql<{ def: string }>`
      select pg_get_constraintdef(oid) as def from pg_constraint
      where conrelid = 'observation'::regclass and conname = 'observation_id_check'`.execute(
      handle.db,
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]!.def).toContain('octet_length(id) = 64');
    expect(rows[0]!.def).not.toContain('{64}');
  });
});
