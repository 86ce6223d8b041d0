/**
 * The subjects.rescore job (`SubjectsService.relinkAndScore`) on PostgreSQL, full and incremental:
 * after 1,000 new observations, and after an analyst splits a 4,000-node subject in two. Baseline:
 * reading the same observations. Also the in-memory cost of that split (linkSubjects with and
 * without it), which a unit test used to time.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { systemContext } from '#core/access/actor.js';
import { linkSubjects } from '#core/subjects/linking/link-subjects.js';
import type { LinkDecision } from '#core/subjects/linking/link.types.js';
import { scanFile } from '#core/intake/file-source.js';
import { openPg } from '#platform/db/client.js';
import { migrateAsOwner } from '#platform/db/migrate.js';
import { buildCore, type Core } from '#src/app.js';
import { bytesOf, media, vics2 } from '#test/hashsets.js';
import { guid, obs } from '#test/subject-factories.js';
import { databaseUrl, dropDatabase } from '#test/pg-admin.js';
import type { BenchResult } from './run.js';

const OBSERVATIONS = Number(process.env.VIGIL_BENCH_RELINK_ROWS ?? 50_000);
const INSTALLATIONS = OBSERVATIONS / 10;
/** One installation seen this many times (one subject), which an analyst then splits in half. */
const LARGE = 4000;
const CTX = systemContext('cli', 'bench');
const HEADER =
  'observed_at,network,ip,port,client_id,client_name,hash_type,hash,file_name,file_size,evidence_kind,observer';

const ms = (x: number) => x.toFixed(0);
const sha1 = (k: number) => k.toString(16).padStart(40, '0');

/** The large installation: one GUID, one IP per day, in Toronto. */
function largeCsv(): string {
  const lines = [HEADER];
  for (let i = 0; i < LARGE; i++) {
    const day = 1 + (i % 28);
    lines.push(
      `2015-03-${String(day).padStart(2, '0')}T11:${String(i % 60).padStart(2, '0')}:00Z,gnutella,24.114.250.${day},6346,${'c'.repeat(32)},Shareaza,sha1,${sha1(i % 400)},f.jpg,100,query_hit,probe-l${i}`,
    );
  }
  return lines.join('\n');
}

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

type Timing = { ms: number; cpuMs: number };

/** Wall time and this process's CPU time (user + system; PostgreSQL's own work is not in it). */
async function timed<T>(fn: () => Promise<T>): Promise<[Timing, T]> {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const value = await fn();
  const cpu = process.cpuUsage(cpu0);
  return [{ ms: performance.now() - t0, cpuMs: (cpu.user + cpu.system) / 1000 }, value];
}

/** The median of five timed calls. */
function median(fn: () => unknown): number {
  const times = Array.from({ length: 5 }, () => {
    const t0 = performance.now();
    fn();
    return performance.now() - t0;
  }).sort((a, b) => a - b);
  return times[2]!;
}

