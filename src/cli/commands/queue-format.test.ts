import { describe, expect, it } from 'vitest';
import { awaitingNote, firstOf } from './subjects.command.js';

describe('vigil queue text', () => {
  it('shows the first three names, then "+N more"', () => {
    expect(firstOf(['Toronto', 'Sudbury', 'Barrie', 'Oshawa', 'Ajax'])).toBe(
      'Toronto, Sudbury, Barrie +2 more',
    );
    expect(firstOf(['Toronto'])).toBe('Toronto');
    expect(firstOf([])).toBe('-');
  });

  it('says how many observations await scoring, and nothing when none do', () => {
    expect(awaitingNote(1)).toMatch(/^1 observation awaits scoring: run `vigil rescore`/);
    expect(awaitingNote(12)).toMatch(/^12 observations await scoring/);
    expect(awaitingNote(0)).toBe('');
  });
});
