import { randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'kysely';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { buildCore } from '#src/app.js';
import type { HashMatch, HashMatcher, MatchHashType } from '#core/hashsets/hash-matcher.js';
import { openPg, pgliteParsers, wrapPglite, type DatabaseHandle } from '#platform/db/client.js';
import { migrateAsOwner } from '#platform/db/migrate.js';
import { databaseUrl, dropDatabase } from '../test/pg-admin.js';
import type { BenchResult } from './run.js';

/**
 * End-to-end P2P ingest (gunzip-free CSV: parse, validate, canonicalise, match, attribute with the
 * bundled DB-IP/ASN data, store with the journal) against a raw COPY of the same canonical rows
 * into a copy of the observation table, in the same database and run.
 * VIGIL_BENCH_INGEST_ROWS sets N (e.g. 5000000).
 */
export async function run(): Promise<BenchResult> {
  const n = Number(process.env.VIGIL_BENCH_INGEST_ROWS ?? 200_000);
  const rows: BenchResult['rows'] = [];
  // The input file is written before any timing (as the baseline's rows are made outside it):
  // the ingest reads it from disk as `vigil ingest FILE` does.
  const dir = await mkdtemp(join(tmpdir(), 'vigil-bench-ingest-'));
  const file = join(dir, 'bench.csv');
  await pipeline(Readable.from(csvLines(n)), createWriteStream(file));
  try {
    rows.push(...(await runEngines(n, file, dir)));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  return {
    suite: `Ingest: ${n.toLocaleString('en')} synthetic P2P observations end to end vs raw COPY`,
    rows,
    notes: NOTES,
  };
}

async function runEngines(n: number, file: string, dir: string): Promise<BenchResult['rows']> {
  const rows: BenchResult['rows'] = [];
  // VIGIL_BENCH_ENGINES=pglite|pg limits the run to one engine (e.g. for a CPU profile).
  const engines = process.env.VIGIL_BENCH_ENGINES ?? 'pglite,pg';
  if (engines.includes('pglite')) {
    // In memory up to 1M rows; beyond, on disk (two copies of 5M rows exceed WASM's 4 GiB).
    const pglite = await PGlite.create({
      parsers: pgliteParsers(),
      ...(n > 1_000_000 ? { dataDir: join(dir, 'pglite') } : {}),
    });
    rows.push(
      ...(await measure('PGlite', wrapPglite(pglite), n, file, (sqlText, csv) =>
        pglite.query(sqlText, [], { blob: new Blob([csv]) }).then(() => undefined),
      )),
    );
    await pglite.close();
  }
  const url = process.env.VIGIL_TEST_DATABASE_URL ?? process.env.DATABASE_URL;
  if (url && /(^|,)pg(,|$)/.test(engines)) {
    const name = `vigil_bench_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    const handle = openPg(databaseUrl(url, name), 4);
    const pool = (handle.raw as { pool: pg.Pool }).pool;
    try {
      rows.push(
        ...(await measure('PostgreSQL', handle, n, file, async (sqlText, csv) => {
          const client = await pool.connect();
          try {
            await pipeline(
              Readable.from([csv]),
              client.query(copyFrom(sqlText.replace("FROM '/dev/blob'", 'FROM STDIN'))),
            );
          } finally {
            client.release();
          }
        })),
      );
    } finally {
      await handle.close();
      await dropDatabase(url, name);
    }
  }
  return rows;
}

const NOTES = [
  'Vigil: the CSV file (written before the timing) read from disk -> guard -> RFC 4180 record reader -> validate/canonicalise -> SHA-256 identity -> HashMatcher (10,000 known hashes, 1 in 100 rows matches) -> attribution (DB-IP Lite city mmdb, ASN range index, special ranges, Tor, jurisdiction; every row a new IP, so the per-IP cache never hits) -> COPY text; batches of 20,000 rows, each stored (COPY observation FROM STDIN under a savepoint, matches, journal) in its own transaction while the next batch is prepared (no batch meets a stored identity here, so the staging + ON CONFLICT path is not taken).',
  'Node CPU counts this process only: on PGlite that includes the database, on PostgreSQL the server works in its own process, overlapped with the preparation of the next batch.',
  'Baseline: COPY of the same canonical rows (attribution columns included, computed outside the timing) into `observation_copy (like observation including all)` plus its foreign key to import_journal (the same checks, indexes and foreign key as observation), in chunks of 100,000 rows; its CSV generation is outside the timing.',
];

type Copy = (sql: string, csv: string) => Promise<void>;

async function measure(
  engine: string,
  handle: DatabaseHandle,
  n: number,
  file: string,
  copy: Copy,
): Promise<BenchResult['rows']> {
  await migrateAsOwner(handle);
  const matcher = benchMatcher();
  const core = buildCore(handle, { hashMatcher: matcher });
  // Open the attribution data outside the timing (a server does it once at start).
  await core.attribution.lookup({ ip: '142.51.1.1', at: '2020-01-01T00:00:00Z', port: null });
  const heap0 = process.memoryUsage().rss;
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const summary = await core.intake.importFile({
    fileName: 'bench.csv',
    format: 'p2p-csv',
    sourceSha256: randomBytes(32).toString('hex'),
    open: () => createReadStream(file),
    mode: 'resumable',
  });
  const vigilMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const rss = process.memoryUsage().rss - heap0;
  if (summary.accepted !== n) {
    throw new Error(`bench: expected ${n} accepted, got ${JSON.stringify(summary)}`);
  }

  // The same columns, defaults, checks, indexes and foreign key as observation (its trigger only
  // fires on UPDATE and DELETE): a raw COPY pays what any insert into observation pays.
  await sql`create table if not exists observation_copy (like observation including all)`.execute(
    handle.db,
  );
  await sql`alter table observation_copy add foreign key (import_id) references import_journal (id)`.execute(
    handle.db,
  );
  let copyMs = 0;
  const columns =
    'id, observed_at, observed_offset, network, ip, port, hash_type, hash, evidence_kind, observer, import_id, source_file, source_line, country_code, region, city, asn, as_org, ip_flags, agency_code';
  for (let start = 0; start < n; start += 100_000) {
    const csv = copyChunk(start, Math.min(n, start + 100_000), summary.importId);
    const t = performance.now();
    await copy(`COPY observation_copy (${columns}) FROM '/dev/blob' WITH (FORMAT csv)`, csv);
    copyMs += performance.now() - t;
  }
  const rate = (ms: number) => Math.round(n / (ms / 1000));
  return [
    {
      engine,
      case: 'raw COPY (baseline)',
      seconds: (copyMs / 1000).toFixed(1),
      'rows/s': rate(copyMs),
    },
    {
      engine,
      case: 'vigil ingest',
      seconds: (vigilMs / 1000).toFixed(1),
      'rows/s': rate(vigilMs),
      'ratio to COPY': (copyMs / vigilMs).toFixed(2),
      'Node CPU s': ((cpu.user + cpu.system) / 1e6).toFixed(1),
      'Node CPU µs/row': ((cpu.user + cpu.system) / n).toFixed(1),
      'RSS growth MiB': Math.round(rss / 2 ** 20),
      matched: summary.matched,
    },
  ];
}

const hashOf = (i: number) => ((i * 2654435761) >>> 0).toString(16).padStart(8, '0').repeat(4);
const ipOf = (i: number) => `142.${51 + (i % 3)}.${(i >> 8) & 255}.${i & 255}`;
const timeOf = (i: number) => new Date(Date.UTC(2020, 0, 1) + i * 37).toISOString();

async function* csvLines(n: number): AsyncGenerator<Buffer> {
  yield Buffer.from(
    'observed_at,network,ip,port,client_id,client_name,hash_type,hash,file_name,file_size,evidence_kind,observer\n',
  );
  let chunk = '';
  for (let i = 0; i < n; i++) {
    chunk += `${timeOf(i)},gnutella,${ipOf(i)},${1024 + (i % 60000)},,LimeWire/5.5.16,md5,${hashOf(i)},file-${i}.avi,${i * 7},query_hit,bench-station\n`;
    if (chunk.length > 64 * 1024) {
      yield Buffer.from(chunk);
      chunk = '';
    }
  }
  yield Buffer.from(chunk);
}

function copyChunk(from: number, to: number, importId: string): string {
  let out = '';
  for (let i = from; i < to; i++) {
    const id = randomBytes(32).toString('hex');
    out += `${id},${timeOf(i)},Z,gnutella,${ipOf(i)},${1024 + (i % 60000)},md5,${hashOf(i)},query_hit,bench-station,${importId},bench.csv,${i + 2},CA,Ontario,Greater Sudbury,14661,Laurentian University,{},ON-GSPS\n`;
  }
  return out;
}

function benchMatcher(): HashMatcher {
  const known = new Map<string, HashMatch[]>();
  for (let i = 0; i < 1_000_000 && known.size < 10_000; i += 100) {
    known.set(hashOf(i), [
      {
        hashSetId: 'bench',
        hashSetName: 'bench',
        hashSetVersion: 1,
        kind: 'known',
        categoryScheme: null,
        categoryCode: null,
        series: null,
        victimIdentified: null,
        isDistributed: null,
      },
    ]);
  }
  return { generation: 1, matchExact: (_type: MatchHashType, hex: string) => known.get(hex) ?? [] };
}
