/**
 * GET /api/queue over 1M subjects on PostgreSQL: bulk-generates subjects, their scores, one
 * observation each and the members linking them (generate_series on the server, in a scratch
 * database), then times the real HTTP path (session auth, agency scope, count, page, places,
 * audit row) for typical filters and pages, against the bare page query as the baseline.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { sql } from 'kysely';
import { systemContext } from '#core/access/actor.js';
import type { Role } from '#core/access/roles.js';
import { createHttpApp } from '#http/app.js';
import { openPg } from '#platform/db/client.js';
import { migrateAsOwner } from '#platform/db/migrate.js';
import { buildCore, type Core } from '#src/app.js';
import { databaseUrl, dropDatabase } from '#test/pg-admin.js';
import type { BenchResult } from './run.js';

const SUBJECTS = Number(process.env.VIGIL_BENCH_SUBJECTS ?? 1_000_000);
const REQUESTS = 150;
const WARMUP = 15;
const HOT = 50;
const CLI = systemContext('cli', 'bench');

/** 20 agencies, skewed like a province: one holds 30%, four 10% each, the rest share 30%. */
const AGENCY = `case when i % 100 < 30 then 'ON-TPS'
  when i % 100 < 70 then 'ON-A' || ((i % 100) / 10)
  when i % 100 < 99 then 'ON-B' || (i % 15)
  else 'ON-SMALL' end`;

export async function generate(core: Core): Promise<number> {
  const db = core.handle.db;
  const t0 = performance.now();
  await sql`insert into import_journal (id, file_sha256, file_name, format, status)
    values ('00000000-0000-4000-8000-000000000001', repeat('0', 64), 'bench.csv', 'p2p-csv', 'done')`.execute(
    db,
  );
  // Scores: a long tail, as lead priority is (most subjects score low, few score high).
  await sql`insert into subject (key, agency_code, first_seen, last_seen, observation_count,
      tip_person_count, link_count, updated_at, rule_set_version, score, max_score,
      attribution_level, attribution_confidence, attribution_flags, top_reasons, scored_at)
    select 'sub_' || substr(md5(i::text), 1, 20), ${sql.raw(AGENCY)},
      timestamptz '2024-01-01' + (i % 300) * interval '1 day',
      timestamptz '2024-01-01' + (i % 300 + i % 30) * interval '1 day',
      1 + i % 7, i % 3, i % 5, now(), 1,
      round((100 * power(random(), 3))::numeric, 2)::float8, 100,
      (array['high', 'medium', 'low'])[1 + i % 3], round(random()::numeric, 3)::float8,
      case when i % 17 = 0 then array['tor'] else '{}' end,
      '[{"ruleId":"category_severity","points":12,"reason":"Most severe known category: caid A"},{"ruleId":"distribution_verified","points":6.5,"reason":"4 known files downloaded and verified"},{"ruleId":"recency","points":3.1,"reason":"Last seen with known material 21 days before"}]',
      now()
    from generate_series(1, ${SUBJECTS}) i`.execute(db);
  await sql`insert into subject_score (subject_key, rule_set_version, score, max_score, explanation,
      evidence_as_of, attribution_level, attribution_confidence, attribution_flags, scored_at)
    select key, 1, score, max_score, '{"isAssessment":true,"matched":[]}', now(),
      attribution_level, attribution_confidence, attribution_flags, now()
    from subject`.execute(db);
  // Places (IPs, ISP, municipality) come from members' observations: generated for every subject
  // scoring at least HOT (about 1 in 5), which covers every page the cases below read.
  await sql`insert into observation (id, observed_at, observed_offset, network, ip, port, client_id,
      hash_type, hash, evidence_kind, observer, import_id, source_file, source_line, city, as_org,
      agency_code)
    select encode(sha256(h.key::bytea), 'hex'), timestamptz '2024-01-01' + (i % 300) * interval '1 day',
      'Z', 'gnutella', '24.' || (i % 250) || '.' || (i / 250 % 250) || '.' || (1 + i % 200), 6346,
      md5(h.key), 'sha1', repeat('a', 40), 'query_hit', 'bench',
      '00000000-0000-4000-8000-000000000001', 'bench.csv', i, 'Toronto', 'Rogers', h.agency_code
    from (select row_number() over () as i, key, agency_code from subject where score >= ${HOT}) h`.execute(
    db,
  );
  await sql`insert into subject_member (node_ref, subject_key, observation_id)
    select 'obs:' || encode(sha256(key::bytea), 'hex'), key, encode(sha256(key::bytea), 'hex')
    from subject where score >= ${HOT}`.execute(db);
  // What relink stores for a subject observed in 'Toronto' (municipalityKeys, migration 0012).
  await sql`update subject set municipalities = array['toronto'] where score >= ${HOT}`.execute(db);
  await sql`vacuum analyze`.execute(db);
  return performance.now() - t0;
}

async function agencyCookie(core: Core, code: string | null, roles: Role[]): Promise<string> {
  const org = await core.organisations.createOrganisation(CLI, {
    kind: 'agency',
    code: code ?? `ADMIN-${randomBytes(3).toString('hex').toUpperCase()}`,
    name: code ?? 'admins',
    jurisdiction: '',
  });
  const created = await core.users.createUser(CLI, {
    organisationId: org.id,
    username: `bench${randomBytes(4).toString('hex')}`,
    displayName: 'Bench User',
    roles,
    password: 'correct horse battery staple',
  });
  const token = await core.handle.db
    .transaction()
    .execute((trx) => core.sessions.open(trx, created.user.id, true));
  return `vigil_session=${token}`;
}

