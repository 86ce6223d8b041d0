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
  }, 180_000);

  it('merges two subjects and splits them again, each decision kept across rescores', async () => {
    const page = JSON.parse((await cli('queue', '--json', '--limit', '2')).out) as {
      items: Array<{ subjectKey: string }>;
    };
    const [a, b] = page.items.map((i) => i.subjectKey);
    expect((await cli('subject', 'merge', a!, b!, '--reason', 'x')).code).toBe(2);
    const merged = await cli('subject', 'merge', a!, b!, '--reason', 'same household', '--json');
    expect(merged.code).toBe(0);
    const result = JSON.parse(merged.out) as {
      decision: { refs: string[] };
      resultingSubjects: string[];
    };
    expect(result.resultingSubjects).toHaveLength(1);
    const key = result.resultingSubjects[0]!;
    expect((await cli('rescore', '--json')).code).toBe(0);
    const show = JSON.parse((await cli('subject', 'show', key, '--json')).out) as {
      counts: { observations: number; tipPersons: number };
      decisions: Array<{ kind: string }>;
    };
    expect(show.decisions.map((d) => d.kind)).toEqual(['merge']);
    expect(show.counts.observations + show.counts.tipPersons).toBe(result.decision.refs.length);

    const out = result.decision.refs[0]!;
    const text = await cli(
      'subject',
      'split',
      key,
      '--members',
      out,
      '--reason',
      'x',
      '--no-rescore',
    );
    expect(text.code).toBe(2);
    const split = await cli(
      'subject',
      'split',
      key,
      '--members',
      out,
      '--reason',
      'not one',
      '--json',
    );
    expect(split.code).toBe(0);
    const parts = (JSON.parse(split.out) as { resultingSubjects: string[] }).resultingSubjects;
    // The member that went out is a subject of its own; the rest stays merged.
    expect(parts).toHaveLength(2);
    expect((await cli('rescore', '--json')).code).toBe(0);
    const sizes = [];
    for (const part of parts) {
      const detail = JSON.parse((await cli('subject', 'show', part, '--json')).out) as {
        counts: { observations: number; tipPersons: number };
      };
      sizes.push(detail.counts.observations + detail.counts.tipPersons);
    }
    expect(sizes.sort((x, y) => x - y)).toEqual([1, result.decision.refs.length - 1]);
  }, 180_000);
});
