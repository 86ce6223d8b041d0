import { sql } from 'kysely';
import type { Db } from '#platform/db/client.js';
import type { JurisdictionRuleInput } from './attribution.schema.js';
import type { TorExitEntry } from './tor-exits.js';

/** SQL for Tor exit sightings and jurisdiction rules. */
export class AttributionRepository {
  constructor(private readonly db: Db) {}

  async insertTorExits(entries: TorExitEntry[], listSha256: string): Promise<number> {
    let inserted = 0;
    for (let i = 0; i < entries.length; i += 1000) {
      const rows = entries.slice(i, i + 1000).map((e) => ({ ...e, listSha256 }));
      const result = await this.db
        .insertInto('torExit')
        .values(rows)
        .onConflict((oc) => oc.doNothing())
        .executeTakeFirst();
      inserted += Number(result.numInsertedOrUpdatedRows ?? 0);
    }
    return inserted;
  }

  async listTorSightings(db: Db, ips: string[]): Promise<Array<{ ip: string; seenAt: Date }>> {
    // Guard against an `in ()` query when a batch has no addresses.
    if (ips.length === 0) return [];
    // One array parameter: a batch holds thousands of addresses.
    return db
      .selectFrom('torExit')
      .select(['ip', 'seenAt'])
      .where(sql<boolean>`ip = any(${ips}::text[])`)
      .execute();
  }

  listRules(db: Db = this.db) {
    return db
      .selectFrom('jurisdictionRule')
      .select(['id', 'countryCode', 'region', 'municipality', 'agencyCode', 'note'])
      .orderBy('countryCode')
      .orderBy('region')
      .orderBy('municipality')
      .execute();
  }

  upsertRule(rule: JurisdictionRuleInput) {
    return this.db
      .insertInto('jurisdictionRule')
      .values(rule)
      .onConflict((oc) =>
        oc
          .columns(['countryCode', 'region', 'municipality'])
          .doUpdateSet({ agencyCode: rule.agencyCode, note: rule.note }),
      )
      .returning(['id', 'countryCode', 'region', 'municipality', 'agencyCode', 'note'])
      .executeTakeFirstOrThrow();
  }

  async deleteRule(countryCode: string, region: string, municipality: string): Promise<number> {
    const result = await this.db
      .deleteFrom('jurisdictionRule')
      .where('countryCode', '=', countryCode)
      .where('region', '=', region)
      .where('municipality', '=', municipality)
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}