const fmt = (x: number) => x.toFixed(1);

function percentiles(times: number[]) {
  const sorted = [...times].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)]!;
  return { p50: at(0.5), p95: at(0.95), p99: at(0.99) };
}

async function time(fn: () => Promise<void>): Promise<ReturnType<typeof percentiles>> {
  for (let i = 0; i < WARMUP; i++) await fn();
  const times: number[] = [];
  for (let i = 0; i < REQUESTS; i++) {
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
  }
  return percentiles(times);
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
  try {
    await migrateAsOwner(handle);
    const core = buildCore(handle, {
      security: { argon2: { memoryCost: 1024, timeCost: 1, parallelism: 1 } },
    });
    const generateMs = await generate(core);
    const hot = Number(
      (await sql<{ n: string }>`select count(*) as n from subject_member`.execute(handle.db))
        .rows[0]!.n,
    );
    const app = createHttpApp(core);
    const cookies = {
      admin: await agencyCookie(core, null, ['system_admin']),
      toronto: await agencyCookie(core, 'ON-TPS', ['analyst']),
      small: await agencyCookie(core, 'ON-SMALL', ['analyst']),
    };
    const get = (cookie: string, query: string) => async () => {
      const res = await app.request(`http://localhost/api/queue?${query}`, { headers: { cookie } });
      if (res.status !== 200) throw new Error(`bench: ${res.status} ${await res.text()}`);
      await res.arrayBuffer();
    };
    const baseline = await time(async () => {
      await handle.db
        .selectFrom('subject')
        .selectAll()
        .where('score', 'is not', null)
        .orderBy('score', (ob) => ob.desc().nullsLast())
        .orderBy('attributionConfidence', (ob) => ob.desc().nullsLast())
        .orderBy('key')
        .limit(50)
        .execute();
    });
    const cases: Array<[string, () => Promise<void>]> = [
      ['system admin, all agencies, first page of 50', get(cookies.admin, 'limit=50')],
      ['analyst of the largest agency (30%), first page', get(cookies.toronto, 'limit=50')],
      ['same, page 101 (offset 5,000)', get(cookies.toronto, 'limit=50&offset=5000')],
      [
        'same, minScore=40 and attribution=high',
        get(cookies.toronto, 'minScore=40&attribution=high'),
      ],
      ['same, flag=tor (1 subject in 17)', get(cookies.toronto, 'flag=tor')],
      [
        'same, municipality=Toronto (members of 1 subject in 5)',
        get(cookies.toronto, 'municipality=Toronto'),
      ],
      ['analyst of a small agency (1%), first page', get(cookies.small, 'limit=50')],
      [
        'system admin, one agency (agency=ON-A4), 200 rows',
        get(cookies.admin, 'agency=ON-A4&limit=200'),
      ],
    ];
    const rows: BenchResult['rows'] = [
      {
        case: 'bare page query over Kysely (baseline: no HTTP, auth, count, places or audit)',
        'p50 ms': fmt(baseline.p50),
        'p95 ms': fmt(baseline.p95),
        'p99 ms': fmt(baseline.p99),
      },
    ];
    // What every request pays whatever it asks: HTTP, session authentication (a session touch).
    const fixed = await time(async () => {
      const res = await app.request('http://localhost/api/auth/me', {
        headers: { cookie: cookies.toronto },
      });
      await res.arrayBuffer();
    });
    rows.push({
      case: 'GET /api/auth/me (HTTP + session authentication only: the fixed cost)',
      'p50 ms': fmt(fixed.p50),
      'p95 ms': fmt(fixed.p95),
      'p99 ms': fmt(fixed.p99),
      'p95 ratio to baseline': (fixed.p95 / baseline.p95).toFixed(1),
    });
    const service = await time(async () => {
      await core.subjects.queue(CLI, { agency: 'ON-TPS', limit: 50 });
    });
    rows.push({
      case: 'core.subjects.queue, largest agency, first page (no HTTP or auth; with its audit row)',
      'p50 ms': fmt(service.p50),
      'p95 ms': fmt(service.p95),
      'p99 ms': fmt(service.p99),
      'p95 ratio to baseline': (service.p95 / baseline.p95).toFixed(1),
    });
    for (const [label, fn] of cases) {
      const p = await time(fn);
      rows.push({
        case: `GET /api/queue: ${label}`,
        'p50 ms': fmt(p.p50),
        'p95 ms': fmt(p.p95),
        'p99 ms': fmt(p.p99),
        'p95 ratio to baseline': (p.p95 / baseline.p95).toFixed(1),
      });
    }
    return {
      suite: `Subjects: GET /api/queue over ${SUBJECTS.toLocaleString('en')} subjects (PostgreSQL)`,
      rows,
      notes: [
        `Data generated on the server with generate_series in ${(generateMs / 1000).toFixed(0)} s (then VACUUM ANALYZE): ${SUBJECTS.toLocaleString('en')} subjects over 20 agencies (30% / 4 x 10% / 15 sharing 29% / 1%) with a long-tailed score, as many subject_score rows, and one observation and subject_member for each subject scoring 50 or more (${hot.toLocaleString('en')}).`,
        `Each case: ${WARMUP} warm-up requests, then ${REQUESTS} sequential requests in-process through the Hono app with a session cookie: authentication, route policy, agency scope, count, page, places of the page's subjects and the audit row (hash-chained, in the same transaction).`,
      ],
    };
  } finally {
    await handle.close();
    await dropDatabase(url, name);
  }
}
