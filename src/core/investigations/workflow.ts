import { ConflictError, ValidationError } from '#shared/errors.js';

/** The states of a case, in the order a lead normally moves through them. */
export const CASE_STATES = [
  'lead',
  'assessed',
  'legal_process_requested',
  'subscriber_identified',
  'warrant_sought',
  'warrant_executed',
  'charged',
  'closed',
  'referred_out',
] as const;
export type CaseState = (typeof CASE_STATES)[number];

/** Why a case was closed. */
export const DISPOSITIONS = [
  'charged',
  'referred',
  'no_offence',
  'insufficient_evidence',
  'diverted_to_counselling',
] as const;
export type Disposition = (typeof DISPOSITIONS)[number];

/** States after which nothing more happens to the case in this agency. */
export const TERMINAL_STATES: readonly CaseState[] = ['closed', 'referred_out'];

/**
 * The allowed moves. Closing and referring out are possible from every open state; the forward
 * path may not skip a step that produces a record the next step relies on (an identity before a
 * warrant, a warrant before its execution).
 */
export const TRANSITIONS: Readonly<Record<CaseState, readonly CaseState[]>> = {
  lead: ['assessed', 'closed', 'referred_out'],
  assessed: ['legal_process_requested', 'closed', 'referred_out'],
  legal_process_requested: ['subscriber_identified', 'closed', 'referred_out'],
  subscriber_identified: ['warrant_sought', 'closed', 'referred_out'],
  warrant_sought: ['warrant_executed', 'closed', 'referred_out'],
  warrant_executed: ['charged', 'closed', 'referred_out'],
  charged: ['closed'],
  closed: [],
  referred_out: [],
};

/**
 * Moves that only a record can make (the record is the proof): an identity makes a case
 * subscriber_identified, a warrant sought makes it warrant_sought, an executed warrant
 * warrant_executed, a charge charged, a referral referred_out.
 */
export const RECORD_DRIVEN: readonly CaseState[] = [
  'subscriber_identified',
  'warrant_sought',
  'warrant_executed',
  'charged',
  'referred_out',
];

/** The moves a person makes by hand from `from` (closing included), in workflow order. */
export function handMovesFrom(from: CaseState): CaseState[] {
  return TRANSITIONS[from].filter((to) => !RECORD_DRIVEN.includes(to));
}

export function isTerminal(state: CaseState): boolean {
  return TERMINAL_STATES.includes(state);
}

export function canTransition(from: CaseState, to: CaseState): boolean {
  return TRANSITIONS[from].includes(to);
}

/**
 * Checks one move; throws ConflictError when the workflow does not allow it from `from`, and
 * ValidationError when a closing move lacks its disposition (or another move carries one).
 */
export function assertTransition(
  from: CaseState,
  to: CaseState,
  disposition: Disposition | undefined,
): void {
  if (!canTransition(from, to)) {
    throw new ConflictError(`A case in state ${from} cannot move to ${to}`, {
      from,
      to,
      allowed: TRANSITIONS[from],
    });
  }
  if (to === 'closed' && !disposition) {
    throw new ValidationError('Closing a case needs a disposition', [
      { path: 'disposition', reason: `one of ${DISPOSITIONS.join(', ')}` },
    ]);
  }
  if (to !== 'closed' && disposition) {
    throw new ValidationError('Only closing a case takes a disposition', [
      { path: 'disposition', reason: 'only with to = closed' },
    ]);
  }
}

/**
 * The state a record moves the case to, or undefined when the case stays where it is (a second
 * warrant on a case already past warrant_sought). Throws ConflictError when the record cannot be
 * added to a case in `from` at all.
 */
export function advanceByRecord(from: CaseState, target: CaseState): CaseState | undefined {
  if (isTerminal(from)) {
    throw new ConflictError(`The case is ${from}: it is read-only`);
  }
  const order = CASE_STATES.indexOf.bind(CASE_STATES);
  if (order(from) >= order(target)) return undefined;
  if (!canTransition(from, target)) {
    throw new ConflictError(`A case in state ${from} cannot move to ${target}`, {
      from,
      to: target,
      allowed: TRANSITIONS[from],
    });
  }
  return target;
}
