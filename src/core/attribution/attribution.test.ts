import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { AsnIndex } from './asn-index.js';
import { Attributor } from './attributor.js';
import { JurisdictionTable } from './jurisdiction.js';
import { SafeMmdb } from './mmdb.js';
import { specialRange } from './special-ranges.js';
import { parseTorExitList, TorExitIndex } from './tor-exits.js';

describe('special ranges', () => {
  it.each([
    ['10.1.2.3', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.0.1', 'private'],
    ['100.64.0.1', 'cgnat'],
    ['100.127.255.255', 'cgnat'],
    ['127.0.0.1', 'loopback'],
    ['169.254.1.1', 'link_local'],
    ['192.0.2.1', 'documentation'],
    ['198.51.100.1', 'documentation'],
    ['203.0.113.7', 'documentation'],
    ['198.18.0.1', 'benchmarking'],
    ['224.0.0.1', 'multicast'],
    ['255.255.255.255', 'reserved'],
    ['0.1.2.3', 'reserved'],
    ['fd00::1', 'private'],
    ['fe80::1', 'link_local'],
    ['2001:db8::1', 'documentation'],
    ['2001:0:4136:e378:8000:63bf:3fff:fdd2', 'teredo'],
    ['2002:c000:204::1', '6to4'],
    ['ff02::1', 'multicast'],
    ['::1', 'loopback'],
  ])('%s is %s', (ip, flag) => {
    expect(specialRange(ip)?.flag).toBe(flag);
  });

  it.each(['142.51.1.1', '100.128.0.1', '8.8.8.8', '2607:f8b0::1'])('%s is global', (ip) => {
    expect(specialRange(ip)).toBeNull();
  });
});

describe(AsnIndex.name, () => {
  it('finds ranges from text and integer CSV files, IPv4 and IPv6', async () => {
    const index = await AsnIndex.load([
      'test/fixtures/attribution/asn.csv',
      'test/fixtures/attribution/asn-num.csv',
    ]);
    expect(index.lookup('1.0.0.7')).toEqual({ asn: 13335, org: 'Example, Inc.' });
    expect(index.lookup('1.0.5.1')).toEqual({ asn: 38803, org: 'Example Pty Ltd' });
    expect(index.lookup('1.0.3.1')).toBeNull();
    expect(index.lookup('2001:200:1::1')).toEqual({ asn: 2500, org: 'Example v6' });
    expect(index.lookup('2001:300::1')).toBeNull();
  });

  it('names the file and line of a bad range', async () => {
    await expect(AsnIndex.load(['test/fixtures/attribution/exit-addresses.txt'])).rejects.toThrow(
      /exit-addresses.txt: line 1/,
    );
  });
});

describe('Tor exit lists', () => {
  const text = readFileSync('test/fixtures/attribution/exit-addresses.txt', 'utf8');

  it('reads ExitAddress entries and reports bad lines', () => {
    const { entries, errors } = parseTorExitList(text);
    expect(entries.map((e) => e.ip)).toEqual(['81.2.69.160', '2001:db8::7']);
    expect(entries[0]!.seenAt.toISOString()).toBe('2024-05-01T11:04:17.000Z');
    expect(errors.map((e) => e.line)).toEqual([9, 10, 11]);
  });

  it('answers within the window only', () => {
    const index = new TorExitIndex(parseTorExitList(text).entries, 24 * 3_600_000);
    expect(index.wasExit('81.2.69.160', new Date('2024-05-02T10:00:00Z'))).toBe(true);
    expect(index.wasExit('81.2.69.160', new Date('2024-05-03T12:00:00Z'))).toBe(false);
  });
});

describe(JurisdictionTable.name, () => {
  const table = new JurisdictionTable([
    { countryCode: 'CA', region: 'ontario', municipality: '', agencyCode: 'ON-OPP' },
    {
      countryCode: 'CA',
      region: 'ontario',
      municipality: 'greater sudbury',
      agencyCode: 'ON-GSPS',
    },
    { countryCode: 'CA', region: 'ontario', municipality: 'toronto', agencyCode: 'ON-TPS' },
  ]);

  it.each([
    [{ countryCode: 'CA', region: 'Ontario', city: 'Greater Sudbury (Sudbury)' }, 'ON-GSPS'],
    [{ countryCode: 'CA', region: 'Ontario', city: 'Toronto' }, 'ON-TPS'],
    [{ countryCode: 'CA', region: 'Ontario', city: 'Kapuskasing' }, 'ON-OPP'],
    [{ countryCode: 'CA', region: 'Ontario', city: null }, 'ON-OPP'],
  ])('assigns %o to %s', (place, agency) => {
    expect(table.assign(place)).toEqual({ agencyCode: agency, reason: null });
  });

  it('leaves places outside every rule unassigned, to refer', () => {
    expect(table.assign({ countryCode: 'CA', region: 'Quebec', city: 'Montréal' }).reason).toMatch(
      /refer/,
    );
    expect(
      table.assign({ countryCode: 'US', region: 'Washington', city: 'Milton' }).reason,
    ).toMatch(/US \/ Washington \/ Milton/);
    expect(table.assign({ countryCode: null, region: null, city: null }).reason).toMatch(
      /no country/,
    );
  });
});

describe(Attributor.name, () => {
  const sut = new Attributor(
    {
      city: [SafeMmdb.open('test/fixtures/maxmind/GeoIP2-City-Test.mmdb')],
      asn: null,
      asnMmdb: SafeMmdb.open('test/fixtures/maxmind/GeoLite2-ASN-Test.mmdb'),
      anonymous: SafeMmdb.open('test/fixtures/maxmind/GeoIP2-Anonymous-IP-Test.mmdb'),
    },
    new JurisdictionTable([
      {
        countryCode: 'US',
        region: 'washington',
        municipality: 'milton',
        agencyCode: 'US-WA-MILTON',
      },
    ]),
  );
  const noTor = new TorExitIndex([], 0);
  const at = new Date('2024-05-01T12:00:00Z');

  it('geolocates with a MaxMind City database and assigns the rule', () => {
    expect(sut.attribute('216.160.83.56', at, 1, noTor)).toMatchObject({
      city: 'Milton',
      agencyCode: 'US-WA-MILTON',
      unassignedReason: null,
    });
  });

  it('flags Tor exits at that time and anonymising services', () => {
    const tor = new TorExitIndex(
      [{ ip: '81.2.69.160', seenAt: new Date('2024-05-01T11:04:17Z') }],
      24 * 3_600_000,
    );
    expect(sut.attribute('81.2.69.160', at, 1, tor)).toMatchObject({
      flags: expect.arrayContaining(['tor']),
      agencyCode: null,
      countryCode: 'GB',
    });
    expect(sut.attribute('65.4.3.2', at, 1, noTor).flags).toEqual(['tor']);
    expect(sut.attribute('1.2.0.0', at, 1, noTor)).toMatchObject({
      flags: ['vpn'],
      unassignedReason: expect.stringMatching(/vpn/),
    });
  });

  it('needs the port behind carrier-grade NAT', () => {
    expect(sut.attribute('100.64.1.1', at, null, noTor).unassignedReason).toMatch(
      /without source port/,
    );
    expect(sut.attribute('100.64.1.1', at, 4000, noTor).unassignedReason).toMatch(/only the ISP/);
  });

  it('turns a corrupt database into an unassigned reason, not a crash', () => {
    const broken = new Attributor(
      {
        city: [SafeMmdb.open('test/fixtures/maxmind/bad-data/libmaxminddb-oversized-map.mmdb')],
        asn: null,
        asnMmdb: null,
        anonymous: null,
      },
      new JurisdictionTable([]),
    );
    expect(broken.attribute('8.8.8.8', at, 1, noTor).unassignedReason).toMatch(
      /attribution failed: .*oversized-map/,
    );
  });
});
