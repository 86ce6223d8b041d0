import { describe, expect, it } from 'vitest';
import { currentKeys, outcomeOfCase, outcomeTruth, type CaseOutcomeRow } from './outcomes.js';

const row = (over: Partial<CaseOutcomeRow>): CaseOutcomeRow => ({
  caseId: 'c1',
  subjectKeys: ['s1'],
  charges: 0,
  arrests: 0,
  victimsIdentified: 0,
  warrantsExecuted: 0,
  disposition: null,
  ...over,
});

describe('case outcomes', () => {
  it('knows an outcome only once the case has found something out', () => {
    expect(outcomeOfCase(row({}))).toBeNull();
    // Referred elsewhere: another unit decides, so nothing is known here.
    expect(outcomeOfCase(row({ disposition: 'referred' }))).toBeNull();
    expect(outcomeOfCase(row({ warrantsExecuted: 1 }))).toEqual({
      isHighRisk: false,
      childrenAtRisk: 0,
    });
    expect(outcomeOfCase(row({ disposition: 'no_offence' }))?.isHighRisk).toBe(false);
    expect(outcomeOfCase(row({ arrests: 1 }))?.isHighRisk).toBe(true);
    expect(outcomeOfCase(row({ disposition: 'charged' }))?.isHighRisk).toBe(true);
    expect(outcomeOfCase(row({ victimsIdentified: 3 }))).toEqual({
      isHighRisk: true,
      childrenAtRisk: 3,
    });
  });

  it('follows renamed, merged and split keys to the stored subjects, and survives a cycle', () => {
    const stored = new Set(['s3', 's4', 's5']);
    const changes = new Map([
      ['s1', ['s2']],
      ['s2', ['s3', 's4']],
      ['x', ['y']],
      ['y', ['x']],
    ]);
    const isStored = (k: string) => stored.has(k);
    expect(currentKeys('s5', changes, isStored)).toEqual(['s5']);
    expect(currentKeys('s1', changes, isStored)).toEqual(['s3', 's4']);
    expect(currentKeys('x', changes, isStored)).toEqual([]);
    expect(currentKeys('never-seen', changes, isStored)).toEqual([]);
  });

  it('combines the cases of one subject and counts a case once per subject', () => {
    const stored = new Set(['a', 'b']);
    const { truth, cases, unplacedKeys } = outcomeTruth(
      [
        // Two of this case's keys now name the same subject a: its victims count once.
        row({ caseId: 'c1', subjectKeys: ['old-a', 'a'], victimsIdentified: 2 }),
        row({ caseId: 'c2', subjectKeys: ['a'], warrantsExecuted: 1 }),
        row({ caseId: 'c3', subjectKeys: ['b', 'gone'], disposition: 'no_offence' }),
        row({ caseId: 'c4', subjectKeys: ['b'] }),
      ],
      new Map([['old-a', ['a']]]),
      (k) => stored.has(k),
    );
    expect(cases).toBe(3);
    expect(unplacedKeys).toBe(1);
    expect(Object.fromEntries(truth)).toEqual({
      a: { isHighRisk: true, childrenAtRisk: 2 },
      b: { isHighRisk: false, childrenAtRisk: 0 },
    });
  });
});
