import type { Catalogue } from './catalogue.js';
import type { World } from './world.js';

/** Network of an installation as a small code (the row generator's evidence choice switches on it). */
export const NET_GNUTELLA = 0;
export const NET_ED2K = 1;
export const NET_BITTORRENT = 2;
const NET_CODES = { gnutella: NET_GNUTELLA, ed2k: NET_ED2K, bittorrent: NET_BITTORRENT } as const;

/** Which of a file's hashes a row carries (its `hash_type,hash` pair). */
export const HashVariant = { Md5: 0, Sha1Hex: 1, Sha1Base32: 2, Ed2k: 3, Btih: 4 } as const;
export type HashVariant = (typeof HashVariant)[keyof typeof HashVariant];
/** A file record's slots: the five `,hash_type,hash` fragments in HashVariant order, then `,file_name,file_size`. */
export const FILE_TAIL = 5;
const SLOTS = 6;

/** An append-only table of strings stored as UTF-8 in one buffer: string `i` is `bytes[at[i], at[i + 1])`. */
export class ByteStrings {
  private readonly parts: string[] = [];
  private count = 0;
  bytes: Buffer = Buffer.alloc(0);
  view: DataView = viewOf(Buffer.alloc(0));
  at: Int32Array = new Int32Array(1);
  /** The longest string, in bytes. */
  longest = 0;

  /** How many strings were added. */
  get size(): number {
    return this.count;
  }

  add(text: string): number {
    this.parts.push(text);
    return this.count++;
  }

  /** Encodes every added string; call once, after the last `add`. */
  seal(): this {
    const at = new Int32Array(this.parts.length + 1);
    let total = 0;
    this.parts.forEach((s, i) => {
      const n = Buffer.byteLength(s);
      if (n > this.longest) this.longest = n;
      total += n;
      at[i + 1] = total;
    });
    const bytes = Buffer.allocUnsafe(total);
    this.parts.forEach((s, i) => bytes.write(s, at[i]!));
    this.parts.length = 0;
    this.bytes = bytes;
    this.view = viewOf(bytes);
    this.at = at;
    return this;
  }
}

/**
 * Every file's row text at a fixed stride, so that a row finds it without an index: record `f`
 * starts at `f * stride`; slot `k` at `slotAt[k]` holds a 2-byte length, then that many bytes.
 */
export type FileRecords = {
  bytes: Buffer;
  view: DataView;
  stride: number;
  slotAt: Int32Array;
  /** The longest slot text, in bytes. */
  longest: number;
};

/**
 * The world as the row generator reads it: flat typed arrays indexed by subject, installation,
 * lease and file, and every text a row copies (hashes, file names, client ids, addresses) encoded
 * once. Built with the world, so that rows touch a few compact arrays instead of object graphs
 * scattered over a large heap, and allocate nothing.
 */
export type RowTables = {
  /** Client ids and addresses. */
  strings: ByteStrings;
  files: FileRecords;
  /** Installations of subject `s` are `instStart[s]` to `instStart[s + 1]` (exclusive). */
  instStart: Int32Array;
  instFrom: Float64Array;
  instTo: Float64Array;
  instPort: Int32Array;
  instNet: Uint8Array;
  /** String id of `client_id,client_name`. */
  instClient: Int32Array;
  /** Leases of subject `s`'s household are `leaseStart[s]` to `leaseStart[s + 1]` (exclusive). */
  leaseStart: Int32Array;
  leaseTo: Float64Array;
  leaseIp: Int32Array;
  /** Behind CGNAT: the port block and the subscriber-side address; otherwise -1. */
  leasePortLo: Int32Array;
  leasePortHi: Int32Array;
  leaseInternalIp: Int32Array;
  /** Library of subject `s` is `library[libStart[s]]` to `library[libStart[s + 1] - 1]`. */
  libStart: Int32Array;
  library: Int32Array;
  exitFrom: Float64Array;
  exitTo: Float64Array;
  exitIp: Int32Array;
};

type TableInput = Pick<World, 'catalogue' | 'subjects' | 'torExits'>;

