import { sql } from 'kysely';
import type { Db } from '#platform/db/client.js';
import type { HashMatch } from '#core/hashsets/hash-matcher.js';
import type { CopyIn } from '#platform/db/copy.js';
import type { IntakeFormat } from '#platform/db/tables.js';
import type { Attribution } from '#core/attribution/attributor.js';
import type { AttributedObservation, QuarantineItem } from './intake.types.js';

export type JournalCounts = {
  rowsDone: number;
  accepted: number;
  duplicates: number;
  rejected: number;
  matched: number;
};

/** The columns a hash-set match stores beside the matched row (observation or tip file). */
function matchColumns(m: HashMatch, matchedAt: Date) {
  return {
    hashSetId: m.hashSetId,
    hashSetVersion: m.hashSetVersion,
    kind: m.kind,
    categoryScheme: m.categoryScheme,
    categoryCode: m.categoryCode,
    series: m.series,
    victimIdentified: m.victimIdentified,
    isDistributed: m.isDistributed,
    matchedAt,
  };
}

/** Characters of a rejected row kept in quarantine (R23: never a whole document or image). */
export const QUARANTINE_RAW_MAX = 512;
/** Characters of the CSV header kept with a quarantined row (for re-import). */
export const QUARANTINE_HEADER_MAX = 2048;

/** SQL for the import journal, observations, their matches and quarantine. */
export class IntakeRepository {
  /** `copy` runs a COPY … FROM STDIN on a connection (the platform's `copyIn`). */
  constructor(private readonly copy: CopyIn) {}

  findRunningJournal(db: Db, fileSha256: string, format: IntakeFormat) {
    return db
      .selectFrom('importJournal')
      .selectAll()
      .where('fileSha256', '=', fileSha256)
      .where('format', '=', format)
      .where('status', '=', 'running')
      .orderBy('startedAt', 'desc')
      .executeTakeFirst();
  }

  createJournal(
    db: Db,
    row: {
      fileSha256: string;
      fileName: string;
      format: IntakeFormat;
      ownerOrganisationId?: string | null;
      createdBy?: string | null;
    },
  ) {
    return db.insertInto('importJournal').values(row).returningAll().executeTakeFirstOrThrow();
  }

  async updateJournal(
    db: Db,
    id: string,
    counts: JournalCounts,
    finishedAt: Date | null,
  ): Promise<void> {
    await db
      .updateTable('importJournal')
      .set({ ...counts, ...(finishedAt ? { status: 'done', finishedAt } : {}) })
      .where('id', '=', id)
      .execute();
  }

  /**
   * Inserts observations given as COPY text (`copyLine`), skipping identities already stored;
   * returns how many were inserted and which of `watch` (e.g. the ids with hash-set matches) were
   * among them. Must run in a transaction. A batch of new observations (the usual case) is COPYed
   * straight into the table under a savepoint; when that meets an identity already stored (unique
   * violation), the batch is COPYed into a session temp table instead and moved with one
   * `INSERT … SELECT … ON CONFLICT DO NOTHING`.
   */
  async insertObservations(
    db: Db,
    copy: ObservationCopy,
    watch: ReadonlySet<string> = new Set(),
  ): Promise<{ inserted: number; watched: Set<string> }> {
    if (copy.rows === 0) return { inserted: 0, watched: new Set() };
    const cols = COPY_COLUMNS.join(', ');
    await sql`savepoint intake_batch`.execute(db);
    try {
      await this.copy(db, `COPY observation (${cols}) FROM STDIN`, copy.text);
      await sql`release savepoint intake_batch`.execute(db);
      return { inserted: copy.rows, watched: new Set(watch) };
    } catch (error) {
      if ((error as { code?: unknown }).code !== UNIQUE_VIOLATION) throw error;
      await sql`rollback to savepoint intake_batch`.execute(db);
    }
    // No parameters: one round trip for both statements (simple protocol on both engines).
    await sql.raw(`${STAGE_DDL}; truncate ${STAGE}`).execute(db);
    await this.copy(db, `COPY ${STAGE} (${cols}) FROM STDIN`, copy.text);
    const result = await sql<{ inserted: number; watched: string[] | null }>`
      with ins as (
        insert into observation (${sql.raw(cols)})
        select ${sql.raw(cols)} from ${sql.raw(STAGE)}
        order by id collate "C"
        on conflict (id) do nothing
        returning id)
      select count(*)::int as inserted,
        array_agg(id) filter (where id = any(${[...watch]}::text[])) as watched
      from ins`.execute(db);
    const row = result.rows[0];
    return { inserted: row?.inserted ?? 0, watched: new Set(row?.watched ?? []) };
  }

