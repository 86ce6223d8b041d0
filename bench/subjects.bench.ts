import { DEFAULT_RULE_SET } from '#core/scoring/default-rule-set.js';
import { RuleSet } from '#core/scoring/engine/rule-set.js';
import { buildSubjectEvidence } from '#core/scoring/evidence/build-subject-evidence.js';
import { addToLinkState, emptyLinkState } from '#core/subjects/linking/link-state.js';
import { linkSubjects } from '#core/subjects/linking/link-subjects.js';
import { resolveSubjects } from '#core/subjects/linking/resolve-subjects.js';
import type { HashMatchRow, ObservationRow } from '#core/subjects/subjects.schema.js';
import type { BenchResult } from './run.js';

const OBSERVATIONS = 50_000;
const INSTALLATIONS = 5_000;
const RUNS = 3;

/** A small seeded PRNG (mulberry32), so every run measures the same synthetic world. */
function prng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

function world(): { observations: ObservationRow[]; matches: HashMatchRow[] } {
  const rand = prng(6);
  const observations: ObservationRow[] = [];
  const matches: HashMatchRow[] = [];
  for (let i = 0; i < OBSERVATIONS; i++) {
    const who = Math.floor(rand() * INSTALLATIONS);
    const hasId = who % 10 < 7;
    // Each installation holds one of three addresses over 60 days (DHCP churn).
    const ip = `142.${(who >> 8) & 255}.${who & 255}.${1 + Math.floor(rand() * 3)}`;
    const id = `o${i}`;
    observations.push({
      id,
      observedAt: new Date(Date.UTC(2024, 0, 1) + Math.floor(rand() * 60 * 86_400_000)),
      network: 'gnutella',
      ip,
      port: 6346,
      clientId: hasId ? who.toString(16).padStart(32, '0').replace(/^0/, 'a') : null,
      hashType: 'sha1',
      hash: Math.floor(rand() * 20_000)
        .toString(16)
        .padStart(40, '0'),
      evidenceKind: rand() < 0.1 ? 'download_verified' : 'query_hit',
      observer: 'bench',
    });
    if (rand() < 0.8) {
      matches.push({
        observationId: id,
        hashSetId: 'hs',
        hashSetName: 'synthetic',
        hashSetVersion: '1',
        kind: 'known',
        categoryScheme: 'caid',
        categoryCode: rand() < 0.3 ? 'A' : 'C',
        series: `s${Math.floor(rand() * 200)}`,
        victimIdentified: null,
        isDistributed: null,
      });
    }
  }
  return { observations, matches };
}

function medianMs(fn: () => void): number {
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    fn();
    times.push(performance.now() - t0);
  }
  return times.sort((a, b) => a - b)[Math.floor(RUNS / 2)]!;
}

/** Linking and scoring a synthetic world of 50,000 observations, against sorting the same rows. */
export function run(): Promise<BenchResult> {
  const { observations, matches } = world();
  const baseline = medianMs(() => {
    [...observations].sort((x, y) =>
      x.ip < y.ip ? -1 : x.ip > y.ip ? 1 : x.observedAt.getTime() - y.observedAt.getTime(),
    );
  });
  let subjects = 0;
  const link = medianMs(() => {
    subjects = linkSubjects({ observations }).subjects.length;
  });
  const incremental = medianMs(() => {
    let state = emptyLinkState();
    for (let b = 0; b < 10; b++) {
      state = addToLinkState(state, {
        observations: observations.slice(b * 5_000, (b + 1) * 5_000),
      });
      resolveSubjects(state);
    }
  });
  const ruleSet = RuleSet.fromDefinition(DEFAULT_RULE_SET);
  const score = medianMs(() => {
    for (const evidence of buildSubjectEvidence(observations, matches, [], [])) {
      ruleSet.evaluate(evidence);
    }
  });
  const ratio = (ms: number) => (ms / baseline).toFixed(1);
  return Promise.resolve<BenchResult>({
    suite: 'Subjects: linking and scoring',
    rows: [
      { case: 'sort 50k observations by IP, time (baseline)', 'median ms': baseline.toFixed(0) },
      { case: 'link all at once', 'median ms': link.toFixed(0), 'ratio to baseline': ratio(link) },
      {
        case: 'link in 10 batches of 5k, resolving after each',
        'median ms': incremental.toFixed(0),
        'ratio to baseline': ratio(incremental),
      },
      {
        case: 'build evidence (links again) + score every subject',
        'median ms': score.toFixed(0),
        'ratio to baseline': ratio(score),
      },
    ],
    notes: [
      `Synthetic world: ${OBSERVATIONS} observations, ${INSTALLATIONS} installations (70% with a client id), ${subjects} subjects after linking; median of ${RUNS} runs.`,
    ],
  });
}
