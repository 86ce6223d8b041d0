import type { HashsetsRepository } from '../hashsets.repository.js';
import { HashIndex, HashIndexBuilder } from './hash-index.js';

const PAGE = 20_000;

/** Reads every entry of the active set versions, page by page, into a fresh HashIndex. */
export async function loadHashIndex(repository: HashsetsRepository): Promise<HashIndex> {
  const builder = new HashIndexBuilder();
  for (let after = 0; ;) {
    const rows = await repository.activeEntriesPage(after, PAGE);
    for (const row of rows) {
      builder.add(
        row.hashType,
        row.hashHex,
        {
          hashSetId: row.hashSetId,
          hashSetName: row.hashSetName,
          hashSetVersion: row.version,
          kind: row.kind,
          categoryScheme: row.categoryScheme,
          categoryCode: row.categoryCode,
          series: row.series,
          victimIdentified: row.victimIdentified,
          isDistributed: row.isDistributed,
        },
        row.activatedAt ? new Date(row.activatedAt).getTime() : 0,
      );
    }
    if (rows.length < PAGE) break;
    after = rows.at(-1)!.id;
  }
  return builder.build();
}

export { HashIndex };