  /** Records hash-set matches (idempotent per observation, set and version). */
  async insertMatches(
    db: Db,
    rows: Array<{ observationId: string; match: HashMatch }>,
    matchedAt: Date,
  ): Promise<number> {
    let added = 0;
    // Chunked: a statement may carry at most 65,535 parameters.
    for (let i = 0; i < rows.length; i += STATEMENT_ROWS) {
      const result = await db
        .insertInto('observationMatch')
        .values(
          rows.slice(i, i + STATEMENT_ROWS).map(({ observationId, match: m }) => ({
            observationId,
            ...matchColumns(m, matchedAt),
          })),
        )
        .onConflict((oc) => oc.doNothing())
        .executeTakeFirst();
      added += Number(result.numInsertedOrUpdatedRows ?? 0);
    }
    return added;
  }

  /** Records hash-set matches of CyberTipline file hashes (idempotent per hash, set and version). */
  async insertCybertipMatches(
    db: Db,
    rows: Array<{ documentId: string; hashType: string; hash: string; match: HashMatch }>,
    matchedAt: Date,
  ): Promise<number> {
    let added = 0;
    for (let i = 0; i < rows.length; i += STATEMENT_ROWS) {
      const result = await db
        .insertInto('cybertipFileMatch')
        .values(
          rows.slice(i, i + STATEMENT_ROWS).map(({ documentId, hashType, hash, match: m }) => ({
            documentId,
            hashType,
            hash,
            ...matchColumns(m, matchedAt),
          })),
        )
        .onConflict((oc) => oc.doNothing())
        .executeTakeFirst();
      added += Number(result.numInsertedOrUpdatedRows ?? 0);
    }
    return added;
  }

  /** A page of stored CyberTipline file hashes (key order) for re-matching. */
  listCybertipHashes(
    db: Db,
    after: { documentId: string; hashType: string; hash: string } | null,
    limit: number,
  ) {
    let query = db
      .selectFrom('cybertipFileHash')
      .select(['documentId', 'hashType', 'hash'])
      .orderBy('documentId')
      .orderBy('hashType')
      .orderBy('hash')
      .limit(limit);
    if (after) {
      query = query.where((eb) =>
        eb(
          eb.refTuple('documentId', 'hashType', 'hash'),
          '>',
          eb.tuple(after.documentId, after.hashType, after.hash),
        ),
      );
    }
    return query.execute();
  }

  /**
   * Quarantines rejected items (once per file and line), each cut to what an analyst needs to fix
   * it (R23): the raw row to QUARANTINE_RAW_MAX characters, the header to QUARANTINE_HEADER_MAX.
   */
  async insertQuarantine(db: Db, items: QuarantineItem[]): Promise<void> {
    if (items.length === 0) return;
    const rows = items.map((item) => {
      const raw = item.raw.slice(0, QUARANTINE_RAW_MAX);
      return {
        ...item,
        field: noNul(item.field).slice(0, 200),
        reason: noNul(item.reason).slice(0, 500),
        header: item.header === null ? null : noNul(item.header).slice(0, QUARANTINE_HEADER_MAX),
        raw,
        rawTruncated: raw.length < item.raw.length,
        ...(raw.includes('\u0000')
          ? { raw: JSON.stringify(raw), rawEncoding: 'json' as const }
          : {}),
      };
    });
    for (let i = 0; i < rows.length; i += STATEMENT_ROWS) {
      await db
        .insertInto('quarantine')
        .values(rows.slice(i, i + STATEMENT_ROWS))
        .onConflict((oc) => oc.doNothing())
        .execute();
    }
  }

  /** A page of stored observations (id order) for re-matching. */
  listObservationHashes(db: Db, afterId: string, limit: number) {
    return db
      .selectFrom('observation')
      .select(['id', 'hashType', 'hash'])
      .where('id', '>', afterId)
      .orderBy('id')
      .limit(limit)
      .execute();
  }
}

// PostgreSQL text cannot hold NUL: shown as \0 in messages (the raw row keeps it, JSON-escaped).
function noNul(value: string): string {
  return value.replaceAll('\u0000', '\\0');
}

/** Observations as COPY text (`copyLine` per row) and how many rows it holds. */
export type ObservationCopy = { text: string; rows: number };

