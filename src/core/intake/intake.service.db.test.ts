import { CLI } from '#test/security.js';
import { createReadStream, readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ForbiddenContentError, ValidationError } from '#shared/errors.js';
import { fixedClock } from '#test/clock.js';
import { createTestCore } from '#test/core.js';
import { MemoryHashMatcher } from '#test/hash-matcher.js';
import { IntakeService } from './intake.service.js';
import type { Format } from './intake.schema.js';

const DIRTY = 'test/fixtures/intake/dirty.csv';
const sha = (text: string | Buffer) => createHash('sha256').update(text).digest('hex');

const matcher = new MemoryHashMatcher()
  // sha1("abc"), the Gnutella example of the spec: a known file.
  .add('sha1', 'a9993e364706816aba3e25717850c26c9cd0d89d', {
    hashSetId: 'set-a',
    hashSetVersion: 3,
    series: 'synthetic-series',
  })
  // md5("abc"): only in a benign set, so never a "matched" observation.
  .add('md5', '900150983cd24fb0d6963f7d28e17f72', {
    hashSetId: 'nsrl',
    kind: 'benign',
    categoryScheme: null,
    categoryCode: null,
  });

let core: Awaited<ReturnType<typeof createTestCore>>;
// The first import of the dirty corpus, done once before any test (tests may run shuffled).
let first: Awaited<ReturnType<IntakeService['importFile']>>;
const firstRejected: string[] = [];
beforeAll(async () => {
  core = await createTestCore({ clock: fixedClock('2026-01-01T00:00:00Z'), hashMatcher: matcher });
  first = await core.intake.importFile(
    fileInput(DIRTY, 'p2p-csv', { onRejected: (r) => firstRejected.push(`${r.line}:${r.field}`) }),
  );
});
afterAll(async () => core?.close());

function fileInput(
  path: string,
  format: Format,
  extra: Partial<Parameters<IntakeService['importFile']>[0]> = {},
) {
  return {
    fileName: path.split('/').pop()!,
    format,
    sourceSha256: sha(readFileSync(path)),
    open: () => createReadStream(path),
    mode: 'resumable' as const,
    ...extra,
  };
}

function bufferInput(name: string, bytes: Buffer, format: Format = 'p2p-csv') {
  return {
    fileName: name,
    format,
    sourceSha256: sha(bytes),
    open: async function* () {
      yield bytes;
    },
    mode: 'resumable' as const,
  };
}

