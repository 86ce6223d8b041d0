import { describe, expect, it } from 'vitest';
import { DEFAULT_RULE_SET } from '#core/scoring/default-rule-set.js';
import { RuleSet } from '#core/scoring/engine/rule-set.js';
import { buildSubjectEvidence } from '#core/scoring/evidence/build-subject-evidence.js';
import type { HashMatchRow, ObservationRow } from '#core/subjects/subjects.schema.js';
import { guid, obs, tip } from '#test/subject-factories.js';
import { rankByDistinctKnownFiles, rankByMostRecent, rankByScore } from './baselines.js';
import type { GroundTruth } from './evaluation.types.js';
import { evaluateRanking, toTruthKeys } from './metrics.js';

const hash = (n: number): string => n.toString(16).padStart(40, '0');
const known = (observationId: string, series: string, code = 'C'): HashMatchRow => ({
  observationId,
  hashSetId: 'hs',
  hashSetName: 'synthetic',
  hashSetVersion: '1',
  kind: 'known',
  categoryScheme: 'caid',
  categoryCode: code,
  series,
  victimIdentified: null,
  isDistributed: null,
});

/**
 * A tiny synthetic world: a collector with 40 known files seen recently, a producer sharing a few
 * known files beside unmatched ones and named in an enticement tip, and an occasional viewer.
 */
function world() {
  const observations: ObservationRow[] = [];
  const matches: HashMatchRow[] = [];
  for (let i = 0; i < 40; i++) {
    const id = `col${i}`;
    observations.push(
      obs(id, { clientId: guid('c'), ip: '99.240.1.1', hash: hash(i), at: '2024-03-01T00:00:00Z' }),
    );
    matches.push(known(id, `s${i % 4}`));
  }
  for (let i = 0; i < 6; i++) {
    const id = `pro${i}`;
    const day = String(1 + i * 4).padStart(2, '0');
    observations.push(
      obs(id, {
        clientId: guid('d'),
        ip: '142.51.2.2',
        hash: hash(100 + i),
        at: `2024-02-${day}T00:00:00Z`,
      }),
    );
    if (i < 2) matches.push(known(id, 'sx', 'A'));
  }
  observations.push(
    obs('occ0', { clientId: guid('e'), ip: '24.1.1.1', hash: hash(1), at: '2024-03-02T00:00:00Z' }),
  );
  matches.push(known('occ0', 's1'));
  const tips = [
    tip(
      'T1',
      { ipCaptureEvents: [{ ip: '142.51.2.2', dateTime: new Date('2024-02-21T06:00:00Z') }] },
      { incidentType: 'Online Enticement of Children for Sexual Acts' },
    ),
  ];
  return { observations, matches, tips };
}

describe('ranking a synthetic world', () => {
  const { observations, matches, tips } = world();
  const evidence = buildSubjectEvidence(observations, matches, [], tips);
  const truthKey = new Map(
    evidence.map((e) => [e.subjectKey, e.observations[0]!.id.replace(/\d+$/, '')] as const),
  );
  const truth: GroundTruth = new Map([
    ['pro', { isHighRisk: true, childrenAtRisk: 2, type: 'producer' as const }],
    ['col', { isHighRisk: false, childrenAtRisk: 0, type: 'high_volume_collector' as const }],
    ['occ', { isHighRisk: false, childrenAtRisk: 0, type: 'occasional_viewer' as const }],
  ]);
  const ruleSet = RuleSet.fromDefinition(DEFAULT_RULE_SET);
  const report = (name: string, keys: string[]) =>
    evaluateRanking(name, toTruthKeys(keys, truthKey), truth, 1);

  it('links the world into its three subjects, the tip with the producer', () => {
    expect([...truthKey.values()].sort()).toEqual(['col', 'occ', 'pro']);
    expect(evidence.find((e) => truthKey.get(e.subjectKey) === 'pro')?.tips).toHaveLength(1);
  });

  it('puts the producer first where volume and recency put the collector first', () => {
    const byScore = report('score', rankByScore(evidence.map((e) => ruleSet.evaluate(e))));
    const byVolume = report('volume', rankByDistinctKnownFiles(evidence));
    const byRecency = report('recency', rankByMostRecent(evidence));
    expect(byScore).toMatchObject({ highRiskReached: 1, childrenAtRiskReached: 2, ndcgAtK: 1 });
    expect(byVolume).toMatchObject({ highRiskReached: 0, childrenAtRiskReached: 0 });
    // The collector (grade 1) first: (2^1 - 1) / (2^3 - 1) of the ideal.
    expect(byVolume.ndcgAtK).toBeCloseTo(1 / 7, 10);
    expect(byRecency).toMatchObject({ highRiskReached: 0, ndcgAtK: 0 });
  });
});
