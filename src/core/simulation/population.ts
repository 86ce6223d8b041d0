import { BEHAVIOURS, BEHAVIOUR_TYPES, type BehaviourType } from './behaviours.js';
import { addSingleTorrent, makeNewFile, type Catalogue } from './catalogue.js';
import { asciiHex } from './encoding.js';
import { parseCidr, randomCgnat, randomIpv4, randomIpv6 } from './ip.js';
import { flat, type Rng } from './prng.js';
import type { Municipality, Region } from './region.schema.js';
import { MS_PER_DAY } from './time.js';

export type Network = 'gnutella' | 'ed2k' | 'bittorrent';

/** One period during which a household is reachable at one address (DHCP lease, CGNAT mapping, IPv6 prefix). */
export type Lease = {
  from: number;
  to: number;
  ip: string;
  /** Behind CGNAT: the subscriber's port block on the shared public address. */
  ports?: [number, number];
  /** Behind CGNAT: the subscriber-side RFC 6598 address. */
  internalIp?: string;
};

export type Household = {
  id: string;
  municipality: string;
  police: string;
  isp: string;
  asn: number;
  mode: 'dhcp' | 'cgnat' | 'ipv6';
  leases: Lease[];
};

export type Installation = {
  id: string;
  network: Network;
  clientId: string;
  clientName: string;
  /** `client_id,client_name` for the CSV row, computed once. */
  csvClient: string;
  port: number;
  from: number;
  to: number;
};

export type Subject = {
  id: string;
  type: BehaviourType;
  handsOn: boolean;
  producer: boolean;
  childrenAtRisk: number;
  activity: number;
  household: Household;
  installations: Installation[];
  /** File ids (catalogue indices) this subject shares. */
  library: Int32Array;
  newFiles: number[];
  screenName: string;
  email: string;
};

export type TorExit = {
  fingerprint: string;
  ip: string;
  from: number;
  to: number;
  asn: number;
  isp: string;
  country: string;
};

const CLIENTS: Record<Network, string[]> = {
  gnutella: [
    'LimeWire/5.5.16',
    'LimeWire/5.1.2',
    'FrostWire/4.21.8',
    'Shareaza 2.7.1.0',
    'Phex 3.4.2',
  ],
  ed2k: ['eMule 0.50a', 'eMule 0.49c', 'aMule 2.3.1', 'eMule 0.50b'],
  bittorrent: ['-qB4630-', '-qB4250-', '-UT3450-', '-TR2940-', '-DE13F0-'],
};
const DEFAULT_PORT: Record<Network, number> = { gnutella: 6346, ed2k: 4662, bittorrent: 6881 };

/** A stable installation id as the network spells it (GUID, eMule user hash, peer_id). */
export function clientIdFor(rng: Rng, network: Network, clientName: string): string {
  if (network === 'bittorrent') return flat(asciiHex(clientName) + rng.hex(12));
  const bytes = rng.hex(16).match(/../g)!;
  if (network === 'ed2k') {
    bytes[5] = '0e';
    bytes[14] = '6f';
  }
  return bytes.join('').toUpperCase();
}

export type PopulationInput = {
  subjects: number;
  start: number;
  end: number;
  region: Region;
  torExits: number;
};

/** Builds subjects, their households' address history, installations and libraries. */
export function buildPopulation(
  rng: Rng,
  p: PopulationInput,
  catalogue: Catalogue,
): { subjects: Subject[]; torExits: TorExit[] } {
  const muniWeights = p.region.municipalities.map((m) => m.population);
  const cgnatPools = new Map<string, { ip: string; used: number }>();
  const subjects: Subject[] = [];
  const source = librarySource(catalogue);
  for (let i = 0; i < p.subjects; i++) {
    // The first subjects cover every type, so even the tiny world has each behaviour.
    const type =
      i < BEHAVIOUR_TYPES.length
        ? BEHAVIOUR_TYPES[i]!
        : BEHAVIOUR_TYPES[rng.weighted(BEHAVIOUR_TYPES.map((t) => BEHAVIOURS[t].share))]!;
    const b = BEHAVIOURS[type];
    const municipality = p.region.municipalities[rng.weighted(muniWeights)]!;
    const id = `S${String(i + 1).padStart(5, '0')}`;
    const household = buildHousehold(rng, id, municipality, p, cgnatPools);
    const handsOn = type === 'producer' || rng.chance(b.pHandsOn);
    const newFiles: number[] = [];
    for (let n = rng.range(...b.newFiles); n > 0; n--) {
      const f = makeNewFile(rng, catalogue.files.length);
      catalogue.files.push(f);
      addSingleTorrent(rng, catalogue, f);
      newFiles.push(f.id);
    }
    subjects.push({
      id,
      type,
      handsOn,
      producer: type === 'producer',
      childrenAtRisk: handsOn ? rng.range(...b.children) : 0,
      activity: b.activity * (0.5 + rng.float()),
      household,
      installations: buildInstallations(rng, id, p),
      library: buildLibrary(rng, type, source, newFiles),
      newFiles,
      screenName: `user${rng.hex(3)}`,
      email: `u${rng.hex(4)}@example.net`,
    });
  }
  return { subjects, torExits: buildTorExits(rng, p) };
}

