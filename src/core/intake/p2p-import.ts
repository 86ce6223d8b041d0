import type { Readable } from 'node:stream';
import type { AttributionService } from '#core/attribution/attribution.service.js';
import type { HashMatch, HashMatcher } from '#core/hashsets/hash-matcher.js';
import type { Clock } from '#platform/clock.js';
import type { Db } from '#platform/db/client.js';
import type { ColumnMap } from './column-map.js';
import { parseP2pCsv } from './formats/p2p-csv.js';
import { parseP2pJsonl } from './formats/p2p-jsonl.js';
import type { ParsedItem } from './formats/parsed-item.js';
import type { IntakeRepository, JournalCounts } from './intake.repository.js';
import type { AttributedObservation, QuarantineItem, Rejection } from './intake.types.js';
import { validateRecord } from './p2p-record.js';
import type { Observation } from './observation.js';
import { matchPage } from './rematch.js';

export type BatchContext = {
  importId: string;
  fileSha256: string;
  fileName: string;
  format: 'p2p-csv' | 'p2p-jsonl';
  /** The CSV header line, kept with quarantined rows so a fixed row can be re-imported. */
  header: string | null;
};

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

/**
 * Validates, matches, attributes and stores one batch of parsed items through `db` (a transaction),
 * quarantining rejects; returns the batch's counts and its rejections.
 */
export async function writeBatch(
  deps: P2pDeps,
  db: Db,
  ctx: BatchContext,
  items: ParsedItem[],
): Promise<{ counts: JournalCounts; rejections: Rejection[] }> {
  const now = deps.clock.now();
  const valid: Array<Observation & { line: number }> = [];
  const quarantine: QuarantineItem[] = [];
  const seen = new Set<string>();
  let inBatchDuplicates = 0;
  for (const item of items) {
    const result =
      'error' in item ? { ok: false as const, ...item.error } : validateRecord(item.record, now);
    if (!result.ok) {
      quarantine.push({
        importId: ctx.importId,
        fileSha256: ctx.fileSha256,
        fileName: ctx.fileName,
        format: ctx.format,
        header: ctx.header,
        line: item.line,
        field: result.field,
        reason: result.reason,
        raw: item.raw,
      });
    } else if (seen.has(result.value.id)) {
      inBatchDuplicates++;
    } else {
      seen.add(result.value.id);
      valid.push({ ...result.value, line: item.line });
    }
  }
  const attributor = await deps.attribution.forBatch(
    db,
    valid.map((o) => o.ip),
  );
  const rows: AttributedObservation[] = valid.map((o) => ({
    ...o,
    attribution: attributor.attribute(o.ip, o.observedAt, o.port),
  }));
  // One batched look-up per hash type (the matcher's `matchExactMany` when it has one).
  const found = matchPage(deps.matcher, rows);
  const matchesById = new Map<string, HashMatch[]>();
  rows.forEach((r, i) => {
    if (found[i]!.length > 0) matchesById.set(r.id, found[i]!);
  });
  const inserted = await deps.repository.insertObservations(
    db,
    rows,
    ctx.importId,
    ctx.fileName,
    new Set(matchesById.keys()),
  );
  // Matches are recorded for newly stored observations only (a duplicate has them already).
  const matches = [...inserted.watched].flatMap((id) =>
    matchesById.get(id)!.map((match) => ({ observationId: id, match })),
  );
  await deps.repository.insertMatches(db, matches, now);
  await deps.repository.insertQuarantine(db, quarantine);
  const matchedIds = new Set(
    matches.filter((m) => m.match.kind === 'known').map((m) => m.observationId),
  );
  return {
    counts: {
      rowsDone: items.length,
      accepted: inserted.inserted,
      duplicates: valid.length - inserted.inserted + inBatchDuplicates,
      rejected: quarantine.length,
      matched: matchedIds.size,
    },
    rejections: quarantine.map((q) => ({
      file: q.fileName,
      line: q.line,
      field: q.field,
      reason: q.reason,
      raw: q.raw,
    })),
  };
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
