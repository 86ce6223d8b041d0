import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemContext } from '#core/access/actor.js';
import { DEFAULT_RULE_SET } from '#core/scoring/index.js';
import { simulateToDirectory } from '#platform/files/directory-sink.js';
import type { Core } from '#src/app.js';
import { loadSimulatedWorld } from '#src/demo.js';
import { createTestCore } from '#test/core.js';

const CTX = systemContext('cli', 'subjects-test');

/** Loads a tiny simulated world through the real services, as the demo mode does. */
async function loadWorld(core: Core, dir: string) {
  await simulateToDirectory(dir, { seed: 7, scale: 'tiny', start: '2015-03-01', days: 30 });
  await loadSimulatedWorld(core, CTX, dir);
}

describe('SubjectsService over a simulated world', () => {
  let core: Core;
  let dir: string;
  beforeAll(async () => {
    core = await createTestCore();
    dir = mkdtempSync(join(tmpdir(), 'vigil-subjects-'));
    await loadWorld(core, dir);
  }, 120_000);
  afterAll(async () => {
    await core.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const snapshot = async () => {
    const db = core.handle.db;
    return {
      subjects: await db.selectFrom('subject').selectAll().orderBy('key').execute(),
      members: await db.selectFrom('subjectMember').selectAll().orderBy('nodeRef').execute(),
      links: await db
        .selectFrom('subjectLink')
        .selectAll()
        .orderBy('subjectKey')
        .orderBy('ordinal')
        .execute(),
      scores: await db.selectFrom('subjectScore').selectAll().orderBy('subjectKey').execute(),
    };
  };

  it('an import enqueues one subjects.rescore job', async () => {
    const jobs = await core.handle.db
      .selectFrom('job')
      .select(['name', 'status'])
      .where('name', '=', 'subjects.rescore')
      .execute();
    expect(jobs).toEqual([{ name: 'subjects.rescore', status: 'queued' }]);
  });

  it('links observations into subjects and scores each with the rule set version', async () => {
    const result = await core.subjects.relinkAndScore(CTX);
    expect(result.observations).toBeGreaterThan(0);
    expect(result.subjects).toBeGreaterThan(0);
    expect(result.added).toBe(result.subjects);
    const { subjects, members, scores } = await snapshot();
    expect(subjects).toHaveLength(result.subjects);
    expect(scores).toHaveLength(result.subjects);
    expect(new Set(scores.map((s) => s.ruleSetVersion))).toEqual(
      new Set([DEFAULT_RULE_SET.version]),
    );
    // Every observation is in exactly one subject.
    const observationMembers = members.filter((m) => m.observationId !== null);
    expect(observationMembers).toHaveLength(result.observations);
    // Some subjects hold several observations (linking did link something).
    expect(subjects.some((s) => s.observationCount > 1)).toBe(true);
    expect(subjects.some((s) => s.agencyCode !== null)).toBe(true);
  });

  it("every reason's evidence ids name real observations (or tips)", async () => {
    const ids = new Set(
      (await core.handle.db.selectFrom('observation').select('id').execute()).map((o) => o.id),
    );
    const tipIds = new Set(
      (await core.handle.db.selectFrom('cybertipDocument').select('id').execute()).map(
        (d) => `tip:${d.id}`,
      ),
    );
    const { scores } = await snapshot();
    let checked = 0;
    for (const row of scores) {
      const explanation = JSON.parse(row.explanation) as {
        matched: Array<{ evidenceIds: string[] }>;
      };
      for (const id of explanation.matched.flatMap((m) => m.evidenceIds)) {
        const tip = id.startsWith('tip:') ? id.split('/')[0]! : null;
        expect({ id, real: tip ? tipIds.has(tip) : ids.has(id) }).toEqual({ id, real: true });
        checked += 1;
      }
    }
    expect(checked).toBeGreaterThan(0);
  });

  it('the queue is sorted by score, then attribution, and pages without overlap', async () => {
    const all = await core.subjects.queue(CTX, { limit: 500 });
    expect(all.items.length).toBeGreaterThan(1);
    expect(all.items[0]!.score).toBeGreaterThan(0);
    for (let i = 1; i < all.items.length; i++) {
      const [a, b] = [all.items[i - 1]!, all.items[i]!];
      expect(
        a.score > b.score ||
          (a.score === b.score && a.attribution.confidence >= b.attribution.confidence),
      ).toBe(true);
    }
    expect(all.items[0]!.topReasons.length).toBeGreaterThan(0);
    expect(all.items[0]!.topReasons.length).toBeLessThanOrEqual(3);
    expect(all.items[0]!.ips.length).toBeGreaterThan(0);
    const second = await core.subjects.queue(CTX, { limit: 2, offset: 2 });
    expect(second.items.map((i) => i.subjectKey)).toEqual(
      all.items.slice(2, 4).map((i) => i.subjectKey),
    );
    expect(second.items[0]!.rank).toBe(3);

    const agency = all.items.find((i) => i.agencyCode !== null)!.agencyCode!;
    const scoped = await core.subjects.queue(CTX, { agency, limit: 500 });
    expect(scoped.items.length).toBeGreaterThan(0);
    expect(scoped.items.every((i) => i.agencyCode === agency)).toBe(true);
    expect(scoped.total).toBeLessThan(all.total);
  });

  it('shows a subject with every reason, its evidence and the timeline', async () => {
    const top = (await core.subjects.queue(CTX, { limit: 1 })).items[0]!;
    const detail = await core.subjects.getSubject(CTX, top.subjectKey);
    expect(detail.score?.score).toBe(top.score);
    expect(detail.score!.reasons.length).toBeGreaterThanOrEqual(top.topReasons.length);
    expect(detail.timeline).toHaveLength(detail.counts.observations);
    const times = detail.timeline.map((o) => o.observedAt);
    expect(times).toEqual([...times].sort());
    await expect(core.subjects.getSubject(CTX, 'sub_00000000000000000000')).rejects.toMatchObject({
      code: 'not_found',
    });
    await expect(core.subjects.getSubject(CTX, 'nope')).rejects.toMatchObject({
      code: 'not_found',
    });
    await expect(core.subjects.getSubject(CTX, 'no/pe')).rejects.toMatchObject({
      code: 'validation_failed',
    });
  });

  it('a re-run changes nothing', async () => {
    const before = await snapshot();
    const again = await core.subjects.relinkAndScore(CTX);
    expect(again).toMatchObject({ added: 0, changed: 0, removed: 0, scored: 0 });
    expect(await snapshot()).toEqual(before);
  });

  it('writes audit rows for the rescore and the consultations', async () => {
    const actions = (await core.handle.db.selectFrom('auditLog').select('action').execute()).map(
      (a) => a.action,
    );
    expect(actions).toEqual(
      expect.arrayContaining(['subject.rescore', 'subject.queue', 'subject.read']),
    );
  });
});