function buildHousehold(
  rng: Rng,
  id: string,
  m: Municipality,
  p: PopulationInput,
  pools: Map<string, { ip: string; used: number }>,
): Household {
  const roll = rng.float();
  const mode = roll < 0.1 ? 'cgnat' : roll < 0.18 && m.ipv6.length > 0 ? 'ipv6' : 'dhcp';
  const blockInfo = rng.pick(m.blocks);
  const base = {
    id: `H${id.slice(1)}`,
    municipality: m.name,
    police: m.police,
    isp: blockInfo.isp,
    asn: blockInfo.asn,
  };
  const block = parseCidr(blockInfo.cidr);
  if (mode === 'cgnat') {
    // Up to 16 subscribers share one public address, each with a 4,000-port block.
    const key = blockInfo.cidr;
    let pool = pools.get(key);
    if (!pool || pool.used >= 16) pool = { ip: randomIpv4(rng, block), used: 0 };
    pools.set(key, pool);
    const lo = 1024 + pool.used * 4000;
    pool.used++;
    return {
      ...base,
      mode,
      leases: [
        {
          from: p.start,
          to: p.end,
          ip: pool.ip,
          ports: [lo, lo + 3999],
          internalIp: randomCgnat(rng),
        },
      ],
    };
  }
  if (mode === 'ipv6') {
    const v6 = rng.pick(m.ipv6);
    return {
      ...base,
      isp: v6.isp,
      asn: v6.asn,
      mode,
      leases: churn(rng, p, 21, () => randomIpv6(rng, v6.prefix)),
    };
  }
  return {
    ...base,
    mode,
    leases: churn(rng, p, rng.pick([4, 9, 30]), () => randomIpv4(rng, block)),
  };
}

/** DHCP churn: consecutive leases with exponential durations (mean in days). */
function churn(rng: Rng, p: PopulationInput, meanDays: number, next: () => string): Lease[] {
  const leases: Lease[] = [];
  let at = p.start - Math.floor(rng.float() * meanDays * MS_PER_DAY);
  while (at < p.end) {
    const to = Math.min(
      p.end,
      at + Math.max(3_600_000, Math.floor(rng.exp(meanDays * MS_PER_DAY))),
    );
    leases.push({ from: Math.max(at, p.start), to, ip: next() });
    at = to;
  }
  return leases;
}

function buildInstallations(rng: Rng, id: string, p: PopulationInput): Installation[] {
  const count = rng.weighted([0.6, 0.3, 0.1]) + 1;
  const out: Installation[] = [];
  for (let k = 0; k < count; k++) {
    const network = (['gnutella', 'ed2k', 'bittorrent'] as const)[rng.weighted([0.45, 0.2, 0.35])]!;
    const clientName = rng.pick(CLIENTS[network]);
    // A reinstall mid-scenario gives a new client id: the link across it must come from the address.
    const from = k === 0 ? p.start : p.start + Math.floor(rng.float() * (p.end - p.start) * 0.5);
    const clientId = clientIdFor(rng, network, clientName);
    out.push({
      id: `${id}-I${k + 1}`,
      network,
      clientId,
      clientName,
      csvClient: flat(`${clientId},${clientName}`),
      port: rng.chance(0.7) ? DEFAULT_PORT[network] : rng.range(10_000, 60_000),
      from,
      to: p.end,
    });
  }
  return out;
}

/** Index ranges of the catalogue (known files come first, then benign and other), computed once. */
type LibrarySource = {
  knownCount: number;
  otherFrom: number;
  otherTo: number;
  series: Catalogue['series'];
};

function librarySource(c: Catalogue): LibrarySource {
  const knownCount = c.files.filter((f) => f.kind === 'known').length;
  const otherTo = c.files.filter((f) => f.kind !== 'new').length;
  return {
    knownCount,
    otherFrom: knownCount,
    otherTo,
    series: c.series.filter((s) => s.files.length > 0),
  };
}

function buildLibrary(
  rng: Rng,
  type: BehaviourType,
  src: LibrarySource,
  newFiles: number[],
): Int32Array {
  const b = BEHAVIOURS[type];
  const size = rng.range(...b.library);
  const favourites = src.series.length ? [rng.pick(src.series), rng.pick(src.series)] : [];
  const ids = new Set<number>(newFiles);
  for (let n = 0; n < size * 3 && ids.size < size + newFiles.length; n++) {
    if (src.knownCount > 0 && rng.chance(b.knownShare)) {
      const fav = favourites.length && rng.chance(b.seriesFocus) ? rng.pick(favourites) : null;
      ids.add(fav ? rng.pick(fav.files) : rng.int(src.knownCount));
    } else if (src.otherTo > src.otherFrom) {
      ids.add(src.otherFrom + rng.int(src.otherTo - src.otherFrom));
    }
  }
  return Int32Array.from(ids).sort();
}

function buildTorExits(rng: Rng, p: PopulationInput): TorExit[] {
  const out: TorExit[] = [];
  for (let i = 0; i < p.torExits; i++) {
    const h = rng.pick(p.region.hosting);
    const span = p.end - p.start;
    const from = p.start + Math.floor(rng.float() * span * 0.3);
    const to = Math.min(p.end, from + Math.floor(span * (0.4 + rng.float() * 0.6)));
    out.push({
      fingerprint: rng.hex(20).toUpperCase(),
      ip: randomIpv4(rng, parseCidr(h.cidr)),
      from,
      to,
      asn: h.asn,
      isp: h.isp,
      country: h.country,
    });
  }
  return out;
}
