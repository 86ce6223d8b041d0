import { sql } from 'kysely';
import type { Db } from '#platform/db/client.js';
import type { HashMatch } from '#core/hashsets/hash-matcher.js';
import type { IntakeFormat } from '#platform/db/tables.js';
import type { AttributedObservation, QuarantineItem } from './intake.types.js';

export type JournalCounts = {
  rowsDone: number;
  accepted: number;
  duplicates: number;
  rejected: number;
  matched: number;
};

/** SQL for the import journal, observations, their matches and quarantine. */
export class IntakeRepository {
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

  createJournal(db: Db, row: { fileSha256: string; fileName: string; format: IntakeFormat }) {
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

  /** Inserts observations, skipping identities already stored; returns the ids actually inserted. */
  async insertObservations(
    db: Db,
    rows: AttributedObservation[],
    importId: string,
    sourceFile: string,
  ): Promise<Set<string>> {
    if (rows.length === 0) return new Set();
    // One JSON text parameter (json_to_recordset): far cheaper to send than 25 array parameters,
    // and the same statement runs on PGlite and PostgreSQL.
    const payload = JSON.stringify(
      rows.map((r) => ({
        id: r.id,
        t: r.observedIso,
        o: r.observedOffset,
        n: r.network,
        ip: r.ip,
        p: r.port,
        ci: r.clientId,
        cn: r.clientName,
        ht: r.hashType,
        h: r.hash,
        fn: r.fileName,
        fs: r.fileSize,
        ek: r.evidenceKind,
        ob: r.observer,
        er: r.evidenceRef,
        es: r.evidenceSha256,
        l: r.line,
        cc: r.attribution.countryCode,
        rg: r.attribution.region,
        ct: r.attribution.city,
        asn: r.attribution.asn,
        ao: r.attribution.asOrg,
        fl: r.attribution.flags.join(','),
        ag: r.attribution.agencyCode,
        ur: r.attribution.unassignedReason,
      })),
    );
    const result = await sql<{ id: string }>`
      insert into observation (id, observed_at, observed_offset, network, ip, port, client_id, client_name,
        hash_type, hash, file_name, file_size, evidence_kind, observer, evidence_ref, evidence_sha256,
        import_id, source_file, source_line, country_code, region, city, asn, as_org, ip_flags,
        agency_code, unassigned_reason)
      select t.id, t.t, t.o, t.n, t.ip, t.p, t.ci, t.cn, t.ht, t.h, t.fn, t.fs, t.ek, t.ob, t.er, t.es,
        ${importId}::uuid, ${sourceFile}, t.l, t.cc, t.rg, t.ct, t.asn, t.ao,
        string_to_array(t.fl, ','), t.ag, t.ur
      from json_to_recordset(${payload}::json) as t(id text, t timestamptz, o text, n text, ip text,
        p int, ci text, cn text, ht text, h text, fn text, fs int8, ek text, ob text, er text, es text,
        l int, cc text, rg text, ct text, asn int, ao text, fl text, ag text, ur text)
      on conflict (id) do nothing
      returning id`.execute(db);
    return new Set(result.rows.map((r) => r.id));
  }

  /** Records hash-set matches (idempotent per observation, set and version). */
  async insertMatches(
    db: Db,
    rows: Array<{ observationId: string; match: HashMatch }>,
    matchedAt: Date,
  ): Promise<number> {
    if (rows.length === 0) return 0;
    const result = await db
      .insertInto('observationMatch')
      .values(
        rows.map(({ observationId, match: m }) => ({
          observationId,
          hashSetId: m.hashSetId,
          hashSetVersion: m.hashSetVersion,
          kind: m.kind,
          categoryScheme: m.categoryScheme,
          categoryCode: m.categoryCode,
          series: m.series,
          victimIdentified: m.victimIdentified,
          isDistributed: m.isDistributed,
          matchedAt,
        })),
      )
      .onConflict((oc) => oc.doNothing())
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0);
  }

  /** Quarantines rejected items (once per file and line). */
  async insertQuarantine(db: Db, items: QuarantineItem[]): Promise<void> {
    if (items.length === 0) return;
    const rows = items.map((item) => ({
      ...item,
      field: noNul(item.field),
      reason: noNul(item.reason),
      header: item.header === null ? null : noNul(item.header),
      ...(item.raw.includes('\u0000')
        ? { raw: JSON.stringify(item.raw), rawEncoding: 'json' as const }
        : {}),
    }));
    await db
      .insertInto('quarantine')
      .values(rows)
      .onConflict((oc) => oc.doNothing())
      .execute();
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
function noNul(text: string): string {
  return text.replaceAll('\u0000', '\\0');
}
