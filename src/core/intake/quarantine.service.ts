import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import type { Db } from '#platform/db/client.js';
import type { Clock } from '#platform/clock.js';
import { ValidationError } from '#shared/errors.js';
import { parseP2pCsv } from './formats/p2p-csv.js';
import { parseP2pJsonl } from './formats/p2p-jsonl.js';
import type { ParsedItem } from './formats/parsed-item.js';
import type { IntakeRepository } from './intake.repository.js';
import type { QuarantineQuery, QuarantineView } from './intake.schema.js';
import type { Rejection } from './intake.types.js';
import { validateRecord } from './p2p-record.js';
import { writeBatch, type P2pDeps } from './p2p-import.js';
import { IGNORED_COLUMN } from './column-map.js';
import { csvCell, QUARANTINE_EXPORT_COLUMNS } from './csv-export.js';
import type { Actor } from '#core/access/actor.js';
import { assertFound, visibleTo } from '#core/access/scope.js';
import type { ImportView } from './intake.schema.js';

/** The agency-scoped object of an import (its quarantined rows are owned through it), for visibleTo(). */
export const IMPORT_OBJECT = {
  type: 'import',
  idColumn: 'import_journal.id',
  ownerColumn: 'import_journal.owner_organisation_id',
};

/** Rows in one quarantine export at most (R14); the response says when more were left out. */
export const QUARANTINE_EXPORT_MAX_ROWS = 10_000;

/** Listing, exporting and re-importing quarantined rows. */
export class QuarantineService {
  constructor(
    private readonly deps: P2pDeps & {
      db: Db;
      repository: IntakeRepository;
      clock: Clock;
      /** Makes `matcher` usable (loads the hash index once); awaited before any matching. */
      matcherReady?: () => Promise<void>;
    },
  ) {}

  /**
   * Lists the quarantined rows of imports the actor may see (its organisation's, R2), newest import
   * first (open ones only unless asked); NotFoundError for another agency's (or a missing) import.
   */
  async list(actor: Actor, query: QuarantineQuery): Promise<QuarantineView[]> {
    const now = this.deps.clock.now();
    if (query.importId) await this.getImport(actor, query.importId);
    let q = this.deps.db
      .selectFrom('quarantine')
      .innerJoin('importJournal', 'importJournal.id', 'quarantine.importId')
      .select([
        'quarantine.id',
        'quarantine.importId',
        'quarantine.fileName',
        'quarantine.format',
        'quarantine.line',
        'quarantine.field',
        'quarantine.reason',
        'quarantine.raw',
        'quarantine.rawTruncated',
        'quarantine.resolvedAt',
      ])
      .where(visibleTo(actor, IMPORT_OBJECT, now))
      .orderBy('quarantine.createdAt', 'desc')
      .orderBy('quarantine.line')
      .orderBy('quarantine.id')
      .limit(query.limit)
      .offset(query.offset);
    if (query.importId) q = q.where('quarantine.importId', '=', query.importId);
    if (!query.includeResolved) q = q.where('quarantine.resolvedAt', 'is', null);
    const rows = await q.execute();
    return rows.map((r) => ({ ...r, resolvedAt: r.resolvedAt?.toISOString() ?? null }));
  }

  /** The actor's past imports, newest first, with their counts (R2: its organisation's only). */
  async listImports(actor: Actor, query: { limit: number; offset: number }): Promise<ImportView[]> {
    const rows = await this.deps.db
      .selectFrom('importJournal')
      .leftJoin('appUser', 'appUser.id', 'importJournal.createdBy')
      .select([
        'importJournal.id',
        'importJournal.fileName',
        'importJournal.format',
        'importJournal.status',
        'importJournal.accepted',
        'importJournal.duplicates',
        'importJournal.rejected',
        'importJournal.matched',
        'importJournal.startedAt',
        'importJournal.finishedAt',
        'appUser.username',
      ])
      .where(visibleTo(actor, IMPORT_OBJECT, this.deps.clock.now()))
      .orderBy('importJournal.startedAt', 'desc')
      .orderBy('importJournal.id')
      .limit(query.limit)
      .offset(query.offset)
      .execute();
    return rows.map((r) => ({
      id: r.id,
      fileName: r.fileName,
      format: r.format,
      status: r.status,
      accepted: r.accepted,
      quarantined: r.rejected,
      duplicates: r.duplicates,
      matched: r.matched,
      uploadedBy: r.username ?? null,
      startedAt: r.startedAt.toISOString(),
      finishedAt: r.finishedAt?.toISOString() ?? null,
    }));
  }

  /** The import if the actor may see it, else NotFoundError (one answer for missing and foreign). */
  private async getImport(actor: Actor, id: string): Promise<void> {
    const row = await this.deps.db
      .selectFrom('importJournal')
      .select('id')
      .where('id', '=', id)
      .where(visibleTo(actor, IMPORT_OBJECT, this.deps.clock.now()))
      .executeTakeFirst();
    assertFound(row, 'import');
  }

