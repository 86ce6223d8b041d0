import { P2P_FIELDS } from '#core/intake/observation.js';
import { BEHAVIOURS } from './behaviours.js';
import { ByteWriter, copyBytes, putUint } from './byte-writer.js';
import { AliasTable, type Rng } from './prng.js';
import { RowClock } from './row-clock.js';
import {
  ByteStrings,
  FILE_TAIL,
  HashVariant,
  NET_ED2K,
  NET_GNUTELLA,
  type RowTables,
} from './row-tables.js';
import type { TextSink } from './sink.js';
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
/** This station (`roundup-tps-2`) logs Ontario local time with its offset; the others log UTC. */
const LOCAL_TIME_OBSERVER = OBSERVERS.indexOf('roundup-tps-2');
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
  const writer = new ByteWriter(out);
  await writer.text(`${bom ? '\uFEFF' : ''}${OBSERVATION_COLUMNS.join(',')}\n`);
  const plants = [...planted].sort((a, b) => a.after - b.after);
  let next = 0;
  let rows = 0;
  for (;;) {
    const wait = writer.reserve(gen.maxRowBytes);
    if (wait) await wait;
    if (!gen.write(writer)) break;
    rows++;
    while (next < plants.length && plants[next]!.after <= rows) {
      await writer.text(plants[next++]!.line);
    }
  }
  while (next < plants.length) await writer.text(plants[next++]!.line);
  await writer.close();
  return gen.stats(rows);
}

/** The row's fixed words, encoded once: networks, evidence kinds and observers. */
const WORDS = new ByteStrings();
const NETWORK_WORD = NETWORKS.map((n) => WORDS.add(`,${n},`));
const KIND_WORD = KINDS.map((k) => WORDS.add(`,${k},`));
const OBSERVER_WORD = OBSERVERS.map((o) => WORDS.add(`${o},`));
const EVIDENCE_PREFIX = WORDS.add('EV-');
WORDS.seal();
const HEX = Buffer.from('0123456789abcdef', 'latin1');
const COMMA = 44;
const NEWLINE = 10;
const DASH = 45;

/**
 * Generates the rows and writes each straight into the writer's buffer as bytes: every text a row
 * carries was encoded when the world was built (RowTables), numbers and timestamps are written as
 * digits, so a row allocates nothing. The draws from the random stream, and so the bytes, are those
 * of the string-building generator this replaced.
 */
class RowGenerator {
  private t: number;
  private readonly end: number;
  /** Mean gap between rows for each UTC hour of the day. */
  private readonly gapByHour: Float64Array;
  private readonly pickSubject: AliasTable;
  private readonly leaseAt: Int32Array;
  private readonly perSubject: Int32Array;
  private readonly clock = new RowClock();
  private readonly byNetwork = new Float64Array(NETWORKS.length);
  private readonly byKind = new Float64Array(KINDS.length);
  private viaTor = 0;
  private viaCgnat = 0;
  private evidenceSeq = 0;
  private readonly tables: RowTables;
  /** Per-subject behaviour shares, so that a row does not look its behaviour up by name. */
  private readonly torShare: Float64Array;
  private readonly verifiedShare: Float64Array;
  /** An upper bound of one row's length in bytes. */
  readonly maxRowBytes: number;
  // The current row's address and evidence: fields rather than returned tuples, so that no
  // short-lived array is allocated per row.
  private ip = 0;
  private port = 0;
  private network = 0;
  private variant: HashVariant = HashVariant.Md5;
  private kind = 0;

  constructor(
    private readonly world: World,
    private readonly rng: Rng,
  ) {
    this.t = world.start;
    this.end = world.end;
    const meanGap = (world.end - world.start) / Math.max(1, world.rows);
    this.gapByHour = Float64Array.from(HOURLY, (h) => meanGap * (MEAN_HOURLY / h));
    this.pickSubject = new AliasTable(
      world.subjects.map((s) => s.activity * Math.sqrt(s.library.length + 1)),
    );
    this.leaseAt = new Int32Array(world.subjects.length);
    this.tables = world.tables;
    // Each subject's lease walk starts at its household's first lease.
    this.leaseAt.set(this.tables.leaseStart.subarray(0, world.subjects.length));
    this.torShare = Float64Array.from(world.subjects, (s) => BEHAVIOURS[s.type].torShare);
    this.verifiedShare = Float64Array.from(world.subjects, (s) => BEHAVIOURS[s.type].verifiedShare);
    this.perSubject = new Int32Array(world.subjects.length);
    // Timestamp, port and evidence reference fit in 256 bytes; the address, client, hash and file
    // name are texts of the tables, the rest fixed words.
    this.maxRowBytes =
      256 + 2 * world.tables.strings.longest + 2 * world.tables.files.longest + 4 * WORDS.longest;
  }

