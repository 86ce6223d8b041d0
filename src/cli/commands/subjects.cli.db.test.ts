import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { testEngine } from '#test/db.js';
import { runCli } from '../main.js';

// The CLI opens its own embedded database in a data directory, so this file runs once (PGlite).
describe.skipIf(testEngine() === 'pg')('vigil rescore, queue, subject show', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vigil-cli-subjects-'));
  const dataDir = join(dir, 'data');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const cli = async (...args: string[]) => {
    const out: string[] = [];
    const code = await runCli(['node', 'vigil', ...args], {
      env: { VIGIL_DATA_DIR: dataDir, VIGIL_LOG_LEVEL: 'silent' },
      stdout: (s: string) => void out.push(s),
      stderr: () => undefined,
    });
    return { code, out: out.join('\n') };
  };

  it('scores an ingested log and shows the queue and one subject', async () => {
    expect((await cli('ingest', 'test/fixtures/intake/dirty.csv')).code).toBe(2);
    const rescore = await cli('rescore', '--json');
    expect(rescore.code).toBe(0);
    const result = JSON.parse(rescore.out) as { subjects: number; observations: number };
    expect(result.subjects).toBeGreaterThan(0);
    expect(result.subjects).toBeLessThanOrEqual(result.observations);

    const queue = await cli('queue', '--json', '--limit', '3');
    expect(queue.code).toBe(0);
    const page = JSON.parse(queue.out) as { total: number; items: Array<{ subjectKey: string }> };
    expect(page.total).toBe(result.subjects);
    expect(page.items.length).toBe(Math.min(3, result.subjects));

    const text = await cli('queue');
    expect(text.out).toContain('an assessment, rule set v2');
    const key = page.items[0]!.subjectKey;
    const show = await cli('subject', 'show', key);
    expect(show.code).toBe(0);
    expect(show.out).toContain(key);
    expect(show.out).toContain('timeline:');

    expect((await cli('subject', 'show', 'sub_00000000000000000000')).code).toBe(1);
    expect((await cli('queue', '--limit', '0')).code).toBe(2);
  });
});
