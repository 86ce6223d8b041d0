import { requireRole } from '#core/access/guards.js';
import type { CallContext } from '#core/access/actor.js';
import type { Clock } from '#platform/clock.js';
import type { Db } from '#platform/db/client.js';
import type { JobQueue } from '#platform/jobs/queue.js';
import { ConfigError, IntegrityError } from '#shared/errors.js';
import { verifyAuditLog, type VerifyResult } from './audit-verifier.js';
import type { AuditService } from './audit.service.js';
import {
  CHECKPOINT_EXPORT_FORMAT,
  publicPemOf,
  signCheckpoint,
  type Checkpoint,
  type CheckpointExport,
  type SignedCheckpoint,
} from './checkpoint.js';

export const CHECKPOINT_JOB = 'audit.checkpoint';
/** Default interval of the scheduled checkpoint (VIGIL_AUDIT_CHECKPOINT_MINUTES; 0 turns it off). */
export const DEFAULT_CHECKPOINT_MINUTES = 10;

/**
 * Verifying the chain and signing checkpoints of its head, each audited (the CLI's `audit verify`
 * and `audit checkpoint`, the scheduled job, the auditors' export). A checkpoint covers the chain
 * up to the entry before its own audit row.
 */
export class AuditCheckpointsService {
  constructor(
    private readonly deps: {
      db: Db;
      audit: AuditService;
      clock: Clock;
      queue: JobQueue;
      /** The Ed25519 private key (PEM) of the installation, when configured. */
      signingKey?: string | undefined;
      intervalMinutes?: number;
    },
  ) {}

  get intervalMinutes(): number {
    return this.deps.intervalMinutes ?? DEFAULT_CHECKPOINT_MINUTES;
  }

  /** Walks the chain; the walk is audited (`audit.verify`, outcome failure when it is broken). */
  async verify(ctx: CallContext, checkpoint?: Checkpoint): Promise<VerifyResult> {
    return this.deps.audit.record(ctx, 'audit.verify', 'audit', async (note) => {
      const result = await verifyAuditLog(this.deps.db, checkpoint);
      note.details = { size: result.size, checkpoint: checkpoint?.treeSize ?? 'none' };
      if (!result.ok) {
        note.outcome = 'failure';
        note.details.firstBadSeq = result.firstBadSeq;
      }
      return result;
    });
  }

  /**
   * Verifies the chain, signs a checkpoint of its head with `keyPem` (default: the configured key),
   * stores it for export and returns it. IntegrityError when the chain is broken (nothing signed).
   */
  async checkpoint(ctx: CallContext, keyPem?: string): Promise<SignedCheckpoint> {
    const key = keyPem ?? this.deps.signingKey;
    if (!key) {
      throw new ConfigError(
        'No checkpoint signing key: pass --key-file, set VIGIL_AUDIT_SIGNING_KEY_FILE or put audit-signing.key in the data directory',
      );
    }
    return this.deps.audit.record(ctx, 'audit.checkpoint', 'audit', async (note) => {
      const result = await verifyAuditLog(this.deps.db);
      if (!result.ok) {
        note.details.firstBadSeq = result.firstBadSeq;
        throw new IntegrityError(
          `Audit log broken at entry ${result.firstBadSeq}: ${result.reason}; no checkpoint written`,
        );
      }
      const signed = signCheckpoint(key, {
        treeSize: result.size,
        headHash: result.headHash,
        time: this.deps.clock.now(),
      });
      await this.deps.db
        .insertInto('auditCheckpoint')
        .values({
          treeSize: signed.checkpoint.treeSize,
          headHash: signed.checkpoint.headHash,
          signedAt: new Date(signed.checkpoint.time),
          keyId: signed.checkpoint.keyId,
          publicKey: publicPemOf(key),
          signature: signed.signature,
        })
        .execute();
      note.details = { treeSize: result.size, keyId: signed.checkpoint.keyId };
      return signed;
    });
  }

  /** The stored checkpoints (signed since `since`, all by default) with their public keys. */
  async exportCheckpoints(ctx: CallContext, since?: Date): Promise<CheckpointExport> {
    return this.deps.audit.run(ctx, 'audit.checkpoint_export', 'audit', async (trx, note) => {
      requireRole(ctx.actor, ['auditor']);
      let query = trx.selectFrom('auditCheckpoint').selectAll().orderBy('id');
      if (since) query = query.where('signedAt', '>=', since);
      const rows = await query.execute();
      note.details = { count: rows.length };
      return {
        format: CHECKPOINT_EXPORT_FORMAT,
        publicKeys: [...new Set(rows.map((r) => r.publicKey))],
        checkpoints: rows.map((r) => ({
          checkpoint: {
            treeSize: r.treeSize,
            headHash: r.headHash,
            time: r.signedAt.toISOString(),
            keyId: r.keyId,
          },
          signature: r.signature,
        })),
      };
    });
  }

  /**
   * Queues the next scheduled checkpoint at the start of the next interval (now, with `now`). One
   * job per interval slot: workers and restarts that schedule the same slot share one job.
   */
  async scheduleNext(now = false): Promise<boolean> {
    if (!this.deps.signingKey || this.intervalMinutes <= 0) return false;
    const ms = this.intervalMinutes * 60_000;
    const slot = Math.floor(this.deps.clock.now().getTime() / ms) + (now ? 0 : 1);
    await this.deps.queue.enqueue(
      CHECKPOINT_JOB,
      {},
      {
        runAt: now ? this.deps.clock.now() : new Date(slot * ms),
        dedupeKey: `${CHECKPOINT_JOB}:${slot}`,
      },
    );
    return true;
  }
}
