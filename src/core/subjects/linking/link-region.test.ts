import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CyberTipRow } from '#core/subjects/cybertip.schema.js';
import { nodeFactsOf } from '#core/subjects/node-facts.js';
import type { AttributionRow, ObservationRow } from '#core/subjects/subjects.schema.js';
import { attr, guid, obs, tip } from '#test/subject-factories.js';
import { linkRegion } from './link-region.js';
import type { LinkDecision, Subject } from './link.types.js';
import { linkSubjects } from './link-subjects.js';
import type { StoredNode } from './relink-region.js';

// Small pools make collisions (shared IPs, ids, client changes on one IP) frequent; the spread in
// time keeps many subjects apart, so a region smaller than the world is the usual case.
const IPS = [
  '142.51.17.9',
  '99.240.12.30',
  '100.64.0.7',
  '8.8.4.4',
  '24.114.1.2',
  '24.114.1.3',
  '24.114.1.4',
];
const rowArb = fc.record({
  ip: fc.constantFrom(...IPS),
  port: fc.constantFrom(4000, 4001),
  client: fc.constantFrom(undefined, '1', '2', '3', '4', '5'),
  hour: fc.integer({ min: 0, max: 24 * 20 }),
  flag: fc.constantFrom(undefined, 'tor' as const),
  hash: fc.constantFrom('a', 'b'),
});
type RowSpec = {
  ip: string;
  port: number;
  client: string | undefined;
  hour: number;
  flag: 'tor' | undefined;
  hash: string;
};

const stepArb = fc.record({
  rows: fc.array(rowArb, { maxLength: 8 }),
  /** Rows of earlier steps that come back re-attributed (Tor flag toggled) or are superseded. */
  changed: fc.array(fc.nat(), { maxLength: 2 }),
  removed: fc.array(fc.nat(), { maxLength: 1 }),
  decision: fc.option(
    fc.record({
      kind: fc.constantFrom('merge', 'split'),
      picks: fc.array(fc.nat(), { minLength: 2, maxLength: 4 }),
    }),
    { nil: undefined },
  ),
});

function observationOf(s: RowSpec, id: string): ObservationRow {
  const at = new Date(Date.UTC(2024, 0, 1) + s.hour * 3_600_000).toISOString();
  return obs(id, {
    ip: s.ip,
    port: s.port,
    at,
    hash: s.hash.repeat(40),
    ...(s.client ? { clientId: guid(s.client) } : {}),
  });
}

const TIPS: CyberTipRow[] = [
  tip('T1', {
    emails: ['x@example.org'],
    ipCaptureEvents: [{ ip: IPS[0]!, dateTime: new Date('2024-01-02T00:00:00Z') }],
  }),
  tip('T2', {
    emails: ['x@example.org'],
    ipCaptureEvents: [{ ip: IPS[1]!, dateTime: new Date('2024-01-03T00:00:00Z') }],
  }),
];

/** A world that grows step by step, relinked incrementally after each step and fully at the end. */
class World {
  observations = new Map<string, ObservationRow>();
  flags = new Map<string, AttributionRow['flags']>();
  tips: CyberTipRow[] = [];
  decisions: LinkDecision[] = [];
  subjects: Subject[] = [];
  stored = new Map<string, StoredNode>();
  private appliedDecisions = new Set<string>();

  rows() {
    const observations = [...this.observations.values()];
    return {
      observations,
      attributions: [...this.flags.entries()].map(([id, flags]) => attr(id, flags)),
      matches: [],
      tips: this.tips,
      agencyByNode: new Map<string, string>(),
    };
  }

  apply(step: StepSpec, index: number) {
    const known = [...this.observations.keys()];
    for (const pick of step.changed) {
      const id = known[pick % Math.max(1, known.length)];
      if (id) this.flags.set(id, (this.flags.get(id) ?? []).length ? [] : ['tor']);
    }
    for (const pick of step.removed) {
      const id = known[pick % Math.max(1, known.length)];
      if (id) this.observations.delete(id);
    }
    step.rows.forEach((s, i) => {
      const id = `o${index}-${i}`;
      this.observations.set(id, observationOf(s, id));
      if (s.flag) this.flags.set(id, [s.flag]);
    });
    if (index === 1) this.tips = [TIPS[0]!];
    if (index === 2) this.tips = [...TIPS];
    const refs = [...this.observations.keys()].map((id) => `obs:${id}`);
    if (step.decision && refs.length >= 2) {
      const picked = [...new Set(step.decision.picks.map((p) => refs[p % refs.length]!))];
      const decidedAt = new Date(Date.UTC(2024, 5, 1, index));
      if (step.decision.kind === 'merge' && picked.length >= 2) {
        this.decisions.push({ kind: 'merge', id: `d${index}`, decidedAt, refs: picked });
      } else if (step.decision.kind === 'split' && picked.length >= 2) {
        const half = Math.ceil(picked.length / 2);
        this.decisions.push({
          kind: 'split',
          id: `d${index}`,
          decidedAt,
          sideA: picked.slice(0, half),
          sideB: picked.slice(half),
        });
      }
    }
  }

