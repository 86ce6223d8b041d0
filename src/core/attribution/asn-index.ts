import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import ipaddr from 'ipaddr.js';
import { GeoDatabaseError } from '#shared/errors.js';
import { ipv4ToUint } from './special-ranges.js';

/**
 * An in-memory sorted range index over ip-location-db ASN CSV files (`start,end,asn,org`, addresses
 * as text or as integers). IPv4 keys are uint32; IPv6 keys are 32-digit hex strings (which sort
 * like the numbers).
 */
export class AsnIndex {
  private v4Start = new Uint32Array(0);
  private v4End = new Uint32Array(0);
  private v4Row = new Uint32Array(0);
  private v6Start: string[] = [];
  private v6End: string[] = [];
  private v6Row = new Uint32Array(0);
  // One shared answer per distinct (AS number, organisation): far fewer long-lived objects than
  // one per range (the bundled files hold 500,000 ranges of 84,000 ASes), so less for the GC to trace.
  private readonly rows: Array<{ asn: number; org: string }> = [];
  private ranges = 0;

  /** Loads CSV range files; throws GeoDatabaseError naming the file and line on bad content. */
  static async load(paths: string[]): Promise<AsnIndex> {
    const index = new AsnIndex();
    const v4: Array<[number, number, number]> = [];
    const v6: Array<[string, string, number]> = [];
    const rowOf = new Map<string, number>();
    for (const path of paths) {
      let line = 0;
      try {
        for await (const text of createInterface({
          input: createReadStream(path),
          crlfDelay: Infinity,
        })) {
          line++;
          if (text === '') continue;
          const [start, end, asn, org] = splitRangeLine(text);
          const rowKey = `${asn}\u001f${org}`;
          let row = rowOf.get(rowKey);
          if (row === undefined) {
            row = index.rows.push({ asn: Number(asn), org: org ?? '' }) - 1;
            rowOf.set(rowKey, row);
          }
          index.ranges++;
          const a = toKey(start!);
          const b = toKey(end!);
          if (typeof a === 'number' && typeof b === 'number') v4.push([a, b, row]);
          else v6.push([String(a), String(b), row]);
        }
      } catch (error) {
        throw new GeoDatabaseError(
          `ASN ranges ${path}: line ${line}: ${(error as Error).message}`,
          [{ path: `${path}:${line}`, reason: (error as Error).message }],
        );
      }
    }
    v4.sort((x, y) => x[0] - y[0]);
    index.v4Start = Uint32Array.from(v4, (r) => r[0]);
    index.v4End = Uint32Array.from(v4, (r) => r[1]);
    index.v4Row = Uint32Array.from(v4, (r) => r[2]);
    v6.sort((x, y) => (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0));
    index.v6Start = v6.map((r) => r[0]);
    index.v6End = v6.map((r) => r[1]);
    index.v6Row = Uint32Array.from(v6, (r) => r[2]);
    return index;
  }

  /** The AS announcing a canonical address, or null. */
  lookup(ip: string): { asn: number; org: string } | null {
    const key = ip.includes(':') ? toKey(ip) : ipv4ToUint(ip);
    if (typeof key === 'number') {
      const i = lastAtOrBelow(this.v4Start.length, (k) => this.v4Start[k]! <= key);
      return i >= 0 && key <= this.v4End[i]! ? this.rows[this.v4Row[i]!]! : null;
    }
    const i = lastAtOrBelow(this.v6Start.length, (k) => this.v6Start[k]! <= key);
    return i >= 0 && key <= this.v6End[i]! ? this.rows[this.v6Row[i]!]! : null;
  }

  /** The number of ranges loaded. */
  get size(): number {
    return this.ranges;
  }
}

// `start,end,asn,org` where only org may be quoted (RFC 4180): cheaper than a CSV parser per line.
function splitRangeLine(text: string): [string, string, string, string] {
  const a = text.indexOf(',');
  const b = text.indexOf(',', a + 1);
  const c = text.indexOf(',', b + 1);
  if (a < 0 || b < 0 || c < 0) throw new Error('expected start,end,asn,org');
  let org = text.slice(c + 1);
  if (org.startsWith('"') && org.endsWith('"')) org = org.slice(1, -1).replaceAll('""', '"');
  const asn = text.slice(b + 1, c);
  if (!/^\d+$/.test(asn)) throw new Error(`bad AS number ${asn}`);
  return [text.slice(0, a), text.slice(a + 1, b), asn, org];
}

function toKey(value: string): number | string {
  if (/^\d+$/.test(value)) {
    const n = BigInt(value);
    return n <= 0xffffffffn && value.length <= 10 ? Number(n) : n.toString(16).padStart(32, '0');
  }
  const addr = ipaddr.parse(value);
  if (addr.kind() === 'ipv4') return addr.toByteArray().reduce((acc, b) => acc * 256 + b, 0);
  return Buffer.from(addr.toByteArray()).toString('hex');
}

function lastAtOrBelow(length: number, isAtOrBelow: (i: number) => boolean): number {
  let lo = 0;
  let hi = length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (isAtOrBelow(mid)) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}
