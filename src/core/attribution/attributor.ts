import { specialRange } from './special-ranges.js';
import { anonymousFlags, networkFromRecord, placeFromRecord, type GeoPlace } from './geo-record.js';
import type { AsnIndex } from './asn-index.js';
import type { JurisdictionTable } from './jurisdiction.js';
import type { SafeMmdb } from './mmdb.js';
import type { TorExitIndex } from './tor-exits.js';

/** Everything known about one IP at one time, and who should act on it. */
export type Attribution = {
  countryCode: string | null;
  region: string | null;
  city: string | null;
  asn: number | null;
  asOrg: string | null;
  flags: string[];
  agencyCode: string | null;
  unassignedReason: string | null;
};

/** The offline data sources an Attributor reads (all optional but the city databases). */
export type AttributionSources = {
  city: SafeMmdb[];
  asn: AsnIndex | null;
  asnMmdb: SafeMmdb | null;
  anonymous: SafeMmdb | null;
};

/** What an IP's address alone says (no time, port or rules): cached per IP across batches. */
type NetworkFacts =
  | { kind: 'special'; flag: string; label: string }
  | {
      kind: 'public';
      place: GeoPlace | null;
      asn: number | null;
      asOrg: string | null;
      flags: string[];
    }
  | { kind: 'failed'; reason: string };

/** A bounded per-IP cache of network facts, shared by the Attributors built on the same sources. */
export class NetworkFactsCache {
  private readonly map = new Map<string, NetworkFacts>();
  constructor(private readonly max = 100_000) {}
  get(ip: string): NetworkFacts | undefined {
    return this.map.get(ip);
  }
  set(ip: string, facts: NetworkFacts): void {
    // Cleared when full rather than LRU: simple, bounded, and a log's IPs repeat in runs.
    if (this.map.size >= this.max) this.map.clear();
    this.map.set(ip, facts);
  }
}

/**
 * Places an IP at a time: special-purpose ranges and CGNAT, Tor exits at that time, anonymising
 * services, geolocation, ASN, then the jurisdiction rule. Database errors never throw: the IP is
 * left unassigned with the reason. The database look-ups are made once per IP (`cache`), the
 * jurisdiction once per place for this Attributor's rules.
 */
export class Attributor {
  private readonly assignments = new Map<string, ReturnType<JurisdictionTable['assign']>>();

  constructor(
    private readonly sources: AttributionSources,
    private readonly jurisdiction: JurisdictionTable,
    private readonly cache: NetworkFactsCache = new NetworkFactsCache(10_000),
  ) {}

  /** Attributes one canonical IP observed at `at` (with its source port when known). */
  attribute(ip: string, at: Date, port: number | null, tor: TorExitIndex): Attribution {
    const out: Attribution = {
      countryCode: null,
      region: null,
      city: null,
      asn: null,
      asOrg: null,
      flags: [],
      agencyCode: null,
      unassignedReason: null,
    };
    let facts = this.cache.get(ip);
    if (!facts) {
      facts = this.facts(ip);
      this.cache.set(ip, facts);
    }
    if (facts.kind === 'special') {
      out.flags.push(facts.flag);
      out.unassignedReason =
        facts.flag === 'cgnat'
          ? port === null
            ? 'carrier-grade NAT address without source port: not attributable'
            : 'carrier-grade NAT address: only the ISP can resolve it (address and port)'
          : `special-purpose address (${facts.label}): not attributable`;
      return out;
    }
    if (facts.kind === 'failed') {
      out.unassignedReason = `attribution failed: ${facts.reason}`;
      return out;
    }
    const { place } = facts;
    if (place) {
      out.countryCode = place.countryCode;
      out.region = place.region;
      out.city = place.city;
    }
    out.asn = facts.asn;
    out.asOrg = facts.asOrg;
    out.flags.push(...facts.flags);
    if (tor.wasExit(ip, at) && !out.flags.includes('tor')) out.flags.push('tor');
    if (out.flags.includes('tor')) {
      return unassigned(out, 'Tor exit at that time: not attributable');
    }
    const anon = out.flags.find((f) => f !== 'tor');
    if (anon) {
      return unassigned(
        out,
        `anonymising service (${anon}): the provider is the lead, not the place`,
      );
    }
    if (!place) return unassigned(out, 'no geolocation for this address');
    const placeKey = `${place.countryCode}\u001f${place.region}\u001f${place.city}`;
    let assignment = this.assignments.get(placeKey);
    if (!assignment) {
      assignment = this.jurisdiction.assign(place);
      this.assignments.set(placeKey, assignment);
    }
    out.agencyCode = assignment.agencyCode;
    out.unassignedReason = assignment.reason;
    return out;
  }

  private facts(ip: string): NetworkFacts {
    const special = specialRange(ip);
    if (special) return { kind: 'special', flag: special.flag, label: special.label };
    try {
      const place = this.locate(ip);
      const network = this.sources.asn?.lookup(ip) ?? null;
      const mm = networkFromRecord(this.sources.asnMmdb?.get(ip) ?? null);
      return {
        kind: 'public',
        place,
        asn: network?.asn ?? mm?.asn ?? null,
        asOrg: mm?.org ?? network?.org ?? null,
        flags: anonymousFlags(this.sources.anonymous?.get(ip) ?? null),
      };
    } catch (error) {
      return { kind: 'failed', reason: (error as Error).message };
    }
  }

  private locate(ip: string): GeoPlace | null {
    for (const db of this.sources.city) {
      const record = db.get(ip);
      if (!record) continue;
      // Records are cached by the reader (one object per stored record): so are their places, so
      // the per-IP cache shares one place object per city rather than holding one per address.
      let place = PLACES.get(record);
      if (place === undefined) {
        place = placeFromRecord(record);
        PLACES.set(record, place);
      }
      if (place) return place;
    }
    return null;
  }
}

const PLACES = new WeakMap<object, GeoPlace | null>();

function unassigned(out: Attribution, reason: string): Attribution {
  out.unassignedReason = reason;
  return out;
}