describe(IntakeService.name, () => {
  it('imports the dirty corpus with exactly its known counts, then everything again as duplicates', async () => {
    // Four stored rows carry sha1("abc") (known); md5("abc") is only benign and does not count.
    expect(first).toMatchObject({
      accepted: 10,
      duplicates: 4,
      rejected: 21,
      matched: 4,
      resumed: false,
    });
    expect(firstRejected).toContain('9:ip');
    expect(firstRejected).toContain('36:evidence_kind');
    const second = await core.intake.importFile(fileInput(DIRTY, 'p2p-csv'));
    expect(second).toMatchObject({ accepted: 0, duplicates: 14, rejected: 21, matched: 0 });
    const quarantined = await core.quarantine.list(CLI.actor, {
      importId: first.importId,
      includeResolved: true,
      limit: 100,
      offset: 0,
    });
    expect(quarantined).toHaveLength(21);
    // The second run adds no second copy of a quarantined line.
    const all = await sql<{
      n: number;
    }>`select count(*)::int as n from quarantine where file_name = 'dirty.csv'`.execute(
      core.handle.db,
    );
    expect(all.rows[0]!.n).toBe(21);
  });

  it('keeps canonical values, the original offset, source line and matched hash-set version', async () => {
    const rows = await core.handle.db
      .selectFrom('observation')
      .selectAll()
      .where('sourceFile', '=', 'dirty.csv')
      .orderBy('sourceLine')
      .execute();
    const btih = rows.find((r) => r.hashType === 'btih')!;
    expect(btih).toMatchObject({
      ip: '142.51.1.1',
      observedOffset: '-04:00',
      sourceLine: 4,
      port: 51413,
    });
    expect(btih.observedAt.toISOString()).toBe('2015-03-02T14:09:40.000Z');
    expect(rows.find((r) => r.hashType === 'btmh')!.hash).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
    expect(rows.find((r) => r.sourceLine === 6)!.ip).toBe('142.51.1.2');
    expect(rows.find((r) => r.hashType === 'sha256')!.ip).toBe('2001:db8::1');
    expect(rows.some((r) => r.fileName === '=HYPERLINK("http://example.invalid")')).toBe(true);
    const matches = await core.handle.db
      .selectFrom('observationMatch')
      .selectAll()
      .where(
        'observationId',
        'in',
        rows.map((r) => r.id),
      )
      .execute();
    const atIngest = matches.filter((m) => m.hashSetId !== 'set-b'); // set-b arrives by re-matching
    expect(atIngest.map((m) => `${m.hashSetId}@${m.hashSetVersion}:${m.kind}`).sort()).toEqual([
      'nsrl@1:benign',
      ...Array(4).fill('set-a@3:known'),
    ]);
    expect(matches.find((m) => m.kind === 'known')).toMatchObject({
      series: 'synthetic-series',
      categoryScheme: 'vics-us',
    });
  });

  it('places 142.51.1.1 in Greater Sudbury and assigns it to the Greater Sudbury Police Service', async () => {
    const row = await core.handle.db
      .selectFrom('observation')
      .selectAll()
      .where('ip', '=', '142.51.1.1')
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      countryCode: 'CA',
      region: 'Ontario',
      agencyCode: 'ON-GSPS',
      unassignedReason: null,
    });
    expect(row.city).toMatch(/Greater Sudbury/);
    expect(row.asn).toBeGreaterThan(0);
  });

  it('leaves special-purpose and CGNAT addresses unassigned with the reason', async () => {
    const rows = await core.handle.db
      .selectFrom('observation')
      .select(['ip', 'ipFlags', 'agencyCode', 'unassignedReason'])
      .where('ip', 'in', ['10.1.2.3', '100.64.1.1', '2001:db8::1'])
      .execute();
    expect(rows).toHaveLength(3);
    for (const r of rows) expect(r.agencyCode).toBeNull();
    expect(rows.find((r) => r.ip === '100.64.1.1')).toMatchObject({ ipFlags: ['cgnat'] });
    expect(rows.find((r) => r.ip === '10.1.2.3')!.unassignedReason).toMatch(/private/);
  });

  it('never edits a stored observation (a trigger refuses UPDATE and DELETE)', async () => {
    await expect(sql`update observation set port = 1`.execute(core.handle.db)).rejects.toThrow(
      /never updated/,
    );
    await expect(sql`delete from observation`.execute(core.handle.db)).rejects.toThrow(
      /never updated/,
    );
  });

  it('reads JSON Lines, rejecting duplicate keys, prototype keys and unknown fields', async () => {
    const lines = [
      '{"observed_at":"2017-01-01T00:00:00Z","network":"kad","ip":"142.51.9.9","port":4672,"hash_type":"ed2k","hash":"a448017aaf21d8525fc10ae87aa6729d","evidence_kind":"query_hit","observer":"s-9"}',
      '{"observed_at":"2017-01-01T00:00:00Z","observed_at":"2017-01-02T00:00:00Z","network":"kad","ip":"142.51.9.9","port":4672,"hash_type":"ed2k","hash":"a448017aaf21d8525fc10ae87aa6729d","evidence_kind":"query_hit","observer":"s-9"}',
      '{"__proto__":{"x":1},"observed_at":"2017-01-01T00:00:00Z"}',
      '{"observed_at":"2017-01-01T00:00:00Z","colour":"red"}',
      '{"observed_at":',
      '',
      '{"observed_at":"2017-01-01T00:00:00Z","network":"kad","ip":"142.51.9.9","port":"4672","hash_type":"ed2k","hash":"A448017AAF21D8525FC10AE87AA6729D","evidence_kind":"query_hit","observer":"s-9"}',
    ];
    const summary = await core.intake.importFile(
      bufferInput('x.jsonl', Buffer.from(lines.join('\n')), 'p2p-jsonl'),
    );
    expect(summary).toMatchObject({ accepted: 1, duplicates: 1, rejected: 4 });
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });

  it('reads gzip input and refuses a gzip bomb, a truncated gzip and a bad header', async () => {
    const { gzipSync } = await import('node:zlib');
    const csv = readFileSync(DIRTY);
    const ok = await core.intake.importFile(bufferInput('dirty.csv.gz', gzipSync(csv)));
    expect(ok).toMatchObject({ accepted: 0, duplicates: 14, rejected: 21 });
    const bomb = gzipSync(
      Buffer.concat([csv.subarray(0, 120), Buffer.alloc(50 * 1024 * 1024, 0x20)]),
    );
    await expect(core.intake.importFile(bufferInput('bomb.csv.gz', bomb))).rejects.toThrow(
      /expands more than 100/,
    );
    await expect(
      core.intake.importFile(bufferInput('cut.csv.gz', gzipSync(csv).subarray(0, 200))),
    ).rejects.toBeInstanceOf(ValidationError);
    await expect(
      core.intake.importFile(bufferInput('bad.csv', Buffer.from('observed_at;network\n1;2\n'))),
    ).rejects.toThrow(/bad header/);
    await expect(core.intake.importFile(bufferInput('empty.csv', Buffer.alloc(0)))).rejects.toThrow(
      /header row missing/,
    );
  });

  it('rejects imagery, archives and embedded base64 whole, storing nothing', async () => {
    const before = await sql<{ n: number }>`select count(*)::int as n from import_journal`.execute(
      core.handle.db,
    );
    const jpeg = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(100)]);
    await expect(
      core.intake.importFile({ ...bufferInput('photo.csv', jpeg), mode: 'atomic' }),
    ).rejects.toBeInstanceOf(ForbiddenContentError);
    const zip = Buffer.from('PK\u0003\u0004rest', 'latin1');
    await expect(
      core.intake.importFile({ ...bufferInput('a.csv', zip), mode: 'atomic' }),
    ).rejects.toBeInstanceOf(ForbiddenContentError);
    const blob = Buffer.from(
      `${readFileSync(DIRTY, 'utf8').split('\n')[0]}\n2015-03-02T14:05:11Z,gnutella,1.2.3.4,1,,,md5,${'QUJD'.repeat(400)},,,query_hit,s\n`,
    );
    await expect(
      core.intake.importFile({ ...bufferInput('b.csv', blob), mode: 'atomic' }),
    ).rejects.toBeInstanceOf(ForbiddenContentError);
    const uri = Buffer.from(`observed_at,file_name\nx,data:image/png;base64,AAAA\n`);
    await expect(
      core.intake.importFile({ ...bufferInput('c.csv', uri), mode: 'atomic' }),
    ).rejects.toBeInstanceOf(ForbiddenContentError);
    const after = await sql<{ n: number }>`select count(*)::int as n from import_journal`.execute(
      core.handle.db,
    );
    expect(after.rows[0]!.n).toBe(before.rows[0]!.n);
  });

  it('in strict mode stops at the first bad row and commits nothing', async () => {
    const text = readFileSync(DIRTY, 'utf8').replaceAll('station-3', 'station-strict');
    const before = await sql<{ n: number }>`select count(*)::int as n from observation`.execute(
      core.handle.db,
    );
    await expect(
      core.intake.importFile({ ...bufferInput('strict.csv', Buffer.from(text)), strict: true }),
    ).rejects.toThrow(/strict.csv:9: ip/);
    const after = await sql<{ n: number }>`select count(*)::int as n from observation`.execute(
      core.handle.db,
    );
    expect(after.rows[0]!.n).toBe(before.rows[0]!.n);
  });

  it('re-matches stored observations when a file becomes known later (idempotently)', async () => {
    matcher.add('ed2k', 'a448017aaf21d8525fc10ae87aa6729d', {
      hashSetId: 'set-b',
      hashSetVersion: 1,
    });
    const job = await core.intake.requestRematch();
    expect(job.isDuplicate).toBe(false);
    const rematched = await core.intake.rematch({ reason: 'test' });
    expect(rematched.added).toBeGreaterThanOrEqual(1); // at least dirty.csv's eD2k row
    const again = await core.intake.rematch({ reason: 'test' });
    expect(again.added).toBe(0);
    const rows = await core.handle.db
      .selectFrom('observationMatch')
      .select('observationId')
      .where('hashSetId', '=', 'set-b')
      .execute();
    expect(rows.length).toBeGreaterThanOrEqual(rematched.added);
  });
});

