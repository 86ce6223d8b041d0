import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { testEngine } from '#test/db.js';
import { md5Of, media, vics2 } from '#test/hashsets.js';
import { runCli } from '../main.js';

// The CLI opens its own embedded database in a data directory, so this file runs once (PGlite).
// Every command opens (and closes) that database: allow for a slow, shared machine.
const SLOW = 180_000;
describe.skipIf(testEngine() === 'pg')('vigil hashsets import / vigil match', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vigil-cli-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  async function cli(...args: string[]) {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runCli(['node', 'vigil', ...args], {
      env: { VIGIL_DATA_DIR: join(dir, 'data'), VIGIL_LOG_LEVEL: 'silent' },
      stdout: (t) => out.push(t),
      stderr: (t) => err.push(t),
    });
    return { code, stdout: out.join(''), stderr: err.join('') };
  }

  it(
    'imports the simulator shapes (VICS 2.0 US and an md5sum benign list), then matches',
    async () => {
      const known = join(dir, 'known.vics.json');
      writeFileSync(known, vics2([media('cli-1', { Category: 1, Series: 'S1' }), media('cli-2')]));
      const first = await cli('hashsets', 'import', known, '--json');
      expect(first.code).toBe(0);
      expect(JSON.parse(first.stdout)).toMatchObject({
        name: 'known',
        imported: 4,
        updated: 0,
        duplicates: 0,
        rejected: 0,
      });
      const again = await cli('hashsets', 'import', known, '--json');
      expect(JSON.parse(again.stdout)).toMatchObject({
        imported: 0,
        updated: 0,
        duplicates: 4,
        rejected: 0,
        isChanged: false,
      });

      const benign = join(dir, 'benign.md5');
      writeFileSync(benign, `${md5Of('cli-benign')}  system32/ok.dll\nnot-a-hash  bad\n`);
      // An md5sum list does not say what it holds: without --kind nothing is imported.
      const kindless = await cli('hashsets', 'import', benign, '--json');
      expect(kindless.code).toBe(2);
      expect(kindless.stderr).toMatch(/kind: required for md5sum/);
      expect((await cli('hashsets', 'list', '--json')).stdout).not.toMatch(/"benign"/);
      const withReject = await cli('hashsets', 'import', benign, '--kind', 'benign', '--json');
      expect(withReject.code).toBe(2);
      expect(JSON.parse(withReject.stdout)).toMatchObject({
        kind: 'benign',
        imported: 1,
        rejected: 1,
        errors: [{ position: 'line 2' }],
      });
      expect(withReject.stderr).toMatch(/1 rows of .*benign\.md5 were rejected/);

      const match = await cli(
        'match',
        md5Of('cli-1'),
        md5Of('cli-benign'),
        md5Of('nothing'),
        '--json',
      );
      expect(match.code).toBe(0);
      const { results } = JSON.parse(match.stdout) as {
        results: Array<{ status: string; primary: unknown }>;
      };
      expect(results.map((r) => r.status)).toEqual(['known', 'benign', 'none']);
      expect(results[0]!.primary).toMatchObject({
        categoryScheme: 'vics_us',
        categoryCode: '1',
        series: 'S1',
        hashSetName: 'known',
      });

      const text = await cli('match', md5Of('cli-1'));
      expect(text.stdout).toMatch(/known known v1 md5 category vics_us:1 series "S1"/);
    },
    SLOW,
  );

  it(
    'round trip: the VICS set `vigil simulate` writes imports with the counts its truth states, and again with no change',
    async () => {
      const world = join(dir, 'world');
      expect((await cli('simulate', '--out', world, '--seed', '4', '--scale', 'tiny')).code).toBe(
        0,
      );
      const file = join(world, 'hashsets', 'known.vics.json');
      const truth = JSON.parse(readFileSync(join(world, 'truth.json'), 'utf8')) as {
        summary: { knownMedia: number };
        files: Record<string, { items: number }>;
      };
      const written = (
        JSON.parse(readFileSync(file, 'utf8')) as { value: Array<Record<string, unknown>> }
      ).value;
      expect(written).toHaveLength(truth.summary.knownMedia);
      expect(truth.files['hashsets/known.vics.json']!.items).toBe(truth.summary.knownMedia);
      // An entry per hash: MD5, SHA1 and, where the set carries it, the eD2k alternative hash.
      const entries = written.reduce(
        (n, m) => n + 2 + (Array.isArray(m.AlternativeHashes) ? m.AlternativeHashes.length : 0),
        0,
      );
      const first = await cli('hashsets', 'import', file, '--name', 'simulated', '--json');
      expect(first.code).toBe(0);
      expect(JSON.parse(first.stdout)).toMatchObject({
        format: 'vics',
        isChanged: true,
        imported: entries,
        rejected: 0,
      });
      const again = await cli('hashsets', 'import', file, '--name', 'simulated', '--json');
      expect(again.code).toBe(0);
      expect(JSON.parse(again.stdout)).toMatchObject({
        isChanged: false,
        imported: 0,
        rejected: 0,
      });
    },
    SLOW,
  );

  it(
    'exits 2 with the position for a file-level error and 2 for forbidden content',
    async () => {
      const bad = join(dir, 'bad.json');
      writeFileSync(
        bad,
        '{"odata.metadata":"http://github.com/ICMEC/ProjectVic/DataModels/1.3.xml#Media","value":[{"MD5":1,}]}',
      );
      const res = await cli('hashsets', 'import', bad);
      expect(res.code).toBe(2);
      expect(res.stderr).toMatch(/bad\.json: invalid JSON at \$\.value\[0\] \(byte \d+\)/);
      const image = join(dir, 'photo.png');
      writeFileSync(image, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
      const png = await cli('hashsets', 'import', image);
      expect(png.code).toBe(2);
      expect(png.stderr).toMatch(/PNG/);
      expect((await cli('hashsets', 'import', join(dir, 'missing.txt'))).code).toBe(2);
    },
    SLOW,
  );
});
