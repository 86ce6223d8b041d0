import { BEHAVIOURS } from './behaviours.js';
import { copyBytes, putUint } from './byte-writer.js';
import { AliasTable, Rng } from './prng.js';
import { RowClock } from './row-clock.js';
import {
  ByteStrings,
  FILE_TAIL,
  HashVariant,
  NET_ED2K,
  NET_GNUTELLA,
  viewOf,
  type RowTables,
} from './row-tables.js';
import type { World } from './world.js';

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
export const NETWORKS = ['gnutella', 'ed2k', 'kad', 'bittorrent'] as const;
export const KINDS = ['query_hit', 'browse_host', 'swarm_announce', 'download_verified'] as const;
const [GNUTELLA, ED2K, KAD, BITTORRENT] = [0, 1, 2, 3];
const [QUERY_HIT, BROWSE_HOST, SWARM_ANNOUNCE, DOWNLOAD_VERIFIED] = [0, 1, 2, 3];

/** About this many rows per chunk: a chunk is the unit of parallel work and of the output queue. */
const CHUNK_ROWS = 16_384;
/** No chunk is shorter than a minute of scenario time. */
const MIN_CHUNK_MS = 60_000;

/**
 * Everything the row generator reads, as plain data (typed arrays, numbers), so that it can be
 * handed to a worker thread (structured clone; arrays over a SharedArrayBuffer are shared, not
 * copied). The scenario window is cut into `chunks` consecutive spans of `chunkMs`; chunk `i`
 * draws from its own random stream, derived from the seed and `i` alone, so its rows do not
 * depend on which thread generates it or on how many there are.
 */
export type RowPlan = {
  tables: RowTables;
  /** Root of the chunks' random streams (drawn from the world's stream). */
  streamRoot: number;
  start: number;
  end: number;
  chunkMs: number;
  chunks: number;
  /** Mean gap between rows for each UTC hour of the day. */
  gapByHour: Float64Array;
  /** Per subject: weight of being picked for a row, Tor share, verified share. */
  subjectWeight: Float64Array;
  torShare: Float64Array;
  verifiedShare: Float64Array;
  /** An upper bound of one row's length in bytes. */
  maxRowBytes: number;
};

/** One chunk's rows as bytes. Every verified row's evidence sequence number is left out, to be inserted at `seqAt[i]` (in order) by the writer, which alone knows how many verified rows came before. */
export type RowChunk = {
  index: number;
  rows: number;
  bytes: Uint8Array;
  seqAt: Int32Array;
};

/** Sums over rows, independent of the order in which chunks were generated. */
export type RowCounters = {
  byNetwork: Float64Array;
  byKind: Float64Array;
  viaTor: number;
  viaCgnat: number;
  /** Rows per subject (by index). */
  perSubject: Int32Array;
};

/**
 * Generates chunks `0 .. plan.chunks - 1`, calling `consume` with each in index order, and returns
 * the counters of all rows. The in-process runner does it in this thread; the CLI shell passes a
 * pool of worker threads. Either gives the same chunks, so the same bytes.
 */
export type RowChunkRunner = (
  plan: RowPlan,
  consume: (chunk: RowChunk) => Promise<void>,
) => Promise<RowCounters>;

/** Generates every chunk in this thread, one at a time. */
export const inProcessRows: RowChunkRunner = async (plan, consume) => {
  const gen = new RowGenerator(plan);
  for (let i = 0; i < plan.chunks; i++) await consume(gen.chunk(i));
  return gen.counters;
};

