import { randomBytes } from 'node:crypto';
import { systemContext } from '#core/access/actor.js';
import { PGlite } from '@electric-sql/pglite';
import { buildCore } from '#src/app.js';
import { pgliteParsers, wrapPglite } from '#platform/db/client.js';
import { ExactIndexBuilder } from '#core/hashsets/matching/exact-index.js';
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

  // Exact: N random MD5-sized digests; queries are half members, half absent.
  const keys = randomBytes(EXACT_N * 16);
  const hexAt = (i: number) => keys.toString('hex', i * 16, i * 16 + 16);
  const absent = randomBytes(QUERIES * 8);
  const queries = Array.from({ length: QUERIES }, (_, i) =>
    i % 2 === 0 ? hexAt((i * 7919) % EXACT_N) : absent.toString('hex', i * 8, i * 8 + 8).repeat(2),
  );

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

  // Rounds alternate Set and index passes, so load from other processes hits both alike; two
  // separate loops (not one helper taking a callback) keep each call site monomorphic.
  const rounds = 3;
  let setHits = 0;
  let indexHits = 0;
  let setMs = 0;
  let indexMs = 0;
  for (const q of queries) if (set.has(q)) setHits++; // warm-up (also caches the strings' hashes)
  for (const q of queries) if (index.lookup(q) > 0) indexHits++;
  for (let round = 0; round < rounds; round++) {
    const a = performance.now();
    for (const q of queries) if (set.has(q)) setHits++;
    const b = performance.now();
    for (const q of queries) if (index.lookup(q) > 0) indexHits++;
    const c = performance.now();
    setMs += b - a;
    indexMs += c - b;
  }
  const first = new Uint32Array(QUERIES);
  const count = new Uint32Array(QUERIES);
  index.lookupMany(queries, first, count); // warm-up
  const t7 = performance.now();
  for (let round = 0; round < rounds; round++) index.lookupMany(queries, first, count);
  const manyRate = (rounds * QUERIES) / ((performance.now() - t7) / 1000);
  const manyHits = count.reduce((sum, c) => sum + (c > 0 ? 1 : 0), 0);
  if (manyHits * (rounds + 1) !== indexHits) throw new Error('lookupMany and lookup disagree');
  const setRate = { perSecond: (rounds * QUERIES) / (setMs / 1000), hits: setHits };
  const indexRate = { perSecond: (rounds * QUERIES) / (indexMs / 1000), hits: indexHits };
  if (setRate.hits !== indexRate.hits) throw new Error('index and Set disagree on hits');

  rows.push(
    {
      case: `Set<string> baseline, ${EXACT_N.toLocaleString('en')} MD5`,
      'build ms': buildMsText(setBuildMs),
      'bytes/entry': (setBytes / EXACT_N).toFixed(1),
      'lookups/s': fmt(setRate.perSecond),
    },
    {
      case: `typed-array index, ${EXACT_N.toLocaleString('en')} MD5`,
      'build ms': buildMsText(buildMs),
      'bytes/entry': (index.byteLength / EXACT_N).toFixed(1),
      'lookups/s': fmt(indexRate.perSecond),
      ratio: (indexRate.perSecond / setRate.perSecond).toFixed(1),
    },
  );
  rows.push({
    case: `typed-array index, batched (lookupMany), ${EXACT_N.toLocaleString('en')} MD5`,
    'lookups/s': fmt(manyRate),
    ratio: (manyRate / setRate.perSecond).toFixed(1),
  });
  set.clear();

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
    `Exact: ${EXACT_N.toLocaleString('en')} random 128-bit digests, 1,000,000 queries (half hits), 3 alternating passes each, one core; index and Set agree on every hit.`,
    `PDQ: random hashes, ${pdqQueries.length} queries (perturbed members and random), ${bruteCount} checked against brute force with identical (id, distance) sets; ${found / 5} hits a pass.`,
    'Index "bytes/entry" counts the typed arrays exactly; the Set figure is the V8 heap growth (strings + table).',
  );
  rows.push(...(await databaseLoad()));
  notes.push(
    `Database rows: an md5sum list of ${DB_N.toLocaleString('en')} digests imported into an in-memory PGlite (streamed, batched unnest INSERT, new version activated), then the index rebuilt from the active rows.`,
  );
  return { suite: 'Hash sets: exact index and PDQ multi-index', rows, notes };
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
