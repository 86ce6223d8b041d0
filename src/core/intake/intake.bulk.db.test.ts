import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '#test/clock.js';
import { createTestCore } from '#test/core.js';
import { MemoryHashMatcher } from '#test/hash-matcher.js';

// Its own database: thousands of quarantined rows would crowd other tests' listings.
let core: Awaited<ReturnType<typeof createTestCore>>;
beforeAll(async () => {
  core = await createTestCore({
    clock: fixedClock('2026-01-01T00:00:00Z'),
    hashMatcher: new MemoryHashMatcher(),
  });
});
afterAll(async () => core?.close());

const HEADER = 'observed_at,network,ip,port,hash_type,hash,evidence_kind,observer';

function csvInput(name: string, lines: string[]) {
  const bytes = Buffer.from(`${HEADER}\n${lines.join('\n')}\n`);
  return {
    fileName: name,
    format: 'p2p-csv' as const,
    sourceSha256: createHash('sha256').update(bytes).digest('hex'),
    open: async function* () {
      yield bytes;
    },
    mode: 'resumable' as const,
  };
}

/** Row i of the overlap files: a distinct observation per i. */
function row(i: number): string {
  const hash = createHash('md5').update(String(i)).digest('hex');
  return `2015-03-02T14:05:${String(i % 60).padStart(2, '0')}Z,gnutella,142.51.1.${i % 250},${1000 + i},md5,${hash},query_hit,overlap`;
}

describe('bulk intake batches', () => {
  it("quarantines a batch of 8,000 rejected rows (more than one statement's parameters)", async () => {
    const bad = Array.from(
      { length: 8000 },
      (_, i) =>
        `2015-03-02T14:05:11Z,gnutella,1.2.3.${i % 250},0,md5,${'ab'.repeat(16)},query_hit,many`,
    );
    const summary = await core.intake.importFile(csvInput('many-bad.csv', bad));
    expect(summary).toMatchObject({ accepted: 0, rejected: 8000 });
    const stored = await sql<{ n: number }>`select count(*)::int as n from quarantine
      where file_name = 'many-bad.csv'`.execute(core.handle.db);
    expect(stored.rows[0]!.n).toBe(8000);
  });

  it('stores a batch that partly overlaps stored observations once (the staging path)', async () => {
    const first = await core.intake.importFile(
      csvInput(
        'first.csv',
        Array.from({ length: 300 }, (_, i) => row(i)),
      ),
    );
    expect(first).toMatchObject({ accepted: 300, duplicates: 0 });
    // Rows 200..499: the first 100 are stored already, so the direct COPY meets a unique violation.
    const second = await core.intake.importFile(
      csvInput(
        'second.csv',
        Array.from({ length: 300 }, (_, i) => row(i + 200)),
      ),
    );
    expect(second).toMatchObject({ accepted: 200, duplicates: 100 });
    const count = await sql<{ n: number }>`select count(*)::int as n from observation
      where observer = 'overlap'`.execute(core.handle.db);
    expect(count.rows[0]!.n).toBe(500);
  });
});
