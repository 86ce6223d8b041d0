import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemContext } from '#core/access/actor.js';
import { DEFAULT_RULE_SET } from '#core/scoring/index.js';
import { TruthSchema, type Truth } from '#core/simulation/truth.schema.js';
import { simulateToDirectory } from '#platform/files/directory-sink.js';
import { ValidationError } from '#shared/errors.js';
import type { Core } from '#src/app.js';
import { loadSimulatedWorld } from '#src/demo.js';
import { createTestCore } from '#test/core.js';
import type { QueueEvaluation } from '#core/evaluation/evaluation.schema.js';

const CTX = systemContext('cli', 'evaluation-test');
/**
 * A fixed world (deterministic: same seed, same files, same scores): small scale (400 subjects of
 * every type) over 30 days with a fifth of the rows, so the test stays bearable while the data per
 * subject stays close to a full small world's. Seed 4 is used neither for tuning (1-3) nor for the
 * recorded evaluations (101-606, 7071-9093). With far sparser data (8,000 rows over 60 days) the ranking
 * does not beat volume: docs/SCORING.md says so.
 */
const WORLD = { seed: 4, scale: 'small' as const, start: '2015-03-01', days: 30, rows: 20_000 };
const K = 30;

/** Loads a simulated world through the real services, as the demo does. */
async function loadWorld(core: Core, dir: string): Promise<Truth> {
  await simulateToDirectory(dir, WORLD);
  await loadSimulatedWorld(core, CTX, dir);
  return TruthSchema.parse(JSON.parse(readFileSync(join(dir, 'truth.json'), 'utf8')));
}

describe('EvaluationService over a simulated world', () => {
  let core: Core;
  let dir: string;
  let truth: Truth;
  let sut: QueueEvaluation;
  beforeAll(async () => {
    core = await createTestCore();
    dir = mkdtempSync(join(tmpdir(), 'vigil-evaluation-'));
    truth = await loadWorld(core, dir);
    await core.subjects.relinkAndScore(CTX);
    sut = await core.evaluation.evaluateQueue(CTX, truth, { warrants: K });
  }, 240_000);
  afterAll(async () => {
    await core?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('reports Vigil, volume and recency at K over the same subjects', () => {
    expect(sut.reports.map((r) => [r.name, r.k, r.consideredKeys])).toEqual([
      ['vigil', K, K],
      ['volume', K, K],
      ['recency', K, K],
    ]);
    expect(sut).toMatchObject({ isAssessment: true, ruleSetVersion: DEFAULT_RULE_SET.version });
    expect(sut.world.seed).toBe(WORLD.seed);
    // Every subject was mapped or counted as unmapped; the truth is what the data reaches.
    expect(sut.mapping.mapped + sut.mapping.unmapped).toBe(sut.mapping.subjects);
    expect(sut.truth.highRisk).toBeGreaterThan(0);
    expect(sut.truth.subjects).toBeLessThanOrEqual(truth.subjects.length);
  });

  // The bar (twice the volume baseline at K) is measured on full small worlds of unseen
  // seeds in docs/SCORING.md and is not met on every seed; this fixed, smaller world checks that the
  // ranking still beats volume on all three measures (8 against 6 high-risk subjects when written).
  it('reaches more high-risk subjects and children than the volume baseline in its first K', () => {
    const [vigil, volume] = sut.reports;
    expect(vigil!.highRiskReached).toBeGreaterThan(Math.max(1, volume!.highRiskReached));
    expect(vigil!.childrenAtRiskReached).toBeGreaterThan(volume!.childrenAtRiskReached);
    expect(vigil!.ndcgAtK).toBeGreaterThan(volume!.ndcgAtK);
  });

  it("takes Vigil's ranking from the queue as analysts see it", async () => {
    const page = await core.subjects.queue(CTX, { limit: K });
    expect(page.total).toBe(sut.mapping.subjects);
    expect(sut.ruleSetVersion).toBe(page.ruleSetVersion);
  });

  it('rejects an out-of-range K', async () => {
    await expect(core.evaluation.evaluateQueue(CTX, truth, { warrants: 0 })).rejects.toThrow(
      ValidationError,
    );
  });
});
