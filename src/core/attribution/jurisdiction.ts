import type { GeoPlace } from './geo-record.js';

export type JurisdictionRule = {
  countryCode: string;
  region: string;
  municipality: string;
  agencyCode: string;
};

/** An agency of jurisdiction, or why none could be assigned. */
export type Assignment =
  { agencyCode: string; reason: null } | { agencyCode: null; reason: string };

/** Lower case, single spaces, no accents: how regions and municipalities are compared. */
export function normalisePlaceName(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/** "Greater Sudbury (Sudbury)" -> ["greater sudbury (sudbury)", "greater sudbury", "sudbury"]. */
function cityCandidates(city: string): string[] {
  const full = normalisePlaceName(city);
  const m = /^(.*?)\s*\((.*)\)$/.exec(full);
  return m ? [full, m[1]!, m[2]!] : [full];
}

/**
 * Picks the most specific rule for a place: municipality, then region, then country. Places with
 * no rule are unassigned with "refer" (another agency's area).
 */
export class JurisdictionTable {
  private readonly rules = new Map<string, string>();

  constructor(rules: JurisdictionRule[]) {
    for (const r of rules) {
      this.rules.set(key(r.countryCode, r.region, r.municipality), r.agencyCode);
    }
  }

  /** The agency for a geolocated place. */
  assign(place: GeoPlace): Assignment {
    const country = place.countryCode?.toUpperCase();
    if (!country) return { agencyCode: null, reason: 'no country in the geolocation' };
    const region = place.region ? normalisePlaceName(place.region) : '';
    for (const city of place.city ? cityCandidates(place.city) : []) {
      const hit = this.rules.get(key(country, region, city));
      if (hit) return { agencyCode: hit, reason: null };
    }
    const regional = region ? this.rules.get(key(country, region, '')) : undefined;
    if (regional) return { agencyCode: regional, reason: null };
    const national = this.rules.get(key(country, '', ''));
    if (national) return { agencyCode: national, reason: null };
    const where = [country, place.region, place.city].filter(Boolean).join(' / ');
    return { agencyCode: null, reason: `outside the configured jurisdictions (${where}): refer` };
  }
}

function key(country: string, region: string, municipality: string): string {
  return `${country}\u001f${region}\u001f${municipality}`;
}
