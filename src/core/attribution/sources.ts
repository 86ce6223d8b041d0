import type { AttributionConfig } from '#platform/config.js';
import { AsnIndex } from './asn-index.js';
import type { AttributionSources } from './attributor.js';
import { SafeMmdb } from './mmdb.js';

/** Opens the configured attribution files: City .mmdb list, ASN CSVs or .mmdb, Anonymous-IP .mmdb. */
export async function loadAttributionSources(
  config: AttributionConfig,
): Promise<AttributionSources> {
  const csv = config.asnSources.filter((p) => p.endsWith('.csv'));
  const mmdb = config.asnSources.find((p) => p.endsWith('.mmdb'));
  return {
    city: config.cityDbs.map((path) => SafeMmdb.open(path)),
    asn: csv.length > 0 ? await AsnIndex.load(csv) : null,
    asnMmdb: mmdb ? SafeMmdb.open(mmdb) : null,
    anonymous: config.anonymousDb ? SafeMmdb.open(config.anonymousDb) : null,
  };
}
