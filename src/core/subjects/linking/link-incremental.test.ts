import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AttributionRow, ObservationRow } from '#core/subjects/subjects.schema.js';
import { attr, guid, nodeGroups, obs, tip } from '#test/subject-factories.js';
import { addToLinkState, emptyLinkState } from './link-state.js';
import { resolveSubjects } from './resolve-subjects.js';

// Small pools make collisions (shared IPs, ids, client changes on one IP) frequent.
const IPS = ['142.51.17.9', '99.240.12.30', '100.64.0.7', '8.8.4.4'];
const rowArb = fc.record({
  ip: fc.constantFrom(...IPS),
  port: fc.constantFrom(4000, 4001),
  client: fc.constantFrom(undefined, '1', '2', '3'),
  hour: fc.integer({ min: 0, max: 24 * 8 }),
  flag: fc.constantFrom(undefined, 'tor' as const),
});

type RowSpec = typeof rowArb extends fc.Arbitrary<infer T> ? T : never;

function build(specs: Array<RowSpec>) {
  const observations: ObservationRow[] = [];
  const attributions: AttributionRow[] = [];
  specs.forEach((s, i) => {
    const id = `o${String(i).padStart(3, '0')}`;
    const at = new Date(Date.UTC(2024, 0, 1) + s.hour * 3_600_000).toISOString();
    observations.push(
      obs(id, { ip: s.ip, port: s.port, at, ...(s.client ? { clientId: guid(s.client) } : {}) }),
    );
    if (s.flag) attributions.push(attr(id, [s.flag]));
  });
  return { observations, attributions };
}

describe('incremental linking', () => {
  it('gives the same result batch by batch as all at once', () => {
    fc.assert(
      fc.property(fc.array(rowArb, { maxLength: 40 }), fc.nat(), (specs, cut) => {
        const { observations, attributions } = build(specs);
        const at = observations.length === 0 ? 0 : cut % (observations.length + 1);
        const tips = [
          tip('T1', {
            ipCaptureEvents: [{ ip: IPS[0]!, dateTime: new Date('2024-01-02T00:00:00Z') }],
          }),
        ];
        const all = resolveSubjects(
          addToLinkState(emptyLinkState(), { observations, attributions, tips }),
        );
        const first = addToLinkState(emptyLinkState(), {
          observations: observations.slice(at),
          attributions,
        });
        const second = addToLinkState(first, {
          observations: observations.slice(0, at),
          attributions,
          tips,
        });
        expect(resolveSubjects(second)).toEqual(all);
      }),
      { numRuns: 200 },
    );
  });

  it('ignores rows it already has, so re-adding a batch changes nothing', () => {
    const batch = build([{ ip: IPS[0]!, port: 4000, client: '1', hour: 1, flag: undefined }]);
    const once = addToLinkState(emptyLinkState(), batch);
    expect(resolveSubjects(addToLinkState(once, batch))).toEqual(resolveSubjects(once));
  });

  it('splits a lease segment when a later batch shows another client on the IP in between', () => {
    const before = addToLinkState(emptyLinkState(), {
      observations: [obs('a'), obs('c', { at: '2024-01-01T10:00:00Z' })],
    });
    expect(resolveSubjects(before).subjects).toHaveLength(1);
    const after = addToLinkState(before, {
      observations: [
        obs('a0', { clientId: guid('1'), at: '2023-12-31T23:00:00Z' }),
        obs('b', { clientId: guid('2'), at: '2024-01-01T05:00:00Z' }),
      ],
    });
    expect(nodeGroups(resolveSubjects(after))).toEqual([
      ['obs:a', 'obs:a0'],
      ['obs:b', 'obs:c'],
    ]);
  });

  it('replaces a row that comes back with a changed attribution', () => {
    const rows = [obs('a'), obs('b', { at: '2024-01-01T01:00:00Z' })];
    const before = addToLinkState(emptyLinkState(), { observations: rows });
    expect(resolveSubjects(before).subjects).toHaveLength(1);
    const after = addToLinkState(before, {
      observations: [rows[1]!],
      attributions: [attr('b', ['tor'])],
    });
    const fresh = addToLinkState(emptyLinkState(), {
      observations: rows,
      attributions: [attr('b', ['tor'])],
    });
    expect(nodeGroups(resolveSubjects(after))).toEqual([['obs:a'], ['obs:b']]);
    expect(resolveSubjects(after)).toEqual(resolveSubjects(fresh));
  });

  it("gives the latest rows' result when rows come back re-attributed in later batches", () => {
    fc.assert(
      fc.property(
        fc.array(rowArb, { minLength: 1, maxLength: 30 }),
        fc.array(fc.nat(), { maxLength: 10 }),
        (specs, picks) => {
          const { observations, attributions } = build(specs);
          const changed = [...new Set(picks.map((p) => observations[p % observations.length]!.id))];
          const flip = (id: string): AttributionRow =>
            attributions.some((a) => a.observationId === id) ? attr(id, []) : attr(id, ['hosting']);
          const latest = [
            ...attributions.filter((a) => !changed.includes(a.observationId)),
            ...changed.map(flip),
          ];
          const first = addToLinkState(emptyLinkState(), { observations, attributions });
          const second = addToLinkState(first, {
            observations: observations.filter((o) => changed.includes(o.id)),
            attributions: changed.map(flip),
          });
          const fresh = addToLinkState(emptyLinkState(), { observations, attributions: latest });
          expect(resolveSubjects(second)).toEqual(resolveSubjects(fresh));
        },
      ),
      { numRuns: 150 },
    );
  });
});
