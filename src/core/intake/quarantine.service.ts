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

  /** Lists quarantined rows, newest import first (open ones only unless asked). */
  async list(query: QuarantineQuery): Promise<QuarantineView[]> {
    let q = this.deps.db
      .selectFrom('quarantine')
      .select([
        'id',
        'importId',
        'fileName',
        'format',
        'line',
        'field',
        'reason',
        'raw',
        'resolvedAt',
      ])
      .orderBy('createdAt', 'desc')
      .orderBy('line')
      .limit(query.limit)
      .offset(query.offset);
    if (query.importId) q = q.where('importId', '=', query.importId);
    if (!query.includeResolved) q = q.where('resolvedAt', 'is', null);
    const rows = await q.execute();
    return rows.map((r) => ({ ...r, resolvedAt: r.resolvedAt?.toISOString() ?? null }));
  }

  /** Streams quarantine as CSV (id,file,line,field,reason,raw), formula prefixes escaped (R24). */
  async *exportCsv(query: QuarantineQuery): AsyncGenerator<string> {
    yield `${QUARANTINE_EXPORT_COLUMNS.join(',')}\r\n`;
    for (let offset = query.offset; ; offset += query.limit) {
      const page = await this.list({ ...query, offset });
      for (const r of page) {
        yield `${[r.id, r.fileName, String(r.line), r.field, r.reason, r.raw.replace(/(\r\n|\n|\r)$/, '')].map(csvCell).join(',')}\r\n`;
      }
      if (page.length < query.limit) return;
    }
  }

  /**
   * Re-imports fixed rows from an edited export (columns id and raw; a leading `'` added by the
   * export is removed). Rows that now validate are stored and their quarantine entry resolved.
   */
  async reimport(
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
        .selectAll()
        .where('id', '=', row.id)
        .where('resolvedAt', 'is', null)
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
