import { sql, type Insertable, type Kysely } from 'kysely';
import type { Database, HashEntryTable, HashSetKind } from '#platform/db/tables.js';
import { ConflictError } from '#shared/errors.js';

type Db = Kysely<Database>;

/** One active entry with its set's identity, as the index loader reads it. */
export type ActiveEntryRow = {
  id: number;
  hashType: HashEntryTable['hashType'];
  hashHex: string;
  hashSetId: string;
  hashSetName: string;
  version: number;
  kind: HashSetKind;
  categoryScheme: string | null;
  categoryCode: string | null;
  series: string | null;
  victimIdentified: boolean | null;
  isDistributed: boolean | null;
  activatedAt: Date | null;
};

/** SQL for hash sets, their versions and entries. */
export class HashsetsRepository {
  constructor(private readonly db: Db) {}

  findSetByName(name: string) {
    return this.db.selectFrom('hashSet').selectAll().where('name', '=', name).executeTakeFirst();
  }

  findSetById(id: string) {
    return this.db.selectFrom('hashSet').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** Inserts the set unless a set of that name exists; returns the row either way. */
  async upsertSet(name: string, kind: HashSetKind) {
    await this.db
      .insertInto('hashSet')
      .values({ name, kind })
      .onConflict((oc) => oc.column('name').doNothing())
      .execute();
    return this.db
      .selectFrom('hashSet')
      .selectAll()
      .where('name', '=', name)
      .executeTakeFirstOrThrow();
  }

  /** Every set with its active version's row (if any). */
  listSets() {
    return this.db
      .selectFrom('hashSet as s')
      .leftJoin('hashSetVersion as v', (j) =>
        j.onRef('v.hashSetId', '=', 's.id').on('v.status', '=', 'active'),
      )
      .select([
        's.id',
        's.name',
        's.kind',
        's.activeVersion',
        's.createdAt',
        's.updatedAt',
        'v.format',
        'v.sourceFileName',
        'v.entryCount',
        'v.activatedAt',
      ])
      .orderBy('s.name')
      .execute();
  }

  findActiveVersion(hashSetId: string) {
    return this.db
      .selectFrom('hashSetVersion')
      .selectAll()
      .where('hashSetId', '=', hashSetId)
      .where('status', '=', 'active')
      .executeTakeFirst();
  }

  /** Creates the next version of a set in status `loading` (invisible to matchers). */
  async insertLoadingVersion(input: {
    hashSetId: string;
    kind: HashSetKind;
    format: string;
    sourceFileName: string;
  }) {
    const { max } = await this.db
      .selectFrom('hashSetVersion')
      .select((eb) => eb.fn.max('version').as('max'))
      .where('hashSetId', '=', input.hashSetId)
      .executeTakeFirstOrThrow();
    try {
      return await this.db
        .insertInto('hashSetVersion')
        .values({ ...input, version: (max ?? 0) + 1, status: 'loading' })
        .returning(['id', 'version'])
        .executeTakeFirstOrThrow();
    } catch (error) {
      // Two imports of one set took the same next version number at once.
      if ((error as { code?: string }).code === '23505') {
        throw new ConflictError(
          'Another import of this hash set is running; try again',
          undefined,
          {
            cause: error,
          },
        );
      }
      throw error;
    }
  }

  /**
   * Inserts entries, skipping a digest already in this version; returns how many went in. One
   * `unnest` of column arrays per batch: 11 parameters whatever the batch size, so a batch of
   * thousands of rows is one short statement to parse and plan.
   */
  async insertEntries(rows: Array<Insertable<HashEntryTable>>): Promise<number> {
    if (rows.length === 0) return 0;
    const col = <T>(pick: (row: Insertable<HashEntryTable>) => T) => rows.map(pick);
    const result = await sql`
      insert into hash_entry (hash_set_version_id, hash_type, hash_hex, category_scheme, category_code,
        series, victim_identified, is_distributed, media_id, pdq_quality, source_position)
      select * from unnest(
        ${col((r) => r.hashSetVersionId)}::uuid[], ${col((r) => r.hashType)}::text[],
        ${col((r) => r.hashHex)}::text[], ${col((r) => r.categoryScheme ?? null)}::text[],
        ${col((r) => r.categoryCode ?? null)}::text[], ${col((r) => r.series ?? null)}::text[],
        ${col((r) => r.victimIdentified ?? null)}::boolean[], ${col((r) => r.isDistributed ?? null)}::boolean[],
        ${col((r) => r.mediaId ?? null)}::text[], ${col((r) => r.pdqQuality ?? null)}::smallint[],
        ${col((r) => r.sourcePosition)}::text[])
      on conflict (hash_set_version_id, hash_type, hash_hex) do nothing`.execute(this.db);
    return Number(result.numAffectedRows ?? 0);
  }

  /**
   * Compares a loaded version with the previous active one: entries new, changed in their
   * attributes, identical, and gone.
   */
  async diffVersions(newId: string, oldId: string | null) {
    const result = await sql<{
      total: number;
      imported: number;
      updated: number;
      unchanged: number;
      old: number;
    }>`
      select
        count(*)::int as total,
        count(*) filter (where o.id is null)::int as imported,
        count(*) filter (where o.id is not null and (
          n.category_scheme is distinct from o.category_scheme or
          n.category_code is distinct from o.category_code or
          n.series is distinct from o.series or
          n.victim_identified is distinct from o.victim_identified or
          n.is_distributed is distinct from o.is_distributed or
          n.pdq_quality is distinct from o.pdq_quality))::int as updated,
        (select count(*)::int from hash_entry where hash_set_version_id = ${oldId}) as old
      from hash_entry n
      left join hash_entry o
        on o.hash_set_version_id = ${oldId} and o.hash_type = n.hash_type and o.hash_hex = n.hash_hex
      where n.hash_set_version_id = ${newId}`.execute(this.db);
    const row = result.rows[0]!;
    const unchanged = row.total - row.imported - row.updated;
    return {
      total: row.total,
      imported: row.imported,
      updated: row.updated,
      unchanged,
      removed: row.old - row.updated - unchanged,
    };
  }

  /** In one transaction (pass `trx`): supersede the active version, activate the new one. */
  async activateVersion(
    trx: Db,
    input: {
      hashSetId: string;
      versionId: string;
      version: number;
      kind: HashSetKind;
      entryCount: number;
      rejectedCount: number;
      now: Date;
    },
  ): Promise<void> {
    await trx
      .updateTable('hashSetVersion')
      .set({ status: 'superseded' })
      .where('hashSetId', '=', input.hashSetId)
      .where('status', '=', 'active')
      .execute();
    await trx
      .updateTable('hashSetVersion')
      .set({
        status: 'active',
        activatedAt: input.now,
        entryCount: input.entryCount,
        rejectedCount: input.rejectedCount,
      })
      .where('id', '=', input.versionId)
      .execute();
    await trx
      .updateTable('hashSet')
      .set({ activeVersion: input.version, kind: input.kind, updatedAt: input.now })
      .where('id', '=', input.hashSetId)
      .execute();
  }

  /** Deletes a version and (by cascade) its entries: a discarded or failed load. */
  async deleteVersion(versionId: string): Promise<void> {
    await this.db.deleteFrom('hashSetVersion').where('id', '=', versionId).execute();
  }

  /** Deletes a set that has no version left (its first import failed). */
  async deleteSetIfUnused(hashSetId: string): Promise<void> {
    await this.db
      .deleteFrom('hashSet')
      .where('id', '=', hashSetId)
      .where((eb) =>
        eb.not(
          eb.exists(
            eb.selectFrom('hashSetVersion').select('id').where('hashSetId', '=', hashSetId),
          ),
        ),
      )
      .execute();
  }

  /** Frees the entries of superseded versions of a set (their version rows stay as history). */
  async deleteSupersededEntries(hashSetId: string): Promise<void> {
    await this.db
      .deleteFrom('hashEntry')
      .where('hashSetVersionId', 'in', (eb) =>
        eb
          .selectFrom('hashSetVersion')
          .select('hashSetVersion.id')
          .where('hashSetId', '=', hashSetId)
          .where('status', '=', 'superseded'),
      )
      .execute();
  }

  /** One page of active entries after `afterId` (keyset pagination keeps memory bounded). */
  activeEntriesPage(afterId: number, limit: number): Promise<ActiveEntryRow[]> {
    return this.db
      .selectFrom('hashEntry as e')
      .innerJoin('hashSetVersion as v', 'v.id', 'e.hashSetVersionId')
      .innerJoin('hashSet as s', 's.id', 'v.hashSetId')
      .where('v.status', '=', 'active')
      .where('e.id', '>', afterId)
      .select([
        'e.id',
        'e.hashType',
        'e.hashHex',
        's.id as hashSetId',
        's.name as hashSetName',
        'v.version',
        'v.kind',
        'e.categoryScheme',
        'e.categoryCode',
        'e.series',
        'e.victimIdentified',
        'e.isDistributed',
        'v.activatedAt',
      ])
      .orderBy('e.id')
      .limit(limit)
      .execute();
  }
}
