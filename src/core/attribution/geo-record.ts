/** Where an address geolocates, whichever database said so. */
export type GeoPlace = { countryCode: string | null; region: string | null; city: string | null };

type Names = { names?: { en?: unknown } };
const en = (v: unknown): string | null => {
  const name = (v as Names | undefined)?.names?.en;
  return typeof name === 'string' && name !== '' ? name : null;
};
const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);

/**
 * Reads a city record in either shape: MaxMind GeoIP2/GeoLite2 City (`country.iso_code`,
 * `subdivisions[0].names.en`, `city.names.en`) or ip-location-db DB-IP (`country_code`, `state1`,
 * `city`).
 */
export function placeFromRecord(record: Record<string, unknown> | null): GeoPlace | null {
  if (!record) return null;
  if ('country_code' in record || 'state1' in record) {
    return {
      countryCode: str(record.country_code),
      region: str(record.state1),
      city: str(record.city),
    };
  }
  const country = record.country as { iso_code?: unknown } | undefined;
  const subdivisions = Array.isArray(record.subdivisions) ? record.subdivisions : [];
  const place = {
    countryCode: str(country?.iso_code),
    region: en(subdivisions[0]),
    city: en(record.city),
  };
  return place.countryCode || place.region || place.city ? place : null;
}

/** ISP/ASN data from a MaxMind ASN or ISP record. */
export function networkFromRecord(
  record: Record<string, unknown> | null,
): { asn: number | null; org: string | null } | null {
  if (!record) return null;
  const asn =
    typeof record.autonomous_system_number === 'number' ? record.autonomous_system_number : null;
  const org = str(record.isp) ?? str(record.autonomous_system_organization);
  return asn === null && org === null ? null : { asn, org };
}

/** Anonymising-service flags from a MaxMind Anonymous-IP record. */
export function anonymousFlags(record: Record<string, unknown> | null): string[] {
  if (!record) return [];
  const flags: Array<[string, string]> = [
    ['is_anonymous_vpn', 'vpn'],
    ['is_hosting_provider', 'hosting'],
    ['is_public_proxy', 'proxy'],
    ['is_residential_proxy', 'residential_proxy'],
    ['is_tor_exit_node', 'tor'],
  ];
  const out = flags.filter(([key]) => record[key] === true).map(([, flag]) => flag);
  if (out.length === 0 && record.is_anonymous === true) out.push('anonymous');
  return out;
}