// The staging table: per session (a temp table: no WAL, invisible to other connections), emptied
// before every batch. Columns in COPY order.
const STAGE = 'intake_observation_stage';
const COPY_COLUMNS = [
  'id',
  'observed_at',
  'observed_offset',
  'network',
  'ip',
  'port',
  'client_id',
  'client_name',
  'hash_type',
  'hash',
  'file_name',
  'file_size',
  'evidence_kind',
  'observer',
  'evidence_ref',
  'evidence_sha256',
  'source_line',
  'country_code',
  'region',
  'city',
  'asn',
  'as_org',
  'ip_flags',
  'agency_code',
  'unassigned_reason',
  'import_id',
  'source_file',
] as const;
const STAGE_DDL = `create temp table if not exists ${STAGE} (id text, observed_at timestamptz,
  observed_offset text, network text, ip text, port integer, client_id text, client_name text,
  hash_type text, hash text, file_name text, file_size bigint, evidence_kind text, observer text,
  evidence_ref text, evidence_sha256 text, source_line integer, country_code text, region text,
  city text, asn integer, as_org text, ip_flags text[], agency_code text, unassigned_reason text,
  import_id uuid, source_file text)`;

const UNIQUE_VIOLATION = '23505';
/** Rows per multi-row INSERT: well under PostgreSQL's 65,535 parameters at up to 12 columns. */
const STATEMENT_ROWS = 2000;

/** The end of every COPY line of one import and source file (their columns are the last two). */
export function copySuffix(importId: string, sourceFile: string): string {
  return `\t${importId}\t${text(sourceFile)}\n`;
}

/** One row in COPY text format (tab-separated, \N for null), in COPY_COLUMNS order. */
export function copyLine(r: AttributedObservation, suffix: string): string {
  return (
    `${r.id}\t${r.observedIso}\t${r.observedOffset}\t${r.network}\t${r.ip}\t${r.port}\t` +
    `${text(r.clientId)}\t${text(r.clientName)}\t${r.hashType}\t${r.hash}\t${text(r.fileName)}\t` +
    `${num(r.fileSize)}\t${r.evidenceKind}\t${text(r.observer)}\t${text(r.evidenceRef)}\t` +
    `${text(r.evidenceSha256)}\t${r.line}\t${attributionColumns(r.attribution)}${suffix}`
  );
}

function attributionColumns(a: Attribution): string {
  return (
    `${text(a.countryCode)}\t${text(a.region)}\t${text(a.city)}\t${num(a.asn)}\t` +
    `${text(a.asOrg)}\t${flags(a.flags)}\t${text(a.agencyCode)}\t${text(a.unassignedReason)}`
  );
}

// Where the columns read back from a COPY line are (canonical values: never escaped).
const AT = {
  observedAt: COPY_COLUMNS.indexOf('observed_at'),
  ip: COPY_COLUMNS.indexOf('ip'),
  port: COPY_COLUMNS.indexOf('port'),
  attribution: COPY_COLUMNS.indexOf('country_code'),
  attributionEnd: COPY_COLUMNS.indexOf('unassigned_reason') + 1,
};

/**
 * COPY text (`copyLine` rows) with the attribution columns of some rows replaced: `attribute`
 * gets each row's address, time and port and returns its new attribution, or null to keep it.
 */
export function reattributeCopyText(
  data: string,
  attribute: (ip: string, at: Date, port: number) => Attribution | null,
): string {
  let out = '';
  for (const line of data.split('\n')) {
    if (line === '') continue;
    const cols = line.split('\t');
    const a = attribute(cols[AT.ip]!, new Date(cols[AT.observedAt]!), Number(cols[AT.port]));
    if (a) cols.splice(AT.attribution, AT.attributionEnd - AT.attribution, attributionColumns(a));
    out += `${cols.join('\t')}\n`;
  }
  return out;
}

const NEEDS_ESCAPE = /[\\\t\n\r]/;
const ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

// COPY text format: backslash, tab, LF and CR are escaped; \N is null.
function text(value: string | null): string {
  if (value === null) return '\\N';
  return NEEDS_ESCAPE.test(value) ? value.replace(/[\\\t\n\r]/g, (c) => ESCAPES[c]!) : value;
}

function num(value: number | null): string {
  return value === null ? '\\N' : String(value);
}

// An array literal; flags are plain identifiers (no quoting needed), checked to stay so.
function flags(values: string[]): string {
  for (const f of values) {
    if (!/^[a-z0-9_]+$/.test(f)) {
      throw new Error(`unexpected attribution flag ${JSON.stringify(f)}`);
    }
  }
  return `{${values.join(',')}}`;
}
