import { P2P_FIELDS } from '#core/intake/observation.js';
import { BEHAVIOURS } from './behaviours.js';
import { FileFragments, HashVariant } from './fragments.js';
import type { Installation, Subject } from './population.js';
import { AliasTable, type Rng } from './prng.js';
import { ChunkedWriter, type TextSink } from './sink.js';
import { TimestampFormatter } from './time.js';
import type { World } from './world.js';

/** Column order of the P2P observation log v1 as the simulator writes it (the spec's order). */
export const OBSERVATION_COLUMNS = P2P_FIELDS;

/** Relative activity per UTC hour: Ontario evenings (UTC 22-04) are busiest, early mornings quietest. */
const HOURLY = [
  1.6, 1.7, 1.6, 1.3, 1, 0.7, 0.5, 0.4, 0.35, 0.35, 0.4, 0.5, 0.6, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95,
  1, 1.1, 1.25, 1.4, 1.5,
];
const MEAN_HOURLY = HOURLY.reduce((a, b) => a + b, 0) / 24;
const OBSERVERS = [
  'ice-station-1',
  'ice-station-2',
  'ice-station-3',
  'roundup-opp-1',
  'roundup-tps-2',
];
/** This station logs Ontario local time with its offset; the others log UTC. */
const LOCAL_TIME_OBSERVER = 'roundup-tps-2';
/** Counted per row by index; the order is the order of the keys in the stats. */
const NETWORKS = ['gnutella', 'ed2k', 'kad', 'bittorrent'] as const;
const KINDS = ['query_hit', 'browse_host', 'swarm_announce', 'download_verified'] as const;
const [GNUTELLA, ED2K, KAD, BITTORRENT] = [0, 1, 2, 3];
const [QUERY_HIT, BROWSE_HOST, SWARM_ANNOUNCE, DOWNLOAD_VERIFIED] = [0, 1, 2, 3];

export type ObservationStats = {
  rows: number;
  byNetwork: Record<string, number>;
  byEvidenceKind: Record<string, number>;
  viaTor: number;
  viaCgnat: number;
  /** Rows per subject id. */
  perSubject: Record<string, number>;
};

/** A line planted after the `after`-th valid row (dirty mode). */
export type PlantedLine = { after: number; line: string };

/** Streams the observation log: header, then time-ordered rows, with planted lines in between. */
export async function writeObservations(
  world: World,
  out: TextSink,
  planted: PlantedLine[] = [],
  bom = false,
): Promise<ObservationStats> {
  const gen = new RowGenerator(world, world.rng.fork('observations'));
  const writer = new ChunkedWriter(out);
  await writer.push(`${bom ? '\uFEFF' : ''}${OBSERVATION_COLUMNS.join(',')}\n`);
  const plants = [...planted].sort((a, b) => a.after - b.after);
  let next = 0;
  let rows = 0;
  for (let line = gen.next(); line !== null; line = gen.next()) {
    const wait = writer.push(line);
    if (wait) await wait;
    rows++;
    while (next < plants.length && plants[next]!.after <= rows) {
      await writer.push(plants[next++]!.line);
    }
  }
  while (next < plants.length) await writer.push(plants[next++]!.line);
  await writer.close();
  return gen.stats(rows);
}

class RowGenerator {
  private t: number;
  private readonly meanGap: number;
  private readonly pickSubject: AliasTable;
  private readonly leaseAt: Int32Array;
  private readonly perSubject: Int32Array;
  private readonly fmt = new TimestampFormatter();
  private readonly byNetwork = new Float64Array(NETWORKS.length);
  private readonly byKind = new Float64Array(KINDS.length);
  private viaTor = 0;
  private viaCgnat = 0;
  private evidenceSeq = 0;
  private readonly subjects: Subject[];
  private readonly fragments: FileFragments;
  /** Per-subject behaviour shares, so that a row does not look its behaviour up by name. */
  private readonly torShare: Float64Array;
  private readonly verifiedShare: Float64Array;
  // The current row's address and evidence: fields rather than returned tuples, so that no
  // short-lived array is allocated per row (scavenges are costly next to a large world heap).
  private ip = '';
  private port = 0;
  private network = 0;
  private variant: HashVariant = HashVariant.Md5;
  private kind = 0;

  constructor(
    private readonly world: World,
    private readonly rng: Rng,
  ) {
    this.t = world.start;
    this.meanGap = (world.end - world.start) / Math.max(1, world.rows);
    this.pickSubject = new AliasTable(
      world.subjects.map((s) => s.activity * Math.sqrt(s.library.length + 1)),
    );
    this.leaseAt = new Int32Array(world.subjects.length);
    this.subjects = world.subjects;
    this.fragments = new FileFragments(world.catalogue);
    this.torShare = Float64Array.from(world.subjects, (s) => BEHAVIOURS[s.type].torShare);
    this.verifiedShare = Float64Array.from(world.subjects, (s) => BEHAVIOURS[s.type].verifiedShare);
    this.perSubject = new Int32Array(world.subjects.length);
  }