/** Packs a built world into the plan of its rows; draws one number from the world's stream. */
export function rowPlan(world: World): RowPlan {
  const span = world.end - world.start;
  const meanGap = span / Math.max(1, world.rows);
  const chunkMs = Math.max(MIN_CHUNK_MS, Math.round((span * CHUNK_ROWS) / Math.max(1, world.rows)));
  const tables = world.tables;
  return {
    tables,
    streamRoot: world.rng.fork('observations').next(),
    start: world.start,
    end: world.end,
    chunkMs,
    chunks: Math.max(1, Math.ceil(span / chunkMs)),
    gapByHour: Float64Array.from(HOURLY, (h) => meanGap * (MEAN_HOURLY / h)),
    subjectWeight: Float64Array.from(
      world.subjects,
      (s) => s.activity * Math.sqrt(s.library.length + 1),
    ),
    torShare: Float64Array.from(world.subjects, (s) => BEHAVIOURS[s.type].torShare),
    verifiedShare: Float64Array.from(world.subjects, (s) => BEHAVIOURS[s.type].verifiedShare),
    // Timestamp, port and evidence reference fit in 256 bytes; the address, client, hash and file
    // name are texts of the tables, the rest fixed words.
    maxRowBytes: 256 + 2 * tables.strings.longest + 2 * tables.files.longest + 4 * WORDS.longest,
  };
}

/** Sums counters into `into`. */
export function addCounters(into: RowCounters, from: RowCounters): void {
  for (let i = 0; i < into.byNetwork.length; i++) into.byNetwork[i]! += from.byNetwork[i]!;
  for (let i = 0; i < into.byKind.length; i++) into.byKind[i]! += from.byKind[i]!;
  for (let i = 0; i < into.perSubject.length; i++) into.perSubject[i]! += from.perSubject[i]!;
  into.viaTor += from.viaTor;
  into.viaCgnat += from.viaCgnat;
}

