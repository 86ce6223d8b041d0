import { describe, expect, it } from 'vitest';
import { guid, obs } from '#test/subject-factories.js';
import { subjectKeyChanges } from './key-changes.js';
import { linkSubjects } from './link-subjects.js';
import { subjectKeyFor } from './resolve-subjects.js';

const rows = [obs('b', { clientId: guid('1') }), obs('c', { ip: '8.8.4.4' })];

describe(subjectKeyChanges.name, () => {
  it('reports nothing when the subjects keep their keys', () => {
    const before = linkSubjects({ observations: rows });
    const after = linkSubjects({ observations: [...rows, obs('d', { ip: '24.1.1.1' })] });
    expect(subjectKeyChanges(before, after)).toEqual([]);
  });

  it('follows a subject renamed when a lower node joins it', () => {
    const before = linkSubjects({ observations: rows });
    const after = linkSubjects({
      observations: [...rows, obs('a', { clientId: guid('1'), ip: '99.240.12.30' })],
    });
    expect(subjectKeyChanges(before, after)).toEqual([
      { from: subjectKeyFor('obs:b'), to: [subjectKeyFor('obs:a')] },
    ]);
  });

  it('follows a subject split by an analyst into both parts', () => {
    const pair = [obs('x'), obs('y', { at: '2024-01-01T01:00:00Z' })];
    const before = linkSubjects({ observations: pair });
    const after = linkSubjects({ observations: pair }, [
      { kind: 'split', id: 's', decidedAt: new Date(0), sideA: ['obs:x'], sideB: ['obs:y'] },
    ]);
    expect(subjectKeyChanges(before, after)).toEqual([
      { from: subjectKeyFor('obs:x'), to: [subjectKeyFor('obs:x'), subjectKeyFor('obs:y')].sort() },
    ]);
  });
});
