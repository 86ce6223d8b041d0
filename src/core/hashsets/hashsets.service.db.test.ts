import initSqlJs from 'sql.js';
import { systemContext } from '#core/access/actor.js';
const CTX = systemContext('cli', 'test');
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ForbiddenContentError, ValidationError } from '#shared/errors.js';
import { createTestCore } from '#test/core.js';
import { bytesOf, md5Of, media, sha1Of, sha256Of, vics2, vicsCases } from '#test/hashsets.js';
import { HashsetsService, type HashSetChanged } from './hashsets.service.js';
import { NSRL_V2_HEADER } from './formats/nsrl-v2.js';

const EMPTY_MD5 = 'd41d8cd98f00b204e9800998ecf8427e';
let seq = 0;
const unique = (label: string) => `${label}-${++seq}-${Math.random().toString(36).slice(2, 8)}`;

type Core = Awaited<ReturnType<typeof createTestCore>>;

describe(HashsetsService.name, () => {
  let core: Core;
  let sut: HashsetsService;
  const events: HashSetChanged[] = [];
  beforeAll(async () => {
    core = await createTestCore();
    sut = core.hashsets;
    sut.onChanged((e) => events.push(e));
    await sut.loadIndex();
  });
  afterAll(async () => core.close());

  const importText = (fileName: string, text: string | Uint8Array, options = {}) =>
    sut.importHashSet(CTX, { fileName, stream: bytesOf(text, 4096) }, options);

  it('imports a VICS 2.0 set with the counts it states, and a second import changes nothing', async () => {
    const s = unique('vics');
    const file = vics2([
      media(`${s}a`, { AlternativeHashes: [{ HashName: 'SHA256', HashValue: sha256Of(`${s}a`) }] }),
      media(`${s}b`, { Category: 2, Series: 'Synthetic' }),
      media(`${s}c`, { MD5: 'nothex' }),
      media(`${s}a`),
    ]);
    const generation = sut.matcher.generation;
    const first = await importText(`${s}.json`, file);
    // a: md5+sha1+sha256, b: md5+sha1; the 4th Media repeats a's md5 and sha1.
    expect(first).toMatchObject({
      name: s,
      kind: 'known',
      format: 'vics',
      version: 1,
      isChanged: true,
      imported: 5,
      updated: 0,
      duplicates: 2,
      rejected: 1,
      removed: 0,
    });
    expect(first.errors).toEqual([
      { position: '$.value[2]', field: 'MD5', reason: 'MD5: md5 is not hexadecimal: "nothex"' },
    ]);
    expect(sut.matcher.generation).toBe(generation + 1);
    expect(events.at(-1)).toMatchObject({ hashSetId: first.hashSetId, version: 1 });

    const second = await importText(`${s}.json`, file);
    expect(second).toMatchObject({
      version: 1,
      isChanged: false,
      imported: 0,
      updated: 0,
      duplicates: 7,
      rejected: 1,
      removed: 0,
    });
    expect(sut.matcher.generation).toBe(generation + 1);
    const jobs = await core.handle.db
      .selectFrom('job')
      .select('payload')
      .where('name', '=', 'hashsets.changed')
      .execute();
    expect(jobs.filter((j) => String(j.payload).includes(first.hashSetId))).toHaveLength(1);

    expect(sut.matcher.matchExact('md5', md5Of(`${s}b`))).toEqual([
      {
        hashSetId: first.hashSetId,
        hashSetName: s,
        hashSetVersion: 1,
        kind: 'known',
        categoryScheme: 'vics_us',
        categoryCode: '2',
        series: 'Synthetic',
        victimIdentified: false,
        isDistributed: true,
      },
    ]);
    expect(sut.matcher.matchExact('sha256', sha256Of(`${s}a`))).toHaveLength(1);
    expect(sut.matcher.matchExact('btmh', sha256Of(`${s}a`))).toHaveLength(1);
    expect(sut.matcher.matchExact('md5', md5Of(`${s}c`))).toEqual([]);
    const many = sut.matchExactMany('md5', [md5Of(`${s}b`), md5Of(`${s}c`), md5Of(`${s}a`)]);
    expect(many).toEqual([
      sut.matcher.matchExact('md5', md5Of(`${s}b`)),
      [],
      sut.matcher.matchExact('md5', md5Of(`${s}a`)),
    ]);
    expect(many[2]).toHaveLength(1);
  });

  it('keeps provenance (version, file, position) on every entry', async () => {
    const s = unique('prov');
    const summary = await importText(
      `${s}.json`,
      vicsCases([{ caseId: 7, media: [media(`${s}x`, { MediaID: 123456789012345 })] }]),
    );
    const rows = await core.handle.db
      .selectFrom('hashEntry as e')
      .innerJoin('hashSetVersion as v', 'v.id', 'e.hashSetVersionId')
      .select(['e.hashType', 'e.sourcePosition', 'e.mediaId', 'v.sourceFileName', 'v.version'])
      .where('v.hashSetId', '=', summary.hashSetId)
      .orderBy('e.hashType')
      .execute();
    expect(rows).toEqual([
      {
        hashType: 'md5',
        sourcePosition: '$.value[0].Media[0]',
        mediaId: '123456789012345',
        sourceFileName: `${s}.json`,
        version: 1,
      },
      {
        hashType: 'sha1',
        sourcePosition: '$.value[0].Media[0]',
        mediaId: '123456789012345',
        sourceFileName: `${s}.json`,
        version: 1,
      },
    ]);
  });

  it('replaces a set with its newer version atomically: new, changed and removed entries', async () => {
    const s = unique('ver');
    await importText(`${s}.json`, vics2([media(`${s}1`), media(`${s}2`)]));
    const v2 = await importText(
      `${s}.json`,
      vics2([media(`${s}1`, { Category: 3 }), media(`${s}3`)]),
    );
    expect(v2).toMatchObject({
      version: 2,
      isChanged: true,
      imported: 2,
      updated: 2,
      duplicates: 0,
      removed: 2,
    });
    expect(sut.matcher.matchExact('md5', md5Of(`${s}2`))).toEqual([]);
    expect(sut.matcher.matchExact('md5', md5Of(`${s}1`))).toEqual([
      expect.objectContaining({ hashSetVersion: 2, categoryCode: '3' }),
    ]);
    const versions = await core.handle.db
      .selectFrom('hashSetVersion')
      .select(['version', 'status'])
      .where('hashSetId', '=', v2.hashSetId)
      .orderBy('version')
      .execute();
    expect(versions).toEqual([
      { version: 1, status: 'superseded' },
      { version: 2, status: 'active' },
    ]);
  });

  it('keeps conflicting categories from two sets with their provenance; benign never makes a match', async () => {
    const s = unique('conflict');
    const hash = `${s}shared`;
    await importText(`${s}-us.json`, vics2([media(hash, { Category: 1 })]));
    await importText(`${s}-uk.json`, vics2([media(hash, { Category: 3 })], 'UK'));
    await importText(`${s}-benign.md5`, `${md5Of(hash)}  x\n${md5Of(`${s}benign-only`)}  y\n`, {
      kind: 'benign',
    });
    const { results } = await sut.matchHashes(CTX, {
      hashes: [md5Of(hash), md5Of(`${s}benign-only`), EMPTY_MD5, 'nope'],
    });
    const [both, benignOnly, empty, invalid] = results;
    expect(both!.status).toBe('known');
    expect(both!.isAlsoBenign).toBe(true);
    expect(
      both!.matches.map((m) => `${m.hashSetName}:${m.categoryScheme}:${m.categoryCode}`),
    ).toEqual([`${s}-uk:caid_numeric:3`, `${s}-us:vics_us:1`]);
    expect(both!.primary?.hashSetName).toBe(`${s}-uk`);
    expect(both!.benign).toEqual([
      expect.objectContaining({ kind: 'benign', hashSetName: `${s}-benign` }),
    ]);
    expect(benignOnly).toMatchObject({ status: 'benign', primary: null, matches: [] });
    expect(empty).toMatchObject({ status: 'empty_file', matches: [] });
    expect(invalid).toMatchObject({ status: 'invalid' });
  });

  it('flags empty-file hashes instead of importing them', async () => {
    const s = unique('empty');
    const summary = await importText(
      `${s}.md5`,
      `${EMPTY_MD5}  empty.txt\n${md5Of(s)}  full.txt\n`,
      { kind: 'known' },
    );
    expect(summary).toMatchObject({ imported: 1, emptyFileHashes: 1, rejected: 0 });
    expect(sut.matcher.matchExact('md5', EMPTY_MD5)).toEqual([]);
  });

  it('imports an NSRL RDSv3 SQLite database and an RDSv2 NSRLFile.txt as benign', async () => {
    const SQL = await initSqlJs();
    const db = new SQL.Database();
    db.run(
      'create table FILE (sha256 text, sha1 text, md5 text, crc32 text, file_name text, file_size integer, package_id integer)',
    );
    const s = unique('nsrl');
    for (const name of ['a', 'b', 'a']) {
      db.run('insert into FILE values (?, ?, ?, ?, ?, ?, ?)', [
        sha256Of(s + name).toUpperCase(),
        sha1Of(s + name).toUpperCase(),
        md5Of(s + name).toUpperCase(),
        '00000000',
        `${name}.dll`,
        10,
        1,
      ]);
    }
    db.run('create view DISTINCT_HASH as select distinct sha256, sha1, md5, crc32 from FILE');
    const v3 = await importText(`${s}.db`, db.export());
    db.close();
    expect(v3).toMatchObject({ kind: 'benign', format: 'nsrl', imported: 6, rejected: 0 });
    expect(sut.matcher.matchExact('sha256', sha256Of(`${s}a`))).toEqual([
      expect.objectContaining({ kind: 'benign' }),
    ]);

    const v2 = await importText(
      `${s}-NSRLFile.txt`,
      `${NSRL_V2_HEADER}\n"${sha1Of(`${s}c`).toUpperCase()}","${md5Of(`${s}c`).toUpperCase()}","0","c.exe",1,1,"W",""\n`,
    );
    expect(v2).toMatchObject({ kind: 'benign', format: 'nsrl', imported: 2 });
    await expect(
      importText(`${s}-x.txt`, `${NSRL_V2_HEADER}\n`, { kind: 'known' }),
    ).rejects.toThrow(/NSRL is a known-benign set/);
  });

  it('refuses a file carrying imagery as a whole, with nothing applied', async () => {
    const s = unique('forbidden');
    const file = vics2([
      media(`${s}ok`),
      media(`${s}bad`, { Thumbnail: 'data:image/jpeg;base64,/9j/4AAQ' }),
    ]);
    const error = await importText(`${s}.json`, file).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ForbiddenContentError);
    expect((error as Error).message).toMatch(
      new RegExp(`^${s}\\.json: \\$\\.value\\[1\\]\\.Thumbnail`),
    );
    expect(sut.matcher.matchExact('md5', md5Of(`${s}ok`))).toEqual([]);
    expect((await sut.listHashSets(CTX)).some((x) => x.name === s)).toBe(false);
    const jpeg = Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46]);
    await expect(importText(`${s}.jpg`, jpeg)).rejects.toBeInstanceOf(ForbiddenContentError);
  });

  it('refuses a truncated file and keeps the previous version active', async () => {
    const s = unique('trunc');
    await importText(`${s}.json`, vics2([media(`${s}1`)]));
    const truncated = vics2([media(`${s}1`), media(`${s}2`)]).slice(0, -30);
    await expect(importText(`${s}.json`, truncated)).rejects.toBeInstanceOf(ValidationError);
    expect(sut.matcher.matchExact('md5', md5Of(`${s}1`))).toEqual([
      expect.objectContaining({ hashSetVersion: 1 }),
    ]);
    const loading = await core.handle.db
      .selectFrom('hashSetVersion')
      .select('id')
      .where('status', '=', 'loading')
      .execute();
    expect(loading).toEqual([]);
  });

  it('in strict mode refuses the whole file for one bad row', async () => {
    const s = unique('strict');
    const error = await importText(`${s}.md5`, `${md5Of(s)}  a\nabc  b\n`, {
      kind: 'known',
      isStrict: true,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).details).toEqual([
      { path: `${s}.md5: line 2: md5`, reason: 'md5 must be 32 hex digits, got 3' },
    ]);
    expect(sut.matcher.matchExact('md5', md5Of(s))).toEqual([]);
  });

  it('matches PDQ within the threshold, and sha1 given in base32', async () => {
    const s = unique('pdq');
    const base = sha256Of(s);
    const near = `${(parseInt(base[0]!, 16) ^ 0x7).toString(16)}${base.slice(1)}`; // 3 bits away
    await importText(`${s}.pdq`, `${base},90\n`, {
      kind: 'known',
      scheme: 'ncmec',
      category: 'B1',
    });
    const { results } = await sut.matchHashes(CTX, { hashes: [`pdq:${near}`], pdqMaxDistance: 2 });
    expect(results[0]!.status).toBe('none');
    const wide = await sut.matchHashes(CTX, { hashes: [`pdq:${near}`] });
    expect(wide.results[0]).toMatchObject({
      status: 'known',
      primary: {
        hashType: 'pdq',
        distance: 3,
        matchedHash: base,
        categoryScheme: 'ncmec',
        categoryCode: 'B1',
      },
    });

    await importText(`${s}.sha1`, `${sha1Of('abc')}  abc.txt\n`, { kind: 'known' });
    const b32 = await sut.matchHashes(CTX, {
      hashes: ['urn:sha1:VGMT4NSHA2AWVOR6EVYXQUGCNSONBWE5'],
    });
    expect(b32.results[0]!.status).toBe('known');
  });

  it('refuses a list that does not say what it holds unless its kind is given (nothing imported)', async () => {
    for (const [ext, text] of [
      ['md5', `${md5Of('kindless')}  a\n`],
      ['sha1', `${sha1Of('kindless')}  a\n`],
      ['sha256', `${sha256Of('kindless')}  a\n`],
      ['pdq', `${sha256Of('kindless-pdq')},90\n`],
    ] as const) {
      const s = unique(`kindless-${ext}`);
      const error = await importText(`${s}.${ext}`, text).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).details).toEqual([
        expect.objectContaining({ path: 'kind' }),
      ]);
      expect((await sut.listHashSets(CTX)).map((h) => h.name)).not.toContain(s);
    }
    expect(sut.matcher.matchExact('md5', md5Of('kindless'))).toEqual([]);
  });
});
