import type { World } from './world.js';

/** Network of an installation as a small code (the row generator's evidence choice switches on it). */
export const NET_GNUTELLA = 0;
export const NET_ED2K = 1;
export const NET_BITTORRENT = 2;
const NET_CODES = { gnutella: NET_GNUTELLA, ed2k: NET_ED2K, bittorrent: NET_BITTORRENT } as const;

/** Which of a file's hashes a row carries (its `hash_type,hash` pair): also the index of that string among the file's strings. */
export const HashVariant = { Md5: 0, Sha1Hex: 1, Sha1Base32: 2, Ed2k: 3, Btih: 4 } as const;
export type HashVariant = (typeof HashVariant)[keyof typeof HashVariant];

/** How many strings of a file the tables hold: its five hashes in HashVariant order, then `name,size`. */
export const FILE_STRINGS = 6;
export const FILE_TAIL = 5;

/** An append-only table of strings stored as UTF-8 in one buffer: string `i` is `bytes[at[i], at[i + 1])`. */
export class ByteStrings {
  private readonly parts: string[] = [];
  private count = 0;
  bytes: Uint8Array = new Uint8Array(0);
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
    this.at = at;
    return this;
  }
}

/**
 * The world as the row generator reads it: flat typed arrays indexed by subject, installation,
 * lease and file, and every text a row copies (hashes, file names, client ids, addresses) encoded
 * once in one buffer. Built with the world, so that rows touch a few compact arrays instead of
 * object graphs scattered over a large heap, and allocate nothing.
 */
export type RowTables = {
  strings: ByteStrings;
  /** String id of file `f`'s string `k` is `fileBase + f * FILE_STRINGS + k`. */
  fileBase: number;
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
  const starts = (sizes: number[]) => {
    const out = new Int32Array(sizes.length + 1);
    sizes.forEach((n, i) => (out[i + 1] = out[i]! + n));
    return out;
  };
  const libStart = starts(subjects.map((s) => s.library.length));
  const library = new Int32Array(libStart[subjects.length]!);
  subjects.forEach((s, i) => library.set(s.library, libStart[i]!));
  const tables: Omit<RowTables, 'fileBase'> = {
    strings,
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
  const fileBase = strings.size;
  for (const f of catalogue.files) {
    strings.add(f.md5);
    strings.add(f.sha1);
    strings.add(f.sha1Base32);
    strings.add(f.ed2k);
    strings.add(catalogue.torrents[f.torrentId]!.btih);
    strings.add(f.csvTail);
  }
  strings.seal();
  return { ...tables, fileBase };
}
