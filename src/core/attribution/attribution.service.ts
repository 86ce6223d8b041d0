import { createHash } from 'node:crypto';
import type { Clock } from '#platform/clock.js';
import type { Db } from '#platform/db/client.js';
import { NotFoundError, ValidationError } from '#shared/errors.js';
import { canonicalIp } from '#core/intake/canonical/ip.js';
import { canonicalTime } from '#core/intake/canonical/timestamp.js';
import type { AttributionRepository } from './attribution.repository.js';
import {
  DBIP_ATTRIBUTION,
  type AttributionView,
  type JurisdictionRuleInput,
  type JurisdictionRuleView,
  type LookupInput,
  type TorImportResult,
} from './attribution.schema.js';
import { Attributor, NetworkFactsCache, type AttributionSources } from './attributor.js';
import { JurisdictionTable, normalisePlaceName, type JurisdictionRule } from './jurisdiction.js';
import { parseTorExitList, TorExitIndex } from './tor-exits.js';

/** Opens the configured databases once (they are large); provided by the composition root. */
export type AttributionSourceLoader = () => Promise<AttributionSources>;

/** One batch's view of attribution: the rules and Tor sightings it needs, loaded up front. */
export type BatchAttributor = {
  attribute: (ip: string, at: Date, port: number | null) => ReturnType<Attributor['attribute']>;
};

/** The jurisdiction rules as read at one moment; `key` differs whenever any rule differs. */
export type RuleSnapshot = { key: string; rules: JurisdictionRule[] };

/** Tor exit sightings of some addresses as read at one moment. */
export type TorSightings = Array<{ ip: string; seenAt: Date }>;

/** IP attribution (geolocation, ASN, special ranges, Tor, anonymisers) and jurisdiction rules. */
export class AttributionService {
  private sources: Promise<AttributionSources> | null = null;
  // Per-IP database answers, kept while the same sources are open (they never change under us).
  private readonly networkFacts = new NetworkFactsCache();
  private lastAttributor: {
    sources: AttributionSources;
    key: string;
    attributor: Attributor;
  } | null = null;

  constructor(
    private readonly deps: {
      db: Db;
      repository: AttributionRepository;
      loadSources: AttributionSourceLoader;
      torWindowHours: number;
      clock: Clock;
    },
  ) {}

  /** The attribution text that must accompany geolocation results (DB-IP Lite, CC BY 4.0). */
  readonly dataAttribution = DBIP_ATTRIBUTION;

  /** Opens the databases on first use; throws GeoDatabaseError when one is missing or corrupt. */
  private getSources(): Promise<AttributionSources> {
    this.sources ??= this.deps.loadSources().catch((error: unknown) => {
      this.sources = null;
      throw error;
    });
    return this.sources;
  }

  /** Builds the attributor for one batch of addresses (reads rules and Tor sightings through `db`). */
  async forBatch(db: Db, ips: string[]): Promise<BatchAttributor> {
    const rules = await this.rules(db);
    return this.attributor(rules, await this.torSightings(db, ips));
  }

  /** The jurisdiction rules as read through `db` (a transaction sees its own snapshot). */
  async rules(db: Db): Promise<RuleSnapshot> {
    const rules = (await this.deps.repository.listRules(db)).map((r) => ({
      countryCode: r.countryCode,
      region: r.region,
      municipality: r.municipality,
      agencyCode: r.agencyCode,
    }));
    return { key: JSON.stringify(rules), rules };
  }

  /** The Tor exit sightings of `ips` as read through `db`. */
  torSightings(db: Db, ips: Iterable<string>): Promise<TorSightings> {
    return this.deps.repository.listTorSightings(db, [...new Set(ips)]);
  }

  /**
   * An attributor over given rules and Tor sightings (opens the databases on first use). The
   * Attributor of the last rule set is reused, with its per-place jurisdiction answers.
   */
  async attributor(rules: RuleSnapshot, sightings: TorSightings): Promise<BatchAttributor> {
    const sources = await this.getSources();
    if (this.lastAttributor?.sources !== sources || this.lastAttributor.key !== rules.key) {
      this.lastAttributor = {
        sources,
        key: rules.key,
        attributor: new Attributor(sources, new JurisdictionTable(rules.rules), this.networkFacts),
      };
    }
    const { attributor } = this.lastAttributor;
    const tor = new TorExitIndex(sightings, this.deps.torWindowHours * 3_600_000);
    return { attribute: (ip, at, port) => attributor.attribute(ip, at, port, tor) };
  }

  /** Attributes one IP at one time; throws ValidationError for a non-canonicalisable IP or time. */
  async lookup(input: LookupInput): Promise<AttributionView> {
    const ip = canonicalIp(input.ip);
    if (!ip.ok) throw new ValidationError(`ip: ${ip.reason}`, [{ path: 'ip', reason: ip.reason }]);
    const at = canonicalTime(input.at, this.deps.clock.now());
    if (!at.ok) throw new ValidationError(`at: ${at.reason}`, [{ path: 'at', reason: at.reason }]);
    const batch = await this.forBatch(this.deps.db, [ip.ip]);
    const { flags, ...rest } = batch.attribute(ip.ip, at.utc, input.port);
    return { ip: ip.ip, at: at.iso, ...rest, flags, dataAttribution: DBIP_ATTRIBUTION };
  }

  /** Imports a TorDNSEL exit list; returns counts and the lines it could not read. */
  async importTorList(text: string): Promise<TorImportResult> {
    const { entries, errors } = parseTorExitList(text);
    if (entries.length === 0 && errors.length > 0) {
      throw new ValidationError(
        'Not a TorDNSEL exit list',
        errors.slice(0, 20).map((e) => ({ path: `line ${e.line}`, reason: e.reason })),
      );
    }
    const sha = createHash('sha256').update(text).digest('hex');
    const inserted = await this.deps.repository.insertTorExits(entries, sha);
    return { entries: entries.length, inserted, errors };
  }

  /** Lists the jurisdiction rules. */
  listRules(): Promise<JurisdictionRuleView[]> {
    return this.deps.repository.listRules();
  }

  /** Creates or replaces the rule for a place (region and municipality compared normalised). */
  setRule(input: JurisdictionRuleInput): Promise<JurisdictionRuleView> {
    return this.deps.repository.upsertRule({
      ...input,
      region: normalisePlaceName(input.region),
      municipality: normalisePlaceName(input.municipality),
    });
  }

  /** Removes the rule for a place; throws NotFoundError when there is none. */
  async removeRule(place: {
    countryCode: string;
    region: string;
    municipality: string;
  }): Promise<void> {
    const n = await this.deps.repository.deleteRule(
      place.countryCode,
      normalisePlaceName(place.region),
      normalisePlaceName(place.municipality),
    );
    if (n === 0) throw new NotFoundError('No such jurisdiction rule');
  }
}