  /**
   * Quarantine as CSV (id,file,line,field,reason,raw,raw_truncated), formula prefixes escaped
   * (R24), at most QUARANTINE_EXPORT_MAX_ROWS rows (R14); `truncated` says that more were left out.
   */
  async exportCsv(
    actor: Actor,
    query: QuarantineQuery,
  ): Promise<{ lines: string[]; rows: number; truncated: boolean }> {
    const lines = [`${QUARANTINE_EXPORT_COLUMNS.join(',')}\r\n`];
    const pageSize = Math.min(query.limit, 1000);
    let rows = 0;
    for (let offset = query.offset; rows <= QUARANTINE_EXPORT_MAX_ROWS; offset += pageSize) {
      const page = await this.list(actor, { ...query, offset, limit: pageSize });
      for (const r of page) {
        if (rows === QUARANTINE_EXPORT_MAX_ROWS) return { lines, rows, truncated: true };
        rows += 1;
        lines.push(
          `${[r.id, r.fileName, String(r.line), r.field, r.reason, r.raw.replace(/(\r\n|\n|\r)$/, ''), String(r.rawTruncated)].map(csvCell).join(',')}\r\n`,
        );
      }
      if (page.length < pageSize) break;
    }
    return { lines, rows, truncated: false };
  }

  /**
   * Re-imports fixed rows from an edited export (columns id and raw; a leading `'` added by the
   * export is removed). Rows that now validate are stored and their quarantine entry resolved.
   */
  async reimport(
    actor: Actor,
    csv: AsyncIterable<Buffer>,
    fileName: string,
  ): Promise<{ accepted: number; duplicates: number; stillRejected: Rejection[] }> {
    await this.deps.matcherReady?.();
    const sha = createHash('sha256')
      .update(`quarantine-reimport:${fileName}:${Date.now()}`)
      .digest('hex');
    let accepted = 0;
    let duplicates = 0;
    const stillRejected: Rejection[] = [];
    for await (const row of Readable.from(csv).pipe(
      parse({ bom: true, columns: true, skip_empty_lines: true }),
    ) as AsyncIterable<Record<string, string>>) {
      if (!row.id || row.raw === undefined) {
        throw new ValidationError(`${fileName}: columns id and raw are required`, [
          { path: fileName, reason: 'id and raw columns' },
        ]);
      }
      const q = await this.deps.db
        .selectFrom('quarantine')
        .innerJoin('importJournal', 'importJournal.id', 'quarantine.importId')
        .selectAll('quarantine')
        .select(['importJournal.ownerOrganisationId', 'importJournal.createdBy'])
        .where('quarantine.id', '=', row.id)
        .where('quarantine.resolvedAt', 'is', null)
        .where(visibleTo(actor, IMPORT_OBJECT, this.deps.clock.now()))
        .executeTakeFirst();
      if (!q || q.format === 'cybertip') {
        stillRejected.push({
          file: fileName,
          line: 0,
          field: 'id',
          reason: 'no open P2P quarantine entry with this id',
          raw: row.id,
        });
        continue;
      }
      const raw = /^'[=+\-@\t\r]/.test(row.raw) ? row.raw.slice(1) : row.raw;
      const item = await reparse(q.format, q.header, raw, q.fileName, q.line);
      const check =
        'error' in item
          ? { ok: false as const, ...item.error }
          : validateRecord(item.record, this.deps.clock.now());
      if (!check.ok) {
        stillRejected.push({
          file: q.fileName,
          line: q.line,
          field: check.field,
          reason: check.reason,
          raw,
        });
        continue;
      }
      await this.deps.db.transaction().execute(async (trx) => {
        const journal = await this.deps.repository.createJournal(trx, {
          fileSha256: sha,
          fileName: `quarantine-reimport:${q.fileName}`,
          format: q.format,
          // The fixed row stays its import's organisation's data.
          ownerOrganisationId: q.ownerOrganisationId,
          createdBy: actor.kind === 'user' ? actor.userId : null,
        });
        const result = await writeBatch(
          this.deps,
          trx,
          {
            importId: journal.id,
            fileSha256: sha,
            fileName: q.fileName,
            format: q.format as 'p2p-csv',
            header: q.header,
          },
          [item],
        );
        accepted += result.counts.accepted;
        duplicates += result.counts.duplicates;
        await this.deps.repository.updateJournal(
          trx,
          journal.id,
          result.counts,
          this.deps.clock.now(),
        );
        await trx
          .updateTable('quarantine')
          .set({ resolvedAt: this.deps.clock.now(), resolvedBy: `import:${journal.id}` })
          .where('id', '=', q.id)
          .execute();
      });
    }
    return { accepted, duplicates, stillRejected };
  }
}

async function reparse(
  format: string,
  header: string | null,
  raw: string,
  fileName: string,
  line: number,
): Promise<ParsedItem> {
  const input = Readable.from([
    Buffer.from(format === 'p2p-csv' ? `${header ?? ''}\n${raw}\n` : `${raw}\n`),
  ]);
  const items =
    format === 'p2p-csv'
      ? parseP2pCsv(input, fileName, { header: null }, { [IGNORED_COLUMN]: '' })
      : parseP2pJsonl(input);
  for await (const item of items) return { ...item, line };
  return { line, raw, error: { field: '(record)', reason: 'empty row' } };
}
