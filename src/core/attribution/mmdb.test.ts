import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { GeoDatabaseError } from '#shared/errors.js';
import { anonymousFlags, networkFromRecord, placeFromRecord } from './geo-record.js';
import { SafeMmdb } from './mmdb.js';

const DIR = 'test/fixtures/maxmind';
const open = (name: string) => SafeMmdb.open(`${DIR}/${name}.mmdb`);

describe(SafeMmdb.name, () => {
  it('reads the City test database', () => {
    const city = open('GeoIP2-City-Test');
    expect(placeFromRecord(city.get('216.160.83.56'))).toEqual({
      countryCode: 'US',
      region: 'Washington',
      city: 'Milton',
    });
    expect((city.get('216.160.83.56') as { postal: { code: string } }).postal.code).toBe('98354');
    expect(placeFromRecord(city.get('81.2.69.160'))).toMatchObject({
      countryCode: 'GB',
      city: 'London',
    });
    expect(city.get('10.0.0.1')).toBeNull();
  });

  it('reads the ASN and ISP test databases', () => {
    const asn = open('GeoLite2-ASN-Test');
    expect(networkFromRecord(asn.get('1.128.0.0'))).toEqual({ asn: 1221, org: 'Telstra Pty Ltd' });
    expect(networkFromRecord(asn.get('12.81.92.0'))).toEqual({ asn: 7018, org: 'AT&T Services' });
    const isp = open('GeoIP2-ISP-Test').get('149.101.100.0')!;
    expect(networkFromRecord(isp)).toEqual({ asn: 6167, org: 'Verizon Wireless' });
    expect(isp).toMatchObject({ mobile_country_code: '310', mobile_network_code: '004' });
  });

  it('reads the Connection-Type and Anonymous-IP test databases', () => {
    const conn = open('GeoIP2-Connection-Type-Test');
    expect(conn.get('1.0.1.0')).toMatchObject({ connection_type: 'Cellular' });
    expect(conn.get('1.0.0.0')).toMatchObject({ connection_type: 'Cable/DSL' });
    const anon = open('GeoIP2-Anonymous-IP-Test');
    expect(anonymousFlags(anon.get('65.4.3.2'))).toEqual(['tor']);
    expect(anonymousFlags(anon.get('1.2.0.0'))).toEqual(['vpn']);
  });

  it('answers null, not an error, for IPv6 on an IPv4-only database', () => {
    expect(open('MaxMind-DB-test-ipv4-24').get('2001:db8::1')).toBeNull();
  });

  it('names a missing file clearly', () => {
    expect(() => SafeMmdb.open(`${DIR}/nope.mmdb`)).toThrow(GeoDatabaseError);
  });

  // What the JS reader can detect in each corrupt file: at open, at look-up, or (for corruption the
  // reader tolerates) nothing. Whatever happens, only a GeoDatabaseError may escape.
  const detected: Record<string, 'open' | 'lookup' | 'tolerated'> = {
    'bad-unicode-in-map-key.mmdb': 'lookup',
    'cyclic-data-structure.mmdb': 'open',
    'invalid-bytes-length.mmdb': 'open',
    'invalid-data-record-offset.mmdb': 'open',
    'invalid-map-key-length.mmdb': 'open',
    'invalid-string-length.mmdb': 'open',
    'libmaxminddb-corrupt-search-tree.mmdb': 'tolerated',
    'libmaxminddb-deep-array-nesting.mmdb': 'lookup',
    'libmaxminddb-deep-nesting.mmdb': 'tolerated',
    'libmaxminddb-empty-array-last-in-metadata.mmdb': 'tolerated',
    'libmaxminddb-empty-map-last-in-metadata.mmdb': 'tolerated',
    'libmaxminddb-metadata-marker-only.mmdb': 'open',
    'libmaxminddb-offset-integer-overflow.mmdb': 'open',
    'libmaxminddb-oversized-array.mmdb': 'lookup',
    'libmaxminddb-oversized-map.mmdb': 'lookup',
    'libmaxminddb-separator-record-max-left.mmdb': 'lookup',
    'libmaxminddb-separator-record-min-left.mmdb': 'lookup',
    'libmaxminddb-separator-record-min-right.mmdb': 'lookup',
    'libmaxminddb-uint64-max-epoch.mmdb': 'tolerated',
    'metadata-is-an-uint128.mmdb': 'open',
    'unexpected-bytes.mmdb': 'open',
  };

  it('covers every bad-data file', () => {
    expect(readdirSync(`${DIR}/bad-data`).sort()).toEqual(Object.keys(detected).sort());
  });

  it.each(Object.entries(detected))('%s gives a clear error, never a crash (%s)', (file, when) => {
    const path = `${DIR}/bad-data/${file}`;
    let failure: unknown = null;
    try {
      const db = SafeMmdb.open(path);
      for (const ip of ['1.1.1.1', '::1.1.1.1', '2001:db8::1', '255.255.255.255']) db.get(ip);
    } catch (error) {
      failure = error;
    }
    const message = failure instanceof Error ? failure.message : '';
    const outcome =
      failure === null ? 'tolerated' : message.includes('cannot open') ? 'open' : 'lookup';
    expect(failure === null || failure instanceof GeoDatabaseError).toBe(true);
    expect(failure === null || message.includes(file)).toBe(true);
    expect(outcome).toBe(when);
  });
});