export function emptyCounters(subjects: number): RowCounters {
  return {
    byNetwork: new Float64Array(NETWORKS.length),
    byKind: new Float64Array(KINDS.length),
    viaTor: 0,
    viaCgnat: 0,
    perSubject: new Int32Array(subjects),
  };
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
 * Generates rows and writes each straight into a growing buffer as bytes: every text a row
 * carries was encoded when the world was built (RowTables), numbers and timestamps are written as
 * digits, so a row allocates nothing. One generator serves any increasing sequence of chunks
 * (the lease walk only moves forward in time).
 */
export class RowGenerator {
  private readonly plan: RowPlan;
  private readonly tables: RowTables;
  private readonly pickSubject: AliasTable;
  private readonly leaseAt: Int32Array;
  private readonly clock = new RowClock();
  private readonly stringView: DataView;
  private readonly fileView: DataView;
  readonly counters: RowCounters;
  private rng: Rng = new Rng('');
  private buf = new Uint8Array(0);
  private view = viewOf(this.buf);
  private seqAt = new Int32Array(1024);
  private seqCount = 0;
  // The current row's address and evidence: fields rather than returned tuples, so that no
  // short-lived array is allocated per row.
  private ip = 0;
  private port = 0;
  private network = 0;
  private variant: HashVariant = HashVariant.Md5;
  private kind = 0;

  constructor(plan: RowPlan) {
    this.plan = plan;
    this.tables = plan.tables;
    const subjects = plan.subjectWeight.length;
    this.pickSubject = new AliasTable(Array.from(plan.subjectWeight));
    this.leaseAt = new Int32Array(subjects);
    // Each subject's lease walk starts at its household's first lease.
    this.leaseAt.set(this.tables.leaseStart.subarray(0, subjects));
    this.stringView = viewOf(this.tables.strings.bytes);
    this.fileView = viewOf(this.tables.files.bytes);
    this.counters = emptyCounters(subjects);
    this.grow(CHUNK_ROWS * 256);
  }

  /** Generates chunk `index`: rows from the start of its span to its end. */
  chunk(index: number): RowChunk {
    const plan = this.plan;
    const from = plan.start + index * plan.chunkMs;
    const to = Math.min(plan.end, from + plan.chunkMs);
    this.rng = new Rng(`${plan.streamRoot}:observations:${index}`);
    this.seqCount = 0;
    let t = from;
    let p = 0;
    let rows = 0;
    for (;;) {
      if (p + plan.maxRowBytes > this.buf.length) this.grow(this.buf.length * 2);
      const next = this.row(t, to, p);
      if (next < 0) break;
      t = this.t;
      p = next;
      rows++;
    }
    return {
      index,
      rows,
      bytes: this.buf.slice(0, p),
      seqAt: this.seqAt.slice(0, this.seqCount),
    };
  }

  private grow(size: number): void {
    const bigger = new Uint8Array(size);
    bigger.set(this.buf);
    this.buf = bigger;
    this.view = viewOf(bigger);
  }

  /** The current row's time (set by `row`). */
  private t = 0;

  /** Writes the next CSV line at `start`; returns its end, or -1 when the span ends first. */
  private row(t: number, end: number, start: number): number {
    const rng = this.rng;
    const tb = this.tables;
    const gapByHour = this.plan.gapByHour;
    let si = 0;
    let inst = -1;
    while (inst < 0) {
      const hour = Math.floor(t / 3_600_000) % 24;
      t += Math.max(1, Math.round(rng.exp(gapByHour[hour]!)));
      if (t >= end) return -1;
      for (let tries = 0; tries < 8 && inst < 0; tries++) {
        si = this.pickSubject.sample(rng);
        inst = activeInstallation(rng, tb, si, t);
      }
    }
    this.t = t;
    const counters = this.counters;
    counters.perSubject[si]!++;
    this.address(si, inst, t, this.plan.torShare[si]!);
    const lib = tb.libStart[si]!;
    const fileId = tb.library[lib + rng.int(tb.libStart[si + 1]! - lib)]!;
    const verified = rng.chance(this.plan.verifiedShare[si]!);
    this.evidence(tb.instNet[inst]!, verified);
    counters.byNetwork[this.network]!++;
    counters.byKind[this.kind]!++;
    const observer = rng.int(OBSERVERS.length);
    const showClient = rng.float() < 0.92;

    const buf = this.buf;
    const out = this.view;
    const text = this.stringView;
    const at = tb.strings.at;
    const words = WORDS.view;
    const wordAt = WORDS.at;
    const files = tb.files;
    const fileView = this.fileView;
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
    p = copyBytes(out, p, fileView, slot + 2, slot + 2 + fileView.getUint16(slot, true));
    slot = record + files.slotAt[FILE_TAIL]!;
    p = copyBytes(out, p, fileView, slot + 2, slot + 2 + fileView.getUint16(slot, true));
    id = KIND_WORD[this.kind]!;
    p = copyBytes(out, p, words, wordAt[id]!, wordAt[id + 1]!);
    id = OBSERVER_WORD[observer]!;
    p = copyBytes(out, p, words, wordAt[id]!, wordAt[id + 1]!);
    if (verified) {
      // `EV-<year of the written timestamp>-<sequence, inserted by the writer>,<32 random bytes in hex>`
      id = EVIDENCE_PREFIX;
      p = copyBytes(out, p, words, wordAt[id]!, wordAt[id + 1]!);
      p = copyBytes(out, p, out, start, start + 4);
      buf[p++] = DASH;
      if (this.seqCount === this.seqAt.length) {
        const more = new Int32Array(this.seqAt.length * 2);
        more.set(this.seqAt);
        this.seqAt = more;
      }
      this.seqAt[this.seqCount++] = p;
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
    return p;
  }

  private address(si: number, inst: number, t: number, torShare: number): void {
    const rng = this.rng;
    const tb = this.tables;
    if (torShare > 0 && rng.float() < torShare) {
      const exits = tb.exitIp.length;
      for (let k = 0; k < 8; k++) {
        const e = rng.int(exits);
        if (tb.exitFrom[e]! <= t && t < tb.exitTo[e]!) {
          this.counters.viaTor++;
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
      this.counters.viaCgnat++;
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
