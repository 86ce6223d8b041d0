import type { CallContext } from '#core/access/actor.js';
import { requireRole, requireUser } from '#core/access/guards.js';
import { AuditRepository } from './audit.repository.js';
import type { AuditEntry, AuditPage, AuditQuery } from './audit.schema.js';
import type { AuditService } from './audit.service.js';

/** Auditors read their organisation's audit rows; the reading is itself audited. */
export class AuditReaderService {
  private readonly repo = new AuditRepository();

  constructor(private readonly audit: AuditService) {}

  /** A filtered page of audit rows; anyone but an auditor gets NotFoundError (404). */
  async listAudit(ctx: CallContext, query: AuditQuery): Promise<AuditPage> {
    return this.audit.run(ctx, 'audit.read', 'audit', async (trx, note) => {
      requireRole(ctx.actor, ['auditor']);
      const actor = requireUser(ctx.actor);
      const rows = await this.repo.listForOrganisation(trx, actor.organisationId, query);
      note.details.count = rows.length;
      const items = rows.map((r) => ({
        seq: r.seq,
        hash: r.hash,
        entry: JSON.parse(r.entry) as AuditEntry,
      }));
      // Names are looked up for display only: rows hold ids, never names.
      const users = new Set<string>();
      const orgs = new Set<string>([actor.organisationId]);
      for (const { entry } of items) {
        if (entry.actor.kind === 'user' && entry.actor.id) users.add(entry.actor.id);
        if (entry.organisationId) orgs.add(entry.organisationId);
        for (const owner of entry.owners ?? []) orgs.add(owner);
      }
      const names = await this.repo.namesOf(trx, [...users], [...orgs]);
      return {
        items,
        nextAfterSeq: rows.length === query.limit ? rows[rows.length - 1]!.seq : null,
        ...names,
      };
    });
  }
}
