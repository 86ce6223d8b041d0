import { describe, expect, it } from 'vitest';
import {
  advanceByRecord,
  assertTransition,
  canTransition,
  CASE_STATES,
  handMovesFrom,
  TRANSITIONS,
} from './workflow.js';

describe('case workflow', () => {
  it('allows closing and referring out from every open state but charged (closing only)', () => {
    const open = CASE_STATES.filter((s) => s !== 'closed' && s !== 'referred_out');
    expect(TRANSITIONS.closed).toEqual([]);
    expect(TRANSITIONS.referred_out).toEqual([]);
    expect(open.filter((s) => !canTransition(s, 'closed'))).toEqual([]);
    expect(open.filter((s) => !canTransition(s, 'referred_out'))).toEqual(['charged']);
  });

  it('refuses skipping a step, and closing without a disposition', () => {
    expect(() => assertTransition('lead', 'warrant_sought', undefined)).toThrow(
      expect.objectContaining({ code: 'conflict' }),
    );
    expect(() => assertTransition('assessed', 'closed', undefined)).toThrow(
      expect.objectContaining({ code: 'validation_failed' }),
    );
    expect(() => assertTransition('lead', 'assessed', 'no_offence')).toThrow(/Only closing/);
    expect(() => assertTransition('assessed', 'closed', 'no_offence')).not.toThrow();
  });

  it('moves a case forward by a record, keeps it where it is when already past, refuses a closed case', () => {
    expect(advanceByRecord('legal_process_requested', 'subscriber_identified')).toBe(
      'subscriber_identified',
    );
    expect(advanceByRecord('warrant_executed', 'warrant_sought')).toBeUndefined();
    expect(() => advanceByRecord('assessed', 'warrant_sought')).toThrow(/cannot move/);
    expect(() => advanceByRecord('referred_out', 'charged')).toThrow(/read-only/);
  });

  it('offers by hand only the moves a state allows that no record makes', () => {
    expect(handMovesFrom('lead')).toEqual(['assessed', 'closed']);
    expect(handMovesFrom('assessed')).toEqual(['legal_process_requested', 'closed']);
    expect(handMovesFrom('legal_process_requested')).toEqual(['closed']);
    expect(handMovesFrom('charged')).toEqual(['closed']);
    expect(handMovesFrom('closed')).toEqual([]);
  });
});