/** The in-memory cost of a 2,000 / 2,000 split of one 4,000-node subject (median of 5). */
function splitInMemory(): { without: number; with: number; sizes: number[] } {
  const many = Array.from({ length: LARGE }, (_, i) =>
    obs(`n${String(i).padStart(4, '0')}`, { clientId: guid('7') }),
  );
  const refs = many.map((o) => `obs:${o.id}`);
  const split: LinkDecision = {
    kind: 'split',
    id: 's1',
    decidedAt: new Date(0),
    sideA: refs.slice(0, LARGE / 2),
    sideB: refs.slice(LARGE / 2),
  };
  const sizes = linkSubjects({ observations: many }, [split]).subjects.map(
    (s) => s.nodeRefs.length,
  );
  return {
    without: median(() => linkSubjects({ observations: many })),
    with: median(() => linkSubjects({ observations: many }, [split])),
    sizes,
  };
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
    await migrateAsOwner(handle);
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
    await importCsv(core, dir, 'large.csv', largeCsv());
    const total = OBSERVATIONS + LARGE;
    const [read] = await timed(() => handle.db.selectFrom('observation').selectAll().execute());
    const [firstT, first] = await timed(() => core.subjects.relinkAndScore(CTX));
    const [fullAgainT] = await timed(() => core.subjects.relinkAndScore(CTX, { full: true }));
    const [incAgainT] = await timed(() => core.subjects.relinkAndScore(CTX));
    await importCsv(core, dir, 'more-a.csv', csv(OBSERVATIONS, OBSERVATIONS + 1000));
    const [fullMoreT, fullMore] = await timed(() =>
      core.subjects.relinkAndScore(CTX, { full: true }),
    );
    await importCsv(core, dir, 'more-b.csv', csv(OBSERVATIONS + 1000, OBSERVATIONS + 2000));
    const [incMoreT, incMore] = await timed(() => core.subjects.relinkAndScore(CTX));
    const large = await handle.db
      .selectFrom('subject')
      .select(['key', 'observationCount'])
      .orderBy('observationCount', 'desc')
      .executeTakeFirstOrThrow();
    const members = await handle.db
      .selectFrom('subjectMember')
      .select('nodeRef')
      .where('subjectKey', '=', large.key)
      .orderBy('nodeRef')
      .execute();
    await core.subjectDecisions.splitSubject(CTX, large.key, {
      members: members.slice(0, members.length / 2).map((m) => m.nodeRef),
      clientIds: [],
      ips: [],
      reason: 'bench: half of a large subject is another installation',
    });
    const [incSplitT, incSplit] = await timed(() => core.subjects.relinkAndScore(CTX));
    const [fullSplitT] = await timed(() => core.subjects.relinkAndScore(CTX, { full: true }));
    const memory = splitInMemory();
    const row = (label: string, t: Timing, against?: Timing) => ({
      case: label,
      ms: ms(t.ms),
      'node CPU ms': ms(t.cpuMs),
      'ratio to baseline': (t.ms / read.ms).toFixed(1),
      'ratio to full': against ? (t.ms / against.ms).toFixed(2) : '',
    });
    return {
      suite: `Subjects: full and incremental relink of ${total.toLocaleString('en')} observations (PostgreSQL)`,
      rows: [
        { case: 'read every observation row (baseline)', ms: ms(read.ms) },
        row(`first relink (full): ${first.subjects} subjects written`, firstT),
        row('full relink again, nothing changed', fullAgainT),
        row('incremental relink, nothing changed', incAgainT, fullAgainT),
        row(
          `full relink after 1,000 new observations (${fullMore.added} added, ${fullMore.changed} changed)`,
          fullMoreT,
        ),
        row(
          `incremental relink after 1,000 more (${incMore.relinkedNodes} nodes relinked, ${incMore.rescored} rescored, ${incMore.added} added, ${incMore.changed} changed)`,
          incMoreT,
          fullMoreT,
        ),
        row(
          `incremental relink after splitting a ${members.length}-node subject in half (${incSplit.relinkedNodes} nodes relinked)`,
          incSplitT,
          fullSplitT,
        ),
        row('full relink with that split', fullSplitT),
        {
          case: `in memory: link ${LARGE.toLocaleString('en')} nodes of one GUID, no decision (median of 5)`,
          ms: ms(memory.without),
        },
        {
          case: `in memory: the same with a 2,000 / 2,000 split (subjects: ${memory.sizes.join(' + ')}; ${(memory.with / memory.without).toFixed(2)} x the run without)`,
          ms: ms(memory.with),
        },
      ],
      notes: [
        `Synthetic: ${INSTALLATIONS.toLocaleString('en')} installations in Toronto (70% with a client id) plus one installation seen ${LARGE.toLocaleString('en')} times, 400 distinct files of which 300 known; imported through the real intake. One run each (a relink is minutes apart in production, not a hot loop). "ratio to full": against the full relink in the row named (same data, or 1,000 observations fewer). Node CPU time leaves out PostgreSQL's own work.`,
      ],
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await handle.close();
    await dropDatabase(url, name);
  }
}
