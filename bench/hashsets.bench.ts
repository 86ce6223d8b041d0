import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { systemContext } from '#core/access/actor.js';
import { PGlite } from '@electric-sql/pglite';
import { buildCore } from '#src/app.js';
import { pgliteParsers, wrapPglite } from '#platform/db/client.js';
import { digestWords, ExactIndexBuilder } from '#core/hashsets/matching/exact-index.js';
import { bruteForcePdq, PdqIndexBuilder } from '#core/hashsets/matching/pdq-index.js';
import type { BenchResult } from './run.js';

const EXACT_N = Number(process.env.BENCH_HASHSET_N ?? 10_000_000);
const PDQ_N = Number(process.env.BENCH_PDQ_N ?? 1_000_000);
const QUERIES = 1_000_000;
const DB_N = Number(process.env.BENCH_HASHSET_DB_N ?? 200_000);

/**
 * Hash matching: the typed-array exact index against a `Set<string>` of the same digests, and the
 * PDQ multi-index against brute force over the same hashes (with identical results checked).
 */
export async function run(): Promise<BenchResult> {
  const rows: BenchResult['rows'] = [];
  const notes: string[] = [];

  rows.push(...exactLookups(notes));
  if (process.env.BENCH_HASHSET_EXACT_ONLY) {
    return { suite: 'Hash sets: exact index (exact part only)', rows, notes };
  }

  // PDQ: N random 256-bit hashes; queries are perturbed members (0..40 bits) and random hashes.
  const pdq = randomBytes(PDQ_N * 32);
  const pdqBuilder = new PdqIndexBuilder();
  const t2 = performance.now();
  for (let i = 0; i < PDQ_N; i++) pdqBuilder.add(pdq.toString('hex', i * 32, i * 32 + 32), i);
  const pdqIndex = pdqBuilder.build();
  const pdqBuildMs = performance.now() - t2;
  const pdqQueries = Array.from({ length: 200 }, (_, i) => {
    if (i % 2 === 1) return randomBytes(32).toString('hex');
    const bytes = Buffer.from(
      pdq.subarray(((i * 104729) % PDQ_N) * 32, ((i * 104729) % PDQ_N) * 32 + 32),
    );
    for (let b = 0; b < i % 41; b++) bytes[(b * 13) % 32]! ^= 1 << (b % 8);
    return bytes.toString('hex');
  });
  const bruteCount = 40;
  const t3 = performance.now();
  const brute = pdqQueries.slice(0, bruteCount).map((q) => bruteForcePdq(pdqIndex.hashes, q, 31));
  const bruteQps = bruteCount / ((performance.now() - t3) / 1000);
  const t4 = performance.now();
  let found = 0;
  for (let pass = 0; pass < 5; pass++) {
    for (const q of pdqQueries) found += pdqIndex.search(q, 31).length;
  }
  const indexQps = (5 * pdqQueries.length) / ((performance.now() - t4) / 1000);
  const identical = brute.every(
    (hits, i) => key(hits) === key(pdqIndex.search(pdqQueries[i]!, 31)),
  );
  if (!identical) throw new Error('PDQ index and brute force disagree');
  rows.push(
    {
      case: `PDQ brute force, ${PDQ_N.toLocaleString('en')} hashes (baseline)`,
      'lookups/s': fmt(bruteQps),
    },
    {
      case: `PDQ multi-index, ${PDQ_N.toLocaleString('en')} hashes, d<=31`,
      'build ms': buildMsText(pdqBuildMs),
      'bytes/entry': (
        (pdqIndex.hashes.byteLength +
          pdqIndex.metas.byteLength +
          pdqIndex.ids.reduce((s, a) => s + a.byteLength, 0) +
          pdqIndex.offsets.reduce((s, a) => s + a.byteLength, 0) +
          pdqIndex.filters.reduce((s, a) => s + a.byteLength, 0)) /
        PDQ_N
      ).toFixed(1),
      'lookups/s': fmt(indexQps),
      ratio: (indexQps / bruteQps).toFixed(1),
    },
  );
  notes.push(
    `PDQ: random hashes, ${pdqQueries.length} queries (perturbed members and random), ${bruteCount} checked against brute force with identical (id, distance) sets; ${found / 5} hits a pass.`,
  );
  rows.push(...(await databaseLoad()));
  notes.push(
    `Database rows: an md5sum list of ${DB_N.toLocaleString('en')} digests imported into an in-memory PGlite (streamed, batched unnest INSERT, new version activated), then the index rebuilt from the active rows.`,
  );
  return { suite: 'Hash sets: exact index and PDQ multi-index', rows, notes };
}

/**
 * Exact look-ups at EXACT_N random MD5-sized digests: a `Set<string>` of lower-case hex against
 * the index's four look-ups, on the same queries (half members, half absent). Every pass gets its
 * own freshly made query strings (made outside the timing), so no pass profits from hashes V8
 * cached in a string by an earlier pass; the binary passes read the same digests as raw bytes.
 * Rounds alternate all passes, so load from other processes hits them alike; each pass is timed
 * by the wall clock and by this process's CPU time. Separate loops, not one helper taking a
 * callback, keep each call site monomorphic.
 */
