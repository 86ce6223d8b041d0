import type { Kysely } from 'kysely';
import type { Database } from '#platform/db/tables.js';
import { AuditRepository } from './audit.repository.js';
import { AuditEntrySchema } from './audit.schema.js';
import type { Checkpoint } from './checkpoint.js';
import { chainHash, GENESIS_HASH } from './hash-chain.js';

export type VerifyResult =
  | { ok: true; size: number; headHash: string }
  | { ok: false; size: number; firstBadSeq: number; reason: string };

const PAGE = 2000;

/**
 * Walks the whole chain and reports the first bad entry: a gap or reordering in seq, a broken
 * prev_hash link, a hash that does not match the stored bytes, an entry whose text does not parse
 * or disagrees with its filter columns; and, given a checkpoint, truncation or a rewritten prefix.
 */
export async function verifyAuditLog(
  db: Kysely<Database>,
  checkpoint?: Checkpoint,
): Promise<VerifyResult> {
  const repo = new AuditRepository();
  let expectedSeq = 1;
  let prevHash = GENESIS_HASH;
  let afterSeq = 0;
  for (;;) {
    const rows = await repo.page(db, afterSeq, PAGE);
    for (const row of rows) {
      const bad = (reason: string): VerifyResult => ({
        ok: false,
        size: expectedSeq - 1,
        firstBadSeq: expectedSeq,
        reason,
      });
      if (row.seq !== expectedSeq) {
        return bad(`entry ${expectedSeq} is missing (next stored is ${row.seq})`);
      }
      if (row.prevHash !== prevHash) return bad('prev_hash does not link to the previous entry');
      if (chainHash(row.prevHash, row.entry) !== row.hash) {
        return bad('hash does not match the stored entry');
      }
      const reason = entryMismatch(row);
      if (reason) return bad(reason);
      if (checkpoint && row.seq === checkpoint.treeSize && row.hash !== checkpoint.headHash) {
        return bad('the log was rewritten: head hash differs from the checkpoint');
      }
      prevHash = row.hash;
      expectedSeq += 1;
    }
    if (rows.length < PAGE) break;
    afterSeq = rows[rows.length - 1]!.seq;
  }
  const size = expectedSeq - 1;
  if (checkpoint && size < checkpoint.treeSize) {
    return {
      ok: false,
      size,
      firstBadSeq: size + 1,
      reason: `the log was truncated: ${size} entries, the checkpoint covers ${checkpoint.treeSize}`,
    };
  }
  return { ok: true, size, headHash: prevHash };
}

function entryMismatch(row: Database['auditLog']): string | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(row.entry);
  } catch {
    return 'entry is not JSON';
  }
  const result = AuditEntrySchema.safeParse(parsed);
  if (!result.success) return 'entry does not match the audit entry schema';
  const e = result.data;
  if (e.seq !== row.seq) return `entry says seq ${e.seq}: reordered`;
  const actorId = e.actor.kind === 'user' ? (e.actor.id ?? null) : null;
  if (
    e.action !== row.action ||
    e.outcome !== row.outcome ||
    actorId !== row.actorId ||
    (e.organisationId ?? null) !== row.organisationId ||
    (e.owners ?? []).join(',') !== [...row.ownerOrganisationIds].sort().join(',') ||
    new Date(e.time).getTime() !== new Date(row.occurredAt).getTime()
  ) {
    return 'filter columns disagree with the hashed entry';
  }
  return undefined;
}