  /** The next CSV line, or null when the scenario's time span is over. */
  next(): string | null {
    const rng = this.rng;
    const hour = Math.floor(this.t / 3_600_000) % 24;
    this.t += Math.max(1, Math.round(rng.exp(this.meanGap * (MEAN_HOURLY / HOURLY[hour]!))));
    if (this.t >= this.world.end) return null;
    const t = this.t;
    let si = 0;
    let inst: Installation | undefined;
    for (let tries = 0; tries < 8 && !inst; tries++) {
      si = this.pickSubject.sample(rng);
      inst = activeInstallation(rng, this.subjects[si]!, t);
    }
    if (!inst) return this.next();
    const subject = this.subjects[si]!;
    this.perSubject[si]!++;
    this.address(subject, si, inst, t, this.torShare[si]!);
    const fileId = subject.library[rng.int(subject.library.length)]!;
    const verified = rng.chance(this.verifiedShare[si]!);
    this.evidence(inst, verified);
    this.byNetwork[this.network]!++;
    this.byKind[this.kind]!++;
    const { ip, port } = this;
    const network = NETWORKS[this.network];
    const kind = KINDS[this.kind];
    const tail = this.fragments.get(fileId, this.variant);
    const observer = OBSERVERS[rng.int(OBSERVERS.length)]!;
    const at = observer === LOCAL_TIME_OBSERVER ? this.fmt.toronto(t) : this.fmt.utc(t);
    const showClient = rng.float() < 0.92;
    const ref = verified
      ? `EV-${at.slice(0, 4)}-${String(++this.evidenceSeq).padStart(7, '0')},${rng.hex(32)}`
      : ',';
    return `${at},${network},${ip},${port},${showClient ? inst.csvClient : ','},${tail},${kind},${observer},${ref}\n`;
  }

  private address(s: Subject, si: number, inst: Installation, t: number, torShare: number): void {
    const rng = this.rng;
    if (torShare > 0 && rng.float() < torShare) {
      const exits = this.world.torExits;
      for (let k = 0; k < 8; k++) {
        const e = exits[rng.int(exits.length)]!;
        if (e.from <= t && t < e.to) {
          this.viaTor++;
          return this.setAddress(e.ip, rng.range(1024, 65535));
        }
      }
    }
    const leases = s.household.leases;
    let i = this.leaseAt[si]!;
    while (i < leases.length - 1 && leases[i]!.to <= t) i++;
    this.leaseAt[si] = i;
    const lease = leases[i]!;
    if (lease.ports) {
      this.viaCgnat++;
      // An observer inside the carrier's network sees the subscriber-side address.
      if (rng.float() < 0.2) return this.setAddress(lease.internalIp!, inst.port);
      return this.setAddress(lease.ip, rng.range(lease.ports[0], lease.ports[1]));
    }
    this.setAddress(lease.ip, inst.port);
  }

  private setAddress(ip: string, port: number): void {
    this.ip = ip;
    this.port = port;
  }

  private setEvidence(network: number, variant: HashVariant, kind: number): void {
    this.network = network;
    this.variant = variant;
    this.kind = kind;
  }

  private evidence(inst: Installation, verified: boolean): void {
    const rng = this.rng;
    const net = inst.network;
    if (verified && rng.float() < 0.5) {
      const index = net === 'gnutella' ? GNUTELLA : net === 'ed2k' ? ED2K : BITTORRENT;
      return this.setEvidence(index, HashVariant.Md5, DOWNLOAD_VERIFIED);
    }
    if (net === 'gnutella') {
      const kind = verified ? DOWNLOAD_VERIFIED : rng.float() < 0.25 ? BROWSE_HOST : QUERY_HIT;
      const variant = rng.float() < 0.1 ? HashVariant.Sha1Hex : HashVariant.Sha1Base32;
      return this.setEvidence(GNUTELLA, variant, kind);
    }
    if (net === 'ed2k') {
      const network = rng.float() < 0.2 ? KAD : ED2K;
      return this.setEvidence(network, HashVariant.Ed2k, verified ? DOWNLOAD_VERIFIED : QUERY_HIT);
    }
    if (verified) return this.setEvidence(BITTORRENT, HashVariant.Sha1Hex, DOWNLOAD_VERIFIED);
    this.setEvidence(BITTORRENT, HashVariant.Btih, SWARM_ANNOUNCE);
  }

  stats(rows: number): ObservationStats {
    const perSubject: Record<string, number> = {};
    this.world.subjects.forEach((s, i) => (perSubject[s.id] = this.perSubject[i]!));
    return {
      rows,
      byNetwork: counts(NETWORKS, this.byNetwork),
      byEvidenceKind: counts(KINDS, this.byKind),
      viaTor: this.viaTor,
      viaCgnat: this.viaCgnat,
      perSubject,
    };
  }
}

function activeInstallation(rng: Rng, s: Subject, t: number): Installation | undefined {
  const list = s.installations;
  const first = list[rng.int(list.length)]!;
  if (first.from <= t && t < first.to) return first;
  return list.find((i) => i.from <= t && t < i.to);
}

function counts(names: readonly string[], values: Float64Array): Record<string, number> {
  return Object.fromEntries(names.map((name, i) => [name, values[i]!]));
}