function exactLookups(notes: string[]): BenchResult['rows'] {
  const keys = randomBytes(EXACT_N * 16);
  const hexAt = (i: number) => keys.toString('hex', i * 16, i * 16 + 16);
  const queryBytes = Buffer.alloc(QUERIES * 16);
  const absent = randomBytes(QUERIES * 16);
  for (let i = 0; i < QUERIES; i++) {
    const from = (i * 7919) % EXACT_N;
    if (i % 2 === 0) keys.copy(queryBytes, i * 16, from * 16, from * 16 + 16);
    else absent.copy(queryBytes, i * 16, i * 16, i * 16 + 16);
  }
  const queryWords = digestWords(queryBytes);
  const freshQueries = () =>
    Array.from({ length: QUERIES }, (_, i) => queryBytes.toString('hex', i * 16, i * 16 + 16));

  const t0 = performance.now();
  const builder = new ExactIndexBuilder(4, EXACT_N);
  for (let i = 0; i < EXACT_N; i++) builder.add(hexAt(i), i);
  const index = builder.build();
  const buildMs = performance.now() - t0;

  const heapBefore = usedHeap();
  const t1 = performance.now();
  const set = new Set<string>();
  for (let i = 0; i < EXACT_N; i++) set.add(hexAt(i));
  const setBuildMs = performance.now() - t1;
  const setBytes = usedHeap() - heapBefore;

  const names = [
    'set',
    'find',
    'findHexBatch',
    'findDigest',
    'findBatch',
    'findBatch100k',
    'findBatch20k',
  ] as const;
  type Name = (typeof names)[number];
  const wall = Object.fromEntries(names.map((n) => [n, 0])) as Record<Name, number>;
  const cpu = { ...wall };
  const hits = { ...wall };
  const out = new Int32Array(QUERIES);
  const rounds = Number(process.env.BENCH_HASHSET_ROUNDS ?? 3);
  for (let round = 0; round <= rounds; round++) {
    const timed = round > 0; // round 0 warms up (JIT, caches)
    const time = (name: Name, pass: () => number) => {
      // A full collection first (with --expose-gc), so that V8's background GC threads, whose CPU
      // time process.cpuUsage counts, are not still busy with the fresh query strings.
      globalThis.gc?.();
      const c = process.cpuUsage();
      const a = performance.now();
      const found = pass();
      const ms = performance.now() - a;
      const used = process.cpuUsage(c);
      if (!timed) return;
      wall[name] += ms;
      cpu[name] += (used.user + used.system) / 1000;
      hits[name] += found;
    };
    let q = freshQueries();
    time('set', () => {
      let found = 0;
      for (let i = 0; i < q.length; i++) if (set.has(q[i]!)) found++;
      return found;
    });
    q = freshQueries();
    time('find', () => {
      let found = 0;
      for (let i = 0; i < q.length; i++) if (index.find(q[i]!) >= 0) found++;
      return found;
    });
    q = freshQueries();
    time('findHexBatch', () => {
      index.findHexBatch(q, out);
      return countFound(out);
    });
    time('findDigest', () => {
      let found = 0;
      for (let i = 0; i < QUERIES; i++) if (index.findDigest(queryWords, i * 4) >= 0) found++;
      return found;
    });
    time('findBatch', () => {
      index.findBatch(queryWords, out);
      return countFound(out);
    });
    time('findBatch100k', () => {
      for (let from = 0; from < QUERIES; from += 100_000) {
        const to = Math.min(QUERIES, from + 100_000);
        index.findBatch(queryWords.subarray(from * 4, to * 4), out.subarray(from, to));
      }
      return countFound(out);
    });
    time('findBatch20k', () => {
      for (let from = 0; from < QUERIES; from += 20_000) {
        const to = Math.min(QUERIES, from + 20_000);
        index.findBatch(queryWords.subarray(from * 4, to * 4), out.subarray(from, to));
      }
      return countFound(out);
    });
  }
  for (const name of names) {
    if (hits[name] !== hits.set) throw new Error(`${name} and the Set disagree on hits`);
  }
  if (hits.set !== (rounds * QUERIES) / 2) throw new Error(`expected half hits, got ${hits.set}`);
  set.clear();

  const n = EXACT_N.toLocaleString('en');
  const rate = (name: Name, by: Record<Name, number>) => (rounds * QUERIES) / (by[name] / 1000);
  const row = (name: Name, label: string) => ({
    case: label,
    'lookups/s': fmt(rate(name, wall)),
    'lookups/CPU-s': fmt(rate(name, cpu)),
    ...(name === 'set'
      ? {}
      : {
          'ratio (wall)': (rate(name, wall) / rate('set', wall)).toFixed(1),
          'ratio (CPU)': (rate(name, cpu) / rate('set', cpu)).toFixed(1),
        }),
  });
  notes.push(
    `Exact: ${n} random 128-bit digests; ${QUERIES.toLocaleString('en')} queries (half members, half absent), ${rounds} rounds after a warm-up round, every pass with freshly made query strings; all passes agree with the Set on every hit. "lookups/CPU-s" divides by this process's CPU time (user + system), "lookups/s" by wall time.`,
    'Index "bytes/entry" counts its table exactly; the Set figure is the V8 heap growth (strings + table) when run with --expose-gc, else a rough figure.',
    hugePagesNote(),
  );
  return [
    {
      ...row('set', `Set<string>.has(fresh hex string), ${n} MD5 (baseline)`),
      'build ms': setBuildMs.toFixed(0),
      'bytes/entry': (setBytes / EXACT_N).toFixed(1),
    },
    {
      ...row('find', 'index.find(hex string), one at a time'),
      'build ms': buildMs.toFixed(0),
      'bytes/entry': (index.byteLength / EXACT_N).toFixed(1),
    },
    row('findHexBatch', 'index.findHexBatch(hex strings), batched'),
    row('findDigest', 'index.findDigest(binary digest), one at a time'),
    row('findBatch', 'index.findBatch(binary digests), batches of 1,000,000'),
    row('findBatch100k', 'index.findBatch(binary digests), batches of 100,000'),
    row('findBatch20k', 'index.findBatch(binary digests), batches of 20,000 (ingest)'),
  ];
}

