import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '#test/db.js';
import type { DatabaseHandle } from './client.js';
import { copyIn } from './copy.js';

describe(copyIn.name, () => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await createTestDatabase();
    // Created by the owner; the default privileges of migration 0018 let vigil_app load it.
    await handle.asOwner((db) =>
      sql`create table copy_probe (n integer primary key, label text)`.execute(db),
    );
  });
  afterAll(async () => handle.close());

  const rows = async () =>
    (
      await sql<{
        n: number;
        label: string | null;
      }>`select n, label from copy_probe order by n`.execute(handle.db)
    ).rows;

  it("loads COPY text on the transaction's own connection: committed with it, or rolled back", async () => {
    await handle.db.transaction().execute(async (trx) => {
      await copyIn(trx, 'COPY copy_probe (n, label) FROM STDIN', '1\tone\n2\t\\N\n3\ttab\\there\n');
      // Visible inside the transaction, before the commit.
      const inside = await sql<{ c: number }>`select count(*)::int as c from copy_probe`.execute(
        trx,
      );
      expect(inside.rows[0]!.c).toBe(3);
    });
    await expect(
      handle.db.transaction().execute(async (trx) => {
        await copyIn(trx, 'COPY copy_probe (n, label) FROM STDIN', '4\tfour\n');
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    expect(await rows()).toEqual([
      { n: 1, label: 'one' },
      { n: 2, label: null },
      { n: 3, label: 'tab\there' },
    ]);
  });

  it('reports a unique violation with its SQLSTATE and leaves the connection usable', async () => {
    const error = await handle.db
      .transaction()
      .execute((trx) => copyIn(trx, 'COPY copy_probe (n, label) FROM STDIN', '1\tagain\n'))
      .catch((e: unknown) => e);
    expect((error as { code?: string }).code).toBe('23505');
    expect(await rows()).toHaveLength(3);
  });

  it('refuses anything but COPY … FROM STDIN', async () => {
    await expect(copyIn(handle.db, 'DELETE FROM copy_probe', '')).rejects.toThrow(/not a COPY/);
  });
});
