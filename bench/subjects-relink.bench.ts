/**
 * The full relink (`SubjectsService.relinkAndScore`) on PostgreSQL: every stored observation is read,
 * linked with the analysts' decisions, scored and written back, as the subjects.rescore job does
 * after each import, rematch, decision or rule-set change. Baseline: reading the same observations.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { systemContext } from '#core/access/actor.js';
import { scanFile } from '#core/intake/file-source.js';
import { openPg } from '#platform/db/client.js';
import { migrate } from '#platform/db/migrate.js';
import { buildCore, type Core } from '#src/app.js';
import { bytesOf, media, vics2 } from '#test/hashsets.js';
import { databaseUrl, dropDatabase } from '#test/pg-admin.js';
import type { BenchResult } from './run.js';

const OBSERVATIONS = Number(process.env.VIGIL_BENCH_RELINK_ROWS ?? 50_000);
const INSTALLATIONS = OBSERVATIONS / 10;
const CTX = systemContext('cli', 'bench');
const HEADER =
  'observed_at,network,ip,port,client_id,client_name,hash_type,hash,file_name,file_size,evidence_kind,observer';

const ms = (x: number) => x.toFixed(0);
const sha1 = (k: number) => k.toString(16).padStart(40, '0');

function csv(from: number, to: number): string {
  const lines = [HEADER];
  for (let i = from; i < to; i++) {
    const who = (i * 7919) % INSTALLATIONS;
    const day = 1 + (i % 28);
    const ip = `24.114.${(who >> 8) & 255}.${1 + (who & 127)}`;
    const client = who % 10 < 7 ? (who + 1).toString(16).padStart(32, 'a') : '';
    const kind = i % 10 === 0 ? 'download_verified' : 'query_hit';
    lines.push(
      `2015-03-${String(day).padStart(2, '0')}T10:${String(i % 60).padStart(2, '0')}:00Z,gnutella,${ip},6346,${client},Shareaza,sha1,${sha1(i % 400)},f.jpg,100,${kind},probe-${i}`,
    );
  }
  return lines.join('\n');
}

async function importCsv(core: Core, dir: string, name: string, text: string): Promise<void> {
  const path = join(dir, name);
  writeFileSync(path, text);
  const scan = await scanFile(path);
  await core.intake.importFile({
    fileName: name,
    format: 'p2p-csv',
    sourceSha256: scan.sha256,
    open: scan.open,
    mode: 'resumable',
  });
}

async function timed<T>(fn: () => Promise<T>): Promise<[number, T]> {
  const t0 = performance.now();
  const value = await fn();
  return [performance.now() - t0, value];
}

export async function run(): Promise<BenchResult> {
  const url =
    process.env.VIGIL_TEST_DATABASE_URL ??
    process.env.DATABASE_URL ??
    'postgres://root@127.0.0.1:5432/test';
  const name = `vigil_bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const handle = openPg(databaseUrl(url, name), 4);
  const dir = mkdtempSync(join(tmpdir(), 'vigil-relink-bench-'));
  try {
    await migrate(handle.db);
    const core = buildCore(handle);
    const known = Array.from({ length: 300 }, (_, k) =>
      media(`k${k}`, { MediaID: k + 1, SHA1: sha1(k), Category: 1 + (k % 3) }),
    );
    await core.hashsets.importHashSet(
      CTX,
      { fileName: 'known.json', stream: bytesOf(vics2(known), 65536) },
      { kind: 'known', isStrict: false },
    );
    await importCsv(core, dir, 'obs.csv', csv(0, OBSERVATIONS));
    const [readMs] = await timed(() => handle.db.selectFrom('observation').selectAll().execute());
    const [firstMs, first] = await timed(() => core.subjects.relinkAndScore(CTX));
    const [againMs] = await timed(() => core.subjects.relinkAndScore(CTX));
    await importCsv(core, dir, 'more.csv', csv(OBSERVATIONS, OBSERVATIONS + 1000));
    const [moreMs, more] = await timed(() => core.subjects.relinkAndScore(CTX));
    const ratio = (x: number) => (x / readMs).toFixed(1);
    return {
      suite: `Subjects: full relink and score of ${OBSERVATIONS.toLocaleString('en')} observations (PostgreSQL)`,
      rows: [
        { case: 'read every observation row (baseline)', ms: ms(readMs) },
        {
          case: `first relink: ${first.subjects} subjects written`,
          ms: ms(firstMs),
          'ratio to baseline': ratio(firstMs),
        },
        {
          case: 'relink again, nothing changed',
          ms: ms(againMs),
          'ratio to baseline': ratio(againMs),
        },
        {
          case: `relink after 1,000 new observations (${more.added} added, ${more.changed} changed)`,
          ms: ms(moreMs),
          'ratio to baseline': ratio(moreMs),
        },
      ],
      notes: [
        `Synthetic: ${INSTALLATIONS.toLocaleString('en')} installations in Toronto (70% with a client id), 400 distinct files of which 300 known; imported through the real intake. One run each (a relink is minutes apart in production, not a hot loop).`,
      ],
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await handle.close();
    await dropDatabase(url, name);
  }
}