export function buildRowTables(world: TableInput): RowTables {
  const { subjects, torExits, catalogue } = world;
  const strings = new ByteStrings();
  const installations = subjects.flatMap((s) => s.installations);
  const leases = subjects.flatMap((s) => s.household.leases);
  const libStart = starts(subjects.map((s) => s.library.length));
  const library = new Int32Array(libStart[subjects.length]!);
  subjects.forEach((s, i) => library.set(s.library, libStart[i]!));
  const tables: RowTables = {
    strings,
    files: fileRecords(catalogue),
    instStart: starts(subjects.map((s) => s.installations.length)),
    instFrom: Float64Array.from(installations, (i) => i.from),
    instTo: Float64Array.from(installations, (i) => i.to),
    instPort: Int32Array.from(installations, (i) => i.port),
    instNet: Uint8Array.from(installations, (i) => NET_CODES[i.network]),
    instClient: Int32Array.from(installations, (i) => strings.add(i.csvClient)),
    leaseStart: starts(subjects.map((s) => s.household.leases.length)),
    leaseTo: Float64Array.from(leases, (l) => l.to),
    leaseIp: Int32Array.from(leases, (l) => strings.add(l.ip)),
    leasePortLo: Int32Array.from(leases, (l) => (l.ports ? l.ports[0] : -1)),
    leasePortHi: Int32Array.from(leases, (l) => (l.ports ? l.ports[1] : -1)),
    leaseInternalIp: Int32Array.from(leases, (l) =>
      l.internalIp === undefined ? -1 : strings.add(l.internalIp),
    ),
    libStart,
    library,
    exitFrom: Float64Array.from(torExits, (e) => e.from),
    exitTo: Float64Array.from(torExits, (e) => e.to),
    exitIp: Int32Array.from(torExits, (e) => strings.add(e.ip)),
  };
  strings.seal();
  return tables;
}

/** Start offsets of consecutive runs of the given sizes, with the total at the end. */
function starts(sizes: number[]): Int32Array {
  const out = new Int32Array(sizes.length + 1);
  sizes.forEach((n, i) => (out[i + 1] = out[i]! + n));
  return out;
}

function fileRecords(catalogue: Catalogue): FileRecords {
  const { files, torrents } = catalogue;
  // Slot k of a file is PREFIX[k] followed by slotValue(f, k): no string is built per slot.
  const PREFIX = [',md5,', ',sha1,', ',sha1,', ',ed2k,', ',btih,', ','];
  const slotValue = (f: Catalogue['files'][number], k: number): string =>
    k === HashVariant.Md5
      ? f.md5
      : k === HashVariant.Sha1Hex
        ? f.sha1
        : k === HashVariant.Sha1Base32
          ? f.sha1Base32
          : k === HashVariant.Ed2k
            ? f.ed2k
            : k === HashVariant.Btih
              ? torrents[f.torrentId]!.btih
              : f.csvTail;
  // Slot widths: the longest text of each slot over all files, plus its 2-byte length.
  const width = new Int32Array(SLOTS);
  for (const f of files) {
    for (let k = 0; k < SLOTS; k++) {
      width[k] = Math.max(width[k]!, PREFIX[k]!.length + Buffer.byteLength(slotValue(f, k)));
    }
  }
  const longest = Math.max(...width);
  if (longest > 0xffff) throw new RangeError('a file name is too long for the row tables');
  const slotAt = new Int32Array(SLOTS);
  let stride = 0;
  for (let k = 0; k < SLOTS; k++) {
    slotAt[k] = stride;
    stride += 2 + width[k]!;
  }
  const bytes = Buffer.alloc(files.length * stride);
  const view = viewOf(bytes);
  files.forEach((f, i) => {
    for (let k = 0; k < SLOTS; k++) {
      const at = i * stride + slotAt[k]!;
      const n = bytes.write(PREFIX[k]!, at + 2, 'latin1');
      view.setUint16(at, n + bytes.write(slotValue(f, k), at + 2 + n), true);
    }
  });
  return { bytes, view, stride, slotAt, longest };
}

/** A DataView over a buffer's own bytes (a Buffer may sit inside a larger pool). */
export function viewOf(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
