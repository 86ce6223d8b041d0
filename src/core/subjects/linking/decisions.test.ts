import { describe, expect, it } from 'vitest';
import { guid, nodeGroups, obs } from '#test/subject-factories.js';
import { LinkDecisionSchema, type LinkDecision } from './link.types.js';
import { linkSubjects } from './link-subjects.js';

const rows = [
  obs('a', { clientId: guid('1') }),
  obs('b', { clientId: guid('1'), ip: '99.240.12.30' }),
  obs('c', { ip: '99.240.12.30', at: '2024-01-01T02:00:00Z' }),
  obs('d', { ip: '8.8.4.4' }),
];

const at = (hour: number): Date => new Date(Date.UTC(2024, 5, 1, hour));
const split = (id: string, sideA: string[], sideB: string[], hour = 1): LinkDecision => ({
  kind: 'split',
  id,
  decidedAt: at(hour),
  sideA,
  sideB,
});
const merge = (id: string, refs: string[], hour = 1): LinkDecision => ({
  kind: 'merge',
  id,
  decidedAt: at(hour),
  refs,
});

describe('analyst decisions', () => {
  it.each<[string, LinkDecision[], string[][]]>([
    ['no decision', [], [['obs:a', 'obs:b', 'obs:c'], ['obs:d']]],
    [
      'a split is a cannot-link',
      [split('s1', ['obs:c'], ['obs:a', 'obs:b'])],
      [['obs:a', 'obs:b'], ['obs:c'], ['obs:d']],
    ],
    [
      'a merge is a must-link',
      [merge('m1', ['obs:d', 'obs:a'])],
      [['obs:a', 'obs:b', 'obs:c', 'obs:d']],
    ],
    [
      'a later merge lifts an earlier split of the same pair',
      [split('s1', ['obs:c'], ['obs:b']), merge('m1', ['obs:b', 'obs:c'], 2)],
      [['obs:a', 'obs:b', 'obs:c'], ['obs:d']],
    ],
    [
      'a later split overrides an earlier merge of the same pair',
      [merge('m1', ['obs:d', 'obs:a']), split('s1', ['obs:d'], ['obs:a', 'obs:b', 'obs:c'], 2)],
      [['obs:a', 'obs:b', 'obs:c'], ['obs:d']],
    ],
  ])('%s', (_, decisions, expected) => {
    const sut = linkSubjects({ observations: rows }, decisions);
    expect(nodeGroups(sut)).toEqual(expected);
  });

  it('reports the links a split blocked, with the decision id', () => {
    const sut = linkSubjects({ observations: rows }, [split('s1', ['obs:c'], ['obs:b'])]);
    expect(sut.blocked).toEqual([
      expect.objectContaining({
        blockedByDecisionId: 's1',
        edge: expect.objectContaining({ a: 'obs:b', b: 'obs:c' }),
      }),
    ]);
  });

  it('reports a merge that contradicts a split instead of applying it', () => {
    const sut = linkSubjects({ observations: rows }, [
      split('s1', ['obs:d'], ['obs:a', 'obs:b']),
      merge('m1', ['obs:d', 'obs:c'], 2),
      merge('m2', ['obs:c', 'obs:b'], 3),
    ]);
    expect(sut.conflicts).toEqual([{ decisionId: 'm2', reason: 'contradicts split s1' }]);
  });

  it("splitting one node out of a merge keeps the rest merged, even the merge's first node", () => {
    const sut = linkSubjects({ observations: rows }, [
      merge('m1', ['obs:d', 'obs:a']),
      split('s1', ['obs:a', 'obs:b', 'obs:c'], ['obs:d'], 2),
      merge('m2', ['obs:d', 'obs:b', 'obs:x'], 3),
    ]);
    // m2 names d and b (both sides of s1): it revokes s1, so everything is one subject again.
    expect(nodeGroups(sut)).toEqual([['obs:a', 'obs:b', 'obs:c', 'obs:d']]);
    const again = linkSubjects({ observations: [...rows, obs('x', { ip: '8.8.8.8' })] }, [
      merge('m1', ['obs:x', 'obs:d', 'obs:a']),
      split('s1', ['obs:d', 'obs:a', 'obs:b', 'obs:c'], ['obs:x'], 2),
    ]);
    expect(nodeGroups(again)).toEqual([['obs:a', 'obs:b', 'obs:c', 'obs:d'], ['obs:x']]);
    // The part of m1 that s1 overrides is reported as blocked, not as a conflict.
    expect(again.conflicts).toEqual([]);
    expect(again.blocked.map((b) => [b.edge.rule, b.blockedByDecisionId])).toContainEqual([
      'analyst_merge',
      's1',
    ]);
  });

  // Splits are stored as a label per node, not as cross pairs; timing is not asserted in unit tests.
  it('keeps the sides of a large split apart', () => {
    const many = Array.from({ length: 4000 }, (_, i) =>
      obs(`n${String(i).padStart(4, '0')}`, { clientId: guid('7') }),
    );
    const sideA = many.slice(0, 2000).map((o) => `obs:${o.id}`);
    const sideB = many.slice(2000).map((o) => `obs:${o.id}`);
    const sut = linkSubjects({ observations: many }, [split('s1', sideA, sideB)]);
    expect(nodeGroups(sut).map((g) => g.length)).toEqual([2000, 2000]);
  });

  it.each([
    [{ kind: 'merge', id: 'm', decidedAt: '2024-01-01T00:00:00Z', refs: ['obs:a'] }],
    [{ kind: 'split', id: 's', decidedAt: '2024-01-01T00:00:00Z', sideA: ['a'], sideB: ['obs:b'] }],
    [{ kind: 'join', id: 'j', decidedAt: '2024-01-01T00:00:00Z' }],
  ])('rejects a malformed decision %#', (input) => {
    expect(LinkDecisionSchema.safeParse(input).success).toBe(false);
  });
});
