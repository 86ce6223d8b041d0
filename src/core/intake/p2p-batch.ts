import type {
  BatchAttributor,
  RuleSnapshot,
  TorSightings,
} from '#core/attribution/attribution.service.js';
import type { HashMatch, HashMatcher } from '#core/hashsets/hash-matcher.js';
import type { ParsedItem } from './formats/parsed-item.js';
import {
  copyLine,
  copySuffix,
  reattributeCopyText,
  type ObservationCopy,
} from './intake.repository.js';
import type { AttributedObservation, QuarantineItem } from './intake.types.js';
import type { Observation } from './observation.js';
import { validateRecord } from './p2p-record.js';
import { matchPage } from './rematch.js';

/** Where a batch's rows come from: the import, its file and (CSV) header. */
export type BatchContext = {
  importId: string;
  fileSha256: string;
  fileName: string;
  format: 'p2p-csv' | 'p2p-jsonl';
  /** The CSV header line, kept with quarantined rows so a fixed row can be re-imported. */
  header: string | null;
};

/**
 * One batch of a P2P log, prepared before its transaction opens: every parsed item is validated,
 * in-batch duplicates are dropped, rows are matched against the hash sets, attributed with the
 * rules known so far (assuming no Tor sighting) and rendered as COPY text. The batch's transaction
 * then reads the rules and the Tor sightings of its addresses again and, only when they differ
 * from what the batch assumed, attributes again (`reattribute`) before storing; so a batch is
 * always attributed with what its own transaction sees, while the CPU work of batch n+1 overlaps
 * the database work of batch n.
 */
export class PreparedBatch {
  /** Parsed items taken (the journal's rows_done advances by this much). */
  items = 0;
  inBatchDuplicates = 0;
  /** Rows taken into the batch (valid, not an in-batch duplicate). */
  rows = 0;
  readonly quarantine: QuarantineItem[] = [];
  private readonly matches = new Map<string, HashMatch[]>();
  // Rows waiting to be matched: one batched look-up per hash type and chunk (`matchPage`).
  private unmatched: Observation[] = [];
  /** The distinct addresses of `rows` (for the Tor sightings check). */
  readonly ips = new Set<string>();
  private readonly seen = new Set<string>();
  private readonly suffix: string;
  // COPY lines are joined into flat text every CHUNK_ROWS rows: per-row objects and strings then
  // die young instead of living (and being traced by the GC) until the batch is stored.
  private lines: string[] = [];
  private readonly chunks: string[] = [];

  constructor(
    private readonly ctx: BatchContext,
    private readonly matcher: HashMatcher,
    private readonly now: Date,
    /** The rules `attributor` was built from (Tor sightings assumed none). */
    readonly rules: RuleSnapshot,
    private readonly attributor: BatchAttributor,
  ) {
    this.suffix = copySuffix(ctx.importId, ctx.fileName);
  }

  /** Takes one parsed item: a rejection goes to quarantine, a valid row into the batch. */
  add(item: ParsedItem): void {
    this.items++;
    const result =
      'error' in item
        ? { ok: false as const, ...item.error }
        : validateRecord(item.record, this.now);
    if (!result.ok) {
      const ctx = this.ctx;
      this.quarantine.push({
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
      return;
    }
    const o = result.value;
    if (this.seen.has(o.id)) {
      this.inBatchDuplicates++;
      return;
    }
    this.seen.add(o.id);
    const row = o as AttributedObservation;
    row.line = item.line;
    row.attribution = this.attributor.attribute(o.ip, o.observedAt, o.port);
    this.rows++;
    this.ips.add(o.ip);
    this.unmatched.push(o);
    this.lines.push(copyLine(row, this.suffix));
    if (this.lines.length >= CHUNK_ROWS) this.seal();
  }

  /** The rows as COPY text for `IntakeRepository.insertObservations`. */
  get copy(): ObservationCopy {
    this.seal();
    return { text: this.chunks.join(''), rows: this.rows };
  }

  /** Hash-set matches of rows that have any, by observation id. */
  get matchesById(): ReadonlyMap<string, HashMatch[]> {
    this.seal();
    return this.matches;
  }

  private seal(): void {
    if (this.unmatched.length > 0) {
      const found = matchPage(this.matcher, this.unmatched);
      this.unmatched.forEach((o, i) => {
        if (found[i]!.length > 0) this.matches.set(o.id, found[i]!);
      });
      this.unmatched = [];
    }
    if (this.lines.length === 0) return;
    this.chunks.push(this.lines.join(''));
    this.lines = [];
  }

  /**
   * Attributes again with what the batch's transaction read, when it differs from what the batch
   * assumed: all rows when the rules changed, else the rows of addresses with a Tor sighting.
   */
  reattribute(rules: RuleSnapshot, sightings: TorSightings, attributor: BatchAttributor): void {
    const changedRules = rules.key !== this.rules.key;
    const torIps = new Set(sightings.map((s) => s.ip));
    if (!changedRules && torIps.size === 0) return;
    const text = reattributeCopyText(this.copy.text, (ip, at, port) =>
      changedRules || torIps.has(ip) ? attributor.attribute(ip, at, port) : null,
    );
    this.chunks.length = 0;
    this.chunks.push(text);
  }
}

const CHUNK_ROWS = 256;
