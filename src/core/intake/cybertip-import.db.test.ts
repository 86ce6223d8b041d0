import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '#test/clock.js';
import { createTestCore } from '#test/core.js';
import { MemoryHashMatcher } from '#test/hash-matcher.js';

const KNOWN_MD5 = '0cc175b9c0f1b6a831c399e269772661'; // md5("a")
const LATER_SHA1 = '86f7e437faa5a7fce15d1ddcb9eaeaea377667b8'; // sha1("a")
const matcher = new MemoryHashMatcher().add('md5', KNOWN_MD5, {
  hashSetId: 'set-tip',
  hashSetVersion: 2,
});

let core: Awaited<ReturnType<typeof createTestCore>>;
beforeAll(async () => {
  core = await createTestCore({ clock: fixedClock('2026-01-01T00:00:00Z'), hashMatcher: matcher });
});
afterAll(async () => core?.close());

function tip(name: string, xml: string) {
  const bytes = Buffer.from(xml);
  return core.intake.importFile({
    fileName: name,
    format: 'cybertip',
    sourceSha256: createHash('sha256').update(bytes).digest('hex'),
    open: async function* () {
      yield bytes;
    },
    mode: 'atomic',
  });
}

const fileDetails = (hashes: string) =>
  `<?xml version="1.0" encoding="UTF-8"?><fileDetails><reportId>9001</reportId><fileId>f-1</fileId>${hashes}</fileDetails>`;

const matchesOf = (hash: string) =>
  core.handle.db
    .selectFrom('cybertipFileMatch')
    .select(['hashType', 'hash', 'hashSetId', 'hashSetVersion', 'kind'])
    .where('hash', '=', hash)
    .execute();

describe('CyberTipline file hashes and hash-set matching', () => {
  it('records a known hash with its set version at import, and finds a hash that becomes known later', async () => {
    const summary = await tip(
      'tip-file.xml',
      fileDetails(
        `<originalFileHash hashType="MD5">${KNOWN_MD5.toUpperCase()}</originalFileHash><originalFileHash hashType="SHA1">${LATER_SHA1}</originalFileHash>`,
      ),
    );
    expect(summary).toMatchObject({ accepted: 1, matched: 1 });
    expect(await matchesOf(KNOWN_MD5)).toEqual([
      { hashType: 'md5', hash: KNOWN_MD5, hashSetId: 'set-tip', hashSetVersion: 2, kind: 'known' },
    ]);
    expect(await matchesOf(LATER_SHA1)).toEqual([]);

    matcher.add('sha1', LATER_SHA1, { hashSetId: 'set-later', hashSetVersion: 1 });
    const rematched = await core.intake.rematch({ reason: 'test' });
    expect(rematched.added).toBe(1);
    expect(await matchesOf(LATER_SHA1)).toEqual([
      {
        hashType: 'sha1',
        hash: LATER_SHA1,
        hashSetId: 'set-later',
        hashSetVersion: 1,
        kind: 'known',
      },
    ]);
    expect((await core.intake.rematch({ reason: 'test' })).added).toBe(0);
  });

  it('stores recipients and the reporting contact, and of victims only their count and ages', async () => {
    const xml = readFileSync(
      'test/fixtures/cybertipline-tools/buildReport__should-build-a-report-with-multiple-victims-and-recipients-1.xml',
      'utf8',
    );
    expect(await tip('victims.xml', xml)).toMatchObject({ accepted: 1, rejected: 0 });
    const doc = await core.handle.db
      .selectFrom('cybertipDocument')
      .select('content')
      .where('sourceFile', '=', 'victims.xml')
      .executeTakeFirstOrThrow();
    const content = (typeof doc.content === 'string' ? JSON.parse(doc.content) : doc.content) as {
      victims: unknown;
      intendedRecipients: Array<{ screenName: string }>;
      reporter: { lastName: string };
    };
    expect(content.victims).toEqual({ count: 2, ages: ['14', '15'] });
    expect(content.intendedRecipients.map((r) => r.screenName)).toEqual(['user1', 'user2']);
    expect(content.reporter.lastName).toBe('Davis');
    expect(JSON.stringify(content)).not.toContain('School');
  });
});