  relinkIncrementally() {
    const rows = this.rows();
    const facts = nodeFactsOf(rows);
    const fresh = new Set(
      this.decisions.map((d) => d.id).filter((id) => !this.appliedDecisions.has(id)),
    );
    const { region, linking } = linkRegion(rows, facts, this.stored, this.decisions, fresh);
    this.subjects = [
      ...this.subjects.filter((s) => !region.oldKeys.has(s.key)),
      ...linking.subjects,
    ].sort((x, y) => (x.key < y.key ? -1 : x.key > y.key ? 1 : 0));
    this.stored = new Map(
      this.subjects.flatMap((s) =>
        s.nodeRefs.map((ref): [string, StoredNode] => [
          ref,
          { subjectKey: s.key, ...facts.get(ref)! },
        ]),
      ),
    );
    for (const id of fresh) this.appliedDecisions.add(id);
    return region;
  }

  relinkFully() {
    return linkSubjects(this.rows(), this.decisions).subjects;
  }
}
type StepSpec = {
  rows: RowSpec[];
  changed: number[];
  removed: number[];
  decision?: { kind: 'merge' | 'split'; picks: number[] } | undefined;
};

/** A row at hour 1 on an IP with a client. */
const row = (ip: string, client: string): RowSpec => ({
  ip,
  port: 4000,
  client,
  hour: 1,
  flag: undefined,
  hash: 'a',
});

/** A row on the fifth IP at an hour, with or without a client. */
const onIp4 = (hour: number, client?: string): RowSpec => ({
  ip: IPS[4]!,
  port: 4000,
  client,
  hour,
  flag: undefined,
  hash: 'a',
});

describe(linkRegion.name, () => {
  it('ends every step with the subjects a full relink gives (rows, changes, removals, decisions)', () => {
    fc.assert(
      fc.property(fc.array(stepArb, { minLength: 1, maxLength: 6 }), (steps) => {
        const world = new World();
        steps.forEach((step, index) => {
          world.apply(step, index);
          world.relinkIncrementally();
          expect(world.subjects).toEqual(world.relinkFully());
        });
      }),
      { numRuns: 150 },
    );
  }, 120_000);

  it('re-resolves nothing when nothing changed', () => {
    const world = new World();
    world.apply(
      {
        rows: [{ ip: IPS[0]!, port: 4000, client: '1', hour: 1, flag: undefined, hash: 'a' }],
        changed: [],
        removed: [],
      },
      0,
    );
    world.relinkIncrementally();
    const again = world.relinkIncrementally();
    expect(again.nodes.size).toBe(0);
    expect(again.oldKeys.size).toBe(0);
  });

  it('leaves a subject that shares no group with the new rows out of the region', () => {
    const world = new World();
    world.apply({ rows: [row(IPS[0]!, '1'), row(IPS[3]!, '2')], changed: [], removed: [] }, 0);
    world.relinkIncrementally();
    world.apply({ rows: [row(IPS[0]!, '1')], changed: [], removed: [] }, 5);
    const region = world.relinkIncrementally();
    expect([...region.nodes].sort()).toEqual(['obs:o0-0', 'obs:o5-0']);
    expect(world.subjects.map((s) => s.nodeRefs)).toEqual(
      expect.arrayContaining([['obs:o0-1'], ['obs:o0-0', 'obs:o5-0']]),
    );
  });

  it('re-resolves the groups of a row that is gone, which may join what it kept apart', () => {
    const world = new World();
    // Another client on the IP in between ends the lease segment; once it is gone, it does not.
    world.apply({ rows: [onIp4(0, '1'), onIp4(1, '2'), onIp4(2)], changed: [], removed: [] }, 0);
    world.relinkIncrementally();
    expect(world.subjects.map((s) => s.nodeRefs)).toEqual(
      expect.arrayContaining([['obs:o0-0'], ['obs:o0-1', 'obs:o0-2']]),
    );
    world.apply({ rows: [], changed: [], removed: [1] }, 3);
    const region = world.relinkIncrementally();
    expect(region.removed).toEqual(['obs:o0-1']);
    expect(world.subjects.map((s) => s.nodeRefs)).toEqual([['obs:o0-0', 'obs:o0-2']]);
    expect(world.subjects).toEqual(world.relinkFully());
  });
});
