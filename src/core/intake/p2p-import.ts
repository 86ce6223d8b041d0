import type { Readable } from 'node:stream';
import type { AttributionService, RuleSnapshot } from '#core/attribution/attribution.service.js';
import type { HashMatch, HashMatcher } from '#core/hashsets/hash-matcher.js';
import type { Clock } from '#platform/clock.js';
import type { Db } from '#platform/db/client.js';
import type { ColumnMap } from './column-map.js';
import { parseP2pCsv } from './formats/p2p-csv.js';
import { parseP2pJsonl } from './formats/p2p-jsonl.js';
import type { ParsedItem } from './formats/parsed-item.js';
import type { IntakeRepository, JournalCounts } from './intake.repository.js';
import type { QuarantineItem, Rejection } from './intake.types.js';
import type { Observation } from './observation.js';
import { PreparedBatch, type BatchContext } from './p2p-batch.js';

export type { BatchContext } from './p2p-batch.js';

export type P2pDeps = {
  repository: IntakeRepository;
  attribution: AttributionService;
  matcher: HashMatcher;
  clock: Clock;
};

/** Reads a P2P log stream as parsed items in line order. */
export function parseP2p(
  format: 'p2p-csv' | 'p2p-jsonl',
  input: Readable,
  fileName: string,
  state: { header: string | null },
  mapping?: ColumnMap,
): AsyncGenerator<ParsedItem> {
  return format === 'p2p-csv'
    ? parseP2pCsv(input, fileName, state, mapping)
    : parseP2pJsonl(input, mapping);
}

/** Known (not benign) matches of an observation's hash. */
export function matchesOf(
  matcher: HashMatcher,
  o: Pick<Observation, 'hashType' | 'hash'>,
): HashMatch[] {
  return matcher.matchExact(o.hashType, o.hash);
}

/** Starts a batch: what it needs to prepare its rows outside any transaction. */
export async function startBatch(
  deps: P2pDeps,
  ctx: BatchContext,
  rules: RuleSnapshot,
): Promise<PreparedBatch> {
  const attributor = await deps.attribution.attributor(rules, []);
  return new PreparedBatch(ctx, deps.matcher, deps.clock.now(), rules, attributor);
}

/**
 * Stores a prepared batch through `db` (a transaction): reads the rules and the Tor sightings of
 * its addresses (attributing again if they differ from what the batch assumed), inserts the new
 * observations, their matches and the quarantined items; returns the batch's counts, its
 * rejections and the rules read (for the next batch).
 */
export async function storeBatch(
  deps: P2pDeps,
  db: Db,
  batch: PreparedBatch,
): Promise<{ counts: JournalCounts; rejections: Rejection[]; rules: RuleSnapshot }> {
  const now = deps.clock.now();
  const rules = await deps.attribution.rules(db);
  const sightings = await deps.attribution.torSightings(db, batch.ips);
  if (rules.key !== batch.rules.key || sightings.length > 0) {
    batch.reattribute(rules, sightings, await deps.attribution.attributor(rules, sightings));
  }
  const inserted = await deps.repository.insertObservations(
    db,
    batch.copy,
    new Set(batch.matchesById.keys()),
  );
  // Matches are recorded for newly stored observations only (a duplicate has them already).
  const matches = [...inserted.watched].flatMap((id) =>
    batch.matchesById.get(id)!.map((match) => ({ observationId: id, match })),
  );
  await deps.repository.insertMatches(db, matches, now);
  await deps.repository.insertQuarantine(db, batch.quarantine);
  const matchedIds = new Set(
    matches.filter((m) => m.match.kind === 'known').map((m) => m.observationId),
  );
  return {
    counts: {
      rowsDone: batch.items,
      accepted: inserted.inserted,
      duplicates: batch.rows - inserted.inserted + batch.inBatchDuplicates,
      rejected: batch.quarantine.length,
      matched: matchedIds.size,
    },
    rejections: batch.quarantine.map(rejectionOf),
    rules,
  };
}

/** Validates, matches, attributes and stores parsed items through `db` (a transaction) at once. */
export async function writeBatch(
  deps: P2pDeps,
  db: Db,
  ctx: BatchContext,
  items: ParsedItem[],
): Promise<{ counts: JournalCounts; rejections: Rejection[] }> {
  const batch = await startBatch(deps, ctx, await deps.attribution.rules(db));
  for (const item of items) batch.add(item);
  const { counts, rejections } = await storeBatch(deps, db, batch);
  return { counts, rejections };
}

/** A quarantined item as reported to the caller. */
export function rejectionOf(q: QuarantineItem): Rejection {
  return { file: q.fileName, line: q.line, field: q.field, reason: q.reason, raw: q.raw };
}

/** Adds batch counts into running totals. */
export function addCounts(total: JournalCounts, batch: JournalCounts): JournalCounts {
  return {
    rowsDone: total.rowsDone + batch.rowsDone,
    accepted: total.accepted + batch.accepted,
    duplicates: total.duplicates + batch.duplicates,
    rejected: total.rejected + batch.rejected,
    matched: total.matched + batch.matched,
  };
}