const torLine = (t: string) =>
  `${t},gnutella,142.51.77.77,6346,,,md5,900150983cd24fb0d6963f7d28e17f72,,,query_hit,tor-test`;

describe('quarantine and Tor', () => {
  it('re-imports a fixed quarantined row with its original file and line', async () => {
    const rows = await core.quarantine.list(CLI.actor, {
      includeResolved: false,
      limit: 1000,
      offset: 0,
    });
    const leading = rows.find((r) => r.fileName === 'dirty.csv' && r.line === 9)!;
    expect(leading.raw).toContain('010.1.1.1');
    // Also a hash no test set knows, so the other tests' match counts stay exact.
    const fixed = leading.raw
      .replace('010.1.1.1', '10.1.1.1')
      .replace('VGMT4NSHA2AWVOR6EVYXQUGCNSONBWE5', '3I42H3S6NNFQ2MSVX7XZKYAYSCX5QBYJ');
    const csv = `id,raw\n${leading.id},"${fixed.replaceAll('"', '""')}"\n`;
    const result = await core.quarantine.reimport(
      CLI.actor,
      (async function* () {
        yield Buffer.from(csv);
      })(),
      'fixed.csv',
    );
    expect(result).toMatchObject({ accepted: 1, duplicates: 0, stillRejected: [] });
    const stored = await core.handle.db
      .selectFrom('observation')
      .selectAll()
      .where('ip', '=', '10.1.1.1')
      .executeTakeFirstOrThrow();
    expect(stored).toMatchObject({ sourceFile: 'dirty.csv', sourceLine: 9 });
    const after = await core.quarantine.list(CLI.actor, {
      includeResolved: false,
      limit: 1000,
      offset: 0,
    });
    expect(after.some((r) => r.id === leading.id)).toBe(false);
  });

  it('flags an address that was a Tor exit at that time, from an imported TorDNSEL list', async () => {
    const list =
      'ExitNode 0011BD2485AD45D984EC4159C88FC066E5E3300E\nPublished 2018-05-01 10:00:00\nLastStatus 2018-05-01 11:00:00\nExitAddress 142.51.77.77 2018-05-01 11:04:17\n';
    expect(await core.attribution.importTorList(list)).toMatchObject({ entries: 1, inserted: 1 });
    const text = `observed_at,network,ip,port,client_id,client_name,hash_type,hash,file_name,file_size,evidence_kind,observer\n${torLine('2018-05-01T12:00:00Z')}\n${torLine('2018-06-01T12:00:00Z')}\n`;
    await core.intake.importFile(bufferInput('tor.csv', Buffer.from(text)));
    const rows = await core.handle.db
      .selectFrom('observation')
      .select(['observedAt', 'ipFlags', 'agencyCode', 'unassignedReason'])
      .where('observer', '=', 'tor-test')
      .orderBy('observedAt')
      .execute();
    expect(rows[0]).toMatchObject({
      ipFlags: ['tor'],
      agencyCode: null,
      unassignedReason: expect.stringMatching(/Tor exit/),
    });
    expect(rows[1]).toMatchObject({ ipFlags: [], agencyCode: 'ON-GSPS' });
  });

  it('registers the intake.rematch job handler', () => {
    expect(core.jobHandlers['intake.rematch']).toBeDefined();
  });
});

describe('rows PostgreSQL text cannot hold', () => {
  it('quarantines a row with a NUL byte, JSON-escaped, instead of failing the import', async () => {
    const header = 'observed_at,network,ip,port,hash_type,hash,evidence_kind,observer';
    const text = `${header}\n2019-01-01T00:00:00Z,gnutella,142.51.1.9,6346,md5,900150983cd24fb0d6963f7d28e17f72,query_hit,nul\u0000station\n`;
    const summary = await core.intake.importFile(bufferInput('nul.csv', Buffer.from(text)));
    expect(summary).toMatchObject({ accepted: 0, rejected: 1 });
    const row = await core.handle.db
      .selectFrom('quarantine')
      .selectAll()
      .where('importId', '=', summary.importId)
      .executeTakeFirstOrThrow();
    expect(row.rawEncoding).toBe('json');
    expect(JSON.parse(row.raw)).toContain('nul\u0000station');
  });
});
