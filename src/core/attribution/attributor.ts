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

/**
 * Places an IP at a time: special-purpose ranges and CGNAT, Tor exits at that time, anonymising
 * services, geolocation, ASN, then the jurisdiction rule. Database errors never throw: the IP is
 * left unassigned with the reason.
 */
export class Attributor {
  constructor(
    private readonly sources: AttributionSources,
    private readonly jurisdiction: JurisdictionTable,
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
    const special = specialRange(ip);
    if (special) {
      out.flags.push(special.flag);
      out.unassignedReason =
        special.flag === 'cgnat'
          ? port === null
            ? 'carrier-grade NAT address without source port: not attributable'
            : 'carrier-grade NAT address: only the ISP can resolve it (address and port)'
          : `special-purpose address (${special.label}): not attributable`;
      return out;
    }
    try {
      const place = this.locate(ip);
      Object.assign(out, place ?? {});
      const network = this.sources.asn?.lookup(ip) ?? null;
      const mm = networkFromRecord(this.sources.asnMmdb?.get(ip) ?? null);
      out.asn = network?.asn ?? mm?.asn ?? null;
      out.asOrg = mm?.org ?? network?.org ?? null;
      for (const flag of anonymousFlags(this.sources.anonymous?.get(ip) ?? null)) {
        out.flags.push(flag);
      }
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
      const assignment = this.jurisdiction.assign(place);
      out.agencyCode = assignment.agencyCode;
      out.unassignedReason = assignment.reason;
    } catch (error) {
      out.unassignedReason = `attribution failed: ${(error as Error).message}`;
    }
    return out;
  }

  private locate(ip: string): GeoPlace | null {
    for (const db of this.sources.city) {
      const place = placeFromRecord(db.get(ip));
      if (place) return place;
    }
    return null;
  }
}

function unassigned(out: Attribution, reason: string): Attribution {
  out.unassignedReason = reason;
  return out;
}