/**
 * Whether the process's large typed arrays sit on transparent huge pages: with the kernel's THP in
 * `madvise` mode they do only when glibc is asked to (`GLIBC_TUNABLES=glibc.malloc.hugetlb=1`), and
 * a random look-up then costs one TLB miss less (docs/HASHSETS.md, "Huge pages").
 */
function hugePagesNote(): string {
  let huge = 'unknown (no /proc/self/smaps_rollup)';
  try {
    const kb = /AnonHugePages:\s+(\d+) kB/.exec(readFileSync('/proc/self/smaps_rollup', 'utf8'));
    if (kb) huge = `${Math.round(Number(kb[1]) / 1024)} MiB`;
  } catch {
    // not Linux: leave it unknown
  }
  return `Huge pages: GLIBC_TUNABLES=${process.env.GLIBC_TUNABLES ?? '(unset)'}; anonymous memory on transparent huge pages after the exact passes: ${huge}.`;
}

function countFound(out: Int32Array): number {
  let found = 0;
  for (let i = 0; i < out.length; i++) if (out[i]! >= 0) found++;
  return found;
}

/** Import and index-load throughput through the real service on PGlite. */
async function databaseLoad(): Promise<BenchResult['rows']> {
  const handle = wrapPglite(await PGlite.create({ parsers: pgliteParsers() }));
  const core = buildCore(handle);
  try {
    await core.migrate();
    const digests = randomBytes(DB_N * 16);
    async function* list(): AsyncIterable<Uint8Array> {
      for (let i = 0; i < DB_N; i += 10_000) {
        let text = '';
        for (let j = i; j < Math.min(DB_N, i + 10_000); j++) {
          text += `${digests.toString('hex', j * 16, j * 16 + 16)}  file${j}\n`;
        }
        yield Buffer.from(text);
      }
    }
    const t0 = performance.now();
    const summary = await core.hashsets.importHashSet(
      systemContext('cli', 'bench'),
      { fileName: 'bench.md5', stream: list() },
      {},
    );
    const importMs = performance.now() - t0;
    const t1 = performance.now();
    await core.hashsets.refreshIndex();
    const loadMs = performance.now() - t1;
    if (summary.imported !== DB_N) throw new Error(`imported ${summary.imported} of ${DB_N}`);
    return [
      {
        case: `import ${DB_N.toLocaleString('en')} md5 (PGlite)`,
        'build ms': importMs.toFixed(0),
        'lookups/s': `${fmt(DB_N / (importMs / 1000))} rows/s`,
      },
      {
        case: `index load from database, ${DB_N.toLocaleString('en')} rows`,
        'build ms': loadMs.toFixed(0),
        'lookups/s': `${fmt(DB_N / (loadMs / 1000))} rows/s`,
      },
    ];
  } finally {
    await core.close();
  }
}

function key(hits: Array<{ id: number; distance: number }>): string {
  return hits
    .map((h) => `${h.id}:${h.distance}`)
    .sort()
    .join(',');
}

function usedHeap(): number {
  globalThis.gc?.();
  return process.memoryUsage().heapUsed;
}

function fmt(n: number): string {
  return n >= 1e6
    ? `${(n / 1e6).toFixed(2)} M`
    : n >= 1e3
      ? `${(n / 1e3).toFixed(1)} k`
      : n.toFixed(1);
}

function buildMsText(ms: number): string {
  return ms.toFixed(0);
}
