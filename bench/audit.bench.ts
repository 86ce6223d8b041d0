import { PGlite } from '@electric-sql/pglite';
import { sql } from 'kysely';
import { systemContext } from '#core/access/actor.js';
import { AuditService } from '#core/audit/audit.service.js';
import { verifyAuditLog } from '#core/audit/audit-verifier.js';
import { systemClock } from '#platform/clock.js';
import { pgliteParsers, wrapPglite } from '#platform/db/client.js';
import { migrateAsOwner } from '#platform/db/migrate.js';
import { silentLogger } from '#platform/logger.js';
import type { BenchResult } from './run.js';

const OPS = 1000;
const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const ROUNDS = 3;

/**
 * The cost of fail-closed auditing: N one-row transactions that insert a comparable row into a
 * plain table (baseline) versus N `AuditService.run` calls (chain lock, head read, canonical JSON,
 * SHA-256, insert), and the time to verify the resulting chain.
 */
export async function run(): Promise<BenchResult> {
  const handle = wrapPglite(await PGlite.create({ parsers: pgliteParsers() }));
  await migrateAsOwner(handle);
  const { db } = handle;
  await sql`create table bench_plain (id serial primary key, entry text not null, created_at timestamptz not null default now())`.execute(
    db,
  );
  const audit = new AuditService({ db, clock: systemClock, logger: silentLogger });
  const ctx = systemContext('job', 'bench');
  const entry = JSON.stringify({
    action: 'case.read',
    objectIds: ['6f1c2a8e-4b7d-4e0a-9c1b-2d3e4f5a6b7c'],
  });

  const plain: number[] = [];
  const audited: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    let t0 = performance.now();
    for (let i = 0; i < OPS; i++) {
      await db
        .transaction()
        .execute((trx) => sql`insert into bench_plain (entry) values (${entry})`.execute(trx));
    }
    plain.push(performance.now() - t0);
    t0 = performance.now();
    for (let i = 0; i < OPS; i++) {
      await audit.run(ctx, 'case.read', 'consultation', async (_trx, note) => {
        note.objectIds = ['6f1c2a8e-4b7d-4e0a-9c1b-2d3e4f5a6b7c'];
      });
    }
    audited.push(performance.now() - t0);
  }
  const t0 = performance.now();
  const verified = await verifyAuditLog(db);
  const verifyMs = performance.now() - t0;
  await handle.close();
  const base = median(plain);
  const aud = median(audited);
  return {
    suite: 'Audit log: fail-closed append and verify',
    rows: [
      {
        case: `${OPS} one-row transactions, plain insert (baseline)`,
        'median ms': base.toFixed(0),
      },
      {
        case: `${OPS} AuditService.run (chained append)`,
        'median ms': aud.toFixed(0),
        'ratio to baseline': (aud / base).toFixed(2),
      },
      { case: `verify ${verified.size} chained entries`, 'median ms': verifyMs.toFixed(0) },
    ],
    notes: [`PGlite in memory; median of ${ROUNDS} rounds; the chain grows across rounds.`],
  };
}
