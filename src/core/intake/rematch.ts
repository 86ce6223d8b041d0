import type { HashMatch, HashMatcher } from '#core/hashsets/hash-matcher.js';
import type { Clock } from '#platform/clock.js';
import type { Db } from '#platform/db/client.js';
import type { IntakeRepository } from './intake.repository.js';

const REMATCH_BATCH = 1000;

/**
 * Walks all observations in id order (then all CyberTipline file hashes), one transaction per batch, adding observation_match rows for
 * matches not yet recorded (idempotent). Runs again when the matcher's generation moved meanwhile.
 */
export async function rematchAll(deps: {
  db: Db;
  repository: IntakeRepository;
  matcher: HashMatcher;
  clock: Clock;
}): Promise<{ scanned: number; added: number }> {
  let scanned = 0;
  let added = 0;
  for (let pass = 0; pass < 3; pass++) {
    const generation = deps.matcher.generation;
    let after = '';
    for (;;) {
      const page = await deps.repository.listObservationHashes(deps.db, after, REMATCH_BATCH);
      if (page.length === 0) break;
      after = page[page.length - 1]!.id;
      scanned += page.length;
      const found = matchPage(deps.matcher, page);
      const rows = page.flatMap((o, i) =>
        found[i]!.map((match) => ({ observationId: o.id, match })),
      );
      added += await deps.db
        .transaction()
        .execute((trx) => deps.repository.insertMatches(trx, rows, deps.clock.now()));
    }
    let afterHash: { documentId: string; hashType: string; hash: string } | null = null;
    for (;;) {
      const page = await deps.repository.listCybertipHashes(deps.db, afterHash, REMATCH_BATCH);
      if (page.length === 0) break;
      afterHash = page[page.length - 1]!;
      scanned += page.length;
      const rows = page.flatMap((h) =>
        deps.matcher
          .matchExact(h.hashType as Parameters<HashMatcher['matchExact']>[0], h.hash)
          .map((match) => ({ ...h, match })),
      );
      added += await deps.db
        .transaction()
        .execute((trx) => deps.repository.insertCybertipMatches(trx, rows, deps.clock.now()));
    }
    if (deps.matcher.generation === generation) break;
  }
  return { scanned, added };
}

type MatchType = Parameters<HashMatcher['matchExact']>[0];

/**
 * The matches of each observation of a page, in page order: one batch per hash type when the
 * matcher offers `matchExactMany` (same answers, faster), else one look-up at a time.
 */
export function matchPage(
  matcher: HashMatcher,
  page: ReadonlyArray<{ hashType: string; hash: string }>,
): HashMatch[][] {
  if (!matcher.matchExactMany) {
    return page.map((o) => matcher.matchExact(o.hashType as MatchType, o.hash));
  }
  const found: HashMatch[][] = Array.from({ length: page.length }, () => []);
  const byType = new Map<string, number[]>();
  page.forEach((o, i) => {
    const positions = byType.get(o.hashType);
    if (positions) positions.push(i);
    else byType.set(o.hashType, [i]);
  });
  for (const [type, positions] of byType) {
    const answers = matcher.matchExactMany(
      type as MatchType,
      positions.map((i) => page[i]!.hash),
    );
    positions.forEach((i, k) => (found[i] = answers[k]!));
  }
  return found;
}