  /** Writes the next CSV line at `w.pos` (room reserved by the caller); false when the scenario's time span is over. */
  write(w: ByteWriter): boolean {
    const rng = this.rng;
    const tb = this.tables;
    let t = this.t;
    let si = 0;
    let inst = -1;
    while (inst < 0) {
      const hour = Math.floor(t / 3_600_000) % 24;
      t += Math.max(1, Math.round(rng.exp(this.gapByHour[hour]!)));
      if (t >= this.end) {
        this.t = t;
        return false;
      }
      for (let tries = 0; tries < 8 && inst < 0; tries++) {
        si = this.pickSubject.sample(rng);
        inst = activeInstallation(rng, tb, si, t);
      }
    }
    this.t = t;
    this.perSubject[si]!++;
    this.address(si, inst, t, this.torShare[si]!);
    const lib = tb.libStart[si]!;
    const fileId = tb.library[lib + rng.int(tb.libStart[si + 1]! - lib)]!;
    const verified = rng.chance(this.verifiedShare[si]!);
    this.evidence(tb.instNet[inst]!, verified);
    this.byNetwork[this.network]!++;
    this.byKind[this.kind]!++;
    const observer = rng.int(OBSERVERS.length);
    const showClient = rng.float() < 0.92;

    const buf = w.buf;
    const out = w.view;
    const text = tb.strings.view;
    const at = tb.strings.at;
    const words = WORDS.view;
    const wordAt = WORDS.at;
    const files = tb.files;
    const start = w.pos;
    let p = this.clock.write(buf, start, t, observer === LOCAL_TIME_OBSERVER);
    let id = NETWORK_WORD[this.network]!;
    p = copyBytes(out, p, words, wordAt[id]!, wordAt[id + 1]!);
    p = copyBytes(out, p, text, at[this.ip]!, at[this.ip + 1]!);
    buf[p++] = COMMA;
    p = putUint(buf, p, this.port);
    buf[p++] = COMMA;
    if (showClient) {
      id = tb.instClient[inst]!;
      p = copyBytes(out, p, text, at[id]!, at[id + 1]!);
    } else {
      buf[p++] = COMMA;
    }
    // `,hash_type,hash`, then `,file_name,file_size`, from the file's fixed-stride record.
    const record = fileId * files.stride;
    let slot = record + files.slotAt[this.variant]!;
    p = copyBytes(out, p, files.view, slot + 2, slot + 2 + files.view.getUint16(slot, true));
    slot = record + files.slotAt[FILE_TAIL]!;
    p = copyBytes(out, p, files.view, slot + 2, slot + 2 + files.view.getUint16(slot, true));
    id = KIND_WORD[this.kind]!;
    p = copyBytes(out, p, words, wordAt[id]!, wordAt[id + 1]!);
    id = OBSERVER_WORD[observer]!;
    p = copyBytes(out, p, words, wordAt[id]!, wordAt[id + 1]!);
    if (verified) {
      // `EV-<year of the written timestamp>-<7-digit sequence>,<32 random bytes in hex>`
      id = EVIDENCE_PREFIX;
      p = copyBytes(out, p, words, wordAt[id]!, wordAt[id + 1]!);
      p = copyBytes(out, p, out, start, start + 4);
      buf[p++] = DASH;
      p = putUint(buf, p, ++this.evidenceSeq, 7);
      buf[p++] = COMMA;
      for (let i = 0; i < 32; i++) {
        const byte = rng.next() & 255;
        buf[p++] = HEX[byte >>> 4]!;
        buf[p++] = HEX[byte & 15]!;
      }
    } else {
      buf[p++] = COMMA;
    }
    buf[p++] = NEWLINE;
    w.pos = p;
    return true;
  }

  private address(si: number, inst: number, t: number, torShare: number): void {
    const rng = this.rng;
    const tb = this.tables;
    if (torShare > 0 && rng.float() < torShare) {
      const exits = tb.exitIp.length;
      for (let k = 0; k < 8; k++) {
        const e = rng.int(exits);
        if (tb.exitFrom[e]! <= t && t < tb.exitTo[e]!) {
          this.viaTor++;
          return this.setAddress(tb.exitIp[e]!, rng.range(1024, 65535));
        }
      }
    }
    const last = tb.leaseStart[si + 1]! - 1;
    let i = this.leaseAt[si]!;
    while (i < last && tb.leaseTo[i]! <= t) i++;
    this.leaseAt[si] = i;
    const lo = tb.leasePortLo[i]!;
    if (lo >= 0) {
      this.viaCgnat++;
      // An observer inside the carrier's network sees the subscriber-side address.
      if (rng.float() < 0.2) return this.setAddress(tb.leaseInternalIp[i]!, tb.instPort[inst]!);
      return this.setAddress(tb.leaseIp[i]!, rng.range(lo, tb.leasePortHi[i]!));
    }
    this.setAddress(tb.leaseIp[i]!, tb.instPort[inst]!);
  }

  private setAddress(ip: number, port: number): void {
    this.ip = ip;
    this.port = port;
  }

  private setEvidence(network: number, variant: HashVariant, kind: number): void {
    this.network = network;
    this.variant = variant;
    this.kind = kind;
  }

  private evidence(net: number, verified: boolean): void {
    const rng = this.rng;
    if (verified && rng.float() < 0.5) {
      const index = net === NET_GNUTELLA ? GNUTELLA : net === NET_ED2K ? ED2K : BITTORRENT;
      return this.setEvidence(index, HashVariant.Md5, DOWNLOAD_VERIFIED);
    }
    if (net === NET_GNUTELLA) {
      const kind = verified ? DOWNLOAD_VERIFIED : rng.float() < 0.25 ? BROWSE_HOST : QUERY_HIT;
      const variant = rng.float() < 0.1 ? HashVariant.Sha1Hex : HashVariant.Sha1Base32;
      return this.setEvidence(GNUTELLA, variant, kind);
    }
    if (net === NET_ED2K) {
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

/** An installation of subject `si` active at `t`: a random one if active, else the first active one, else -1. */
function activeInstallation(rng: Rng, tb: RowTables, si: number, t: number): number {
  const from = tb.instStart[si]!;
  const to = tb.instStart[si + 1]!;
  const first = from + rng.int(to - from);
  if (tb.instFrom[first]! <= t && t < tb.instTo[first]!) return first;
  for (let i = from; i < to; i++) if (tb.instFrom[i]! <= t && t < tb.instTo[i]!) return i;
  return -1;
}

function counts(names: readonly string[], values: Float64Array): Record<string, number> {
  return Object.fromEntries(names.map((name, i) => [name, values[i]!]));
}
