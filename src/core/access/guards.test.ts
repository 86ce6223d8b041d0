import { describe, expect, it } from 'vitest';
import type { Actor } from './actor.js';
import { requireRole, requireStepUp } from './guards.js';
import { requireJustification } from './justification.js';

const base = {
  kind: 'user',
  userId: 'u',
  organisationId: 'o',
  organisationKind: 'agency',
} as const;
const investigator = (over: Partial<Extract<Actor, { kind: 'user' }>> = {}): Actor => ({
  ...base,
  roles: ['investigator'],
  via: 'session',
  ...over,
});

describe('access guards', () => {
  it('hides a route from a role that lacks it (not_found), and refuses the anonymous (unauthorized)', () => {
    expect(() => requireRole(investigator(), ['auditor'])).toThrow(
      expect.objectContaining({ code: 'not_found' }),
    );
    expect(() => requireRole({ kind: 'anonymous' }, ['auditor'])).toThrow(
      expect.objectContaining({ code: 'unauthorized' }),
    );
    expect(() => requireRole(investigator(), ['investigator'])).not.toThrow();
  });

  it('requires a step-up within the window, from a UI session only', () => {
    const now = new Date('2026-01-01T12:00:00Z');
    const fresh = new Date(now.getTime() - 4 * 60_000);
    expect(() => requireStepUp(investigator({ stepUpAt: fresh }), now, 5 * 60_000)).not.toThrow();
    expect(() =>
      requireStepUp(
        investigator({ stepUpAt: new Date(now.getTime() - 6 * 60_000) }),
        now,
        5 * 60_000,
      ),
    ).toThrow(expect.objectContaining({ code: 'step_up_required' }));
    expect(() => requireStepUp(investigator({ stepUpAt: null }), now, 5 * 60_000)).toThrow(
      /Re-authenticate/,
    );
    expect(() =>
      requireStepUp(investigator({ via: 'token', stepUpAt: fresh }), now, 5 * 60_000),
    ).toThrow(/Re-authenticate/);
  });

  it('requires a justification with a case reference, a listed purpose and a reason', () => {
    expect(() => requireJustification(undefined)).toThrow(
      expect.objectContaining({ code: 'justification_required' }),
    );
    expect(() =>
      requireJustification({
        caseReference: 'C-1',
        purpose: 'curiosity',
        text: 'because I want to',
      }),
    ).toThrow(expect.objectContaining({ code: 'justification_required' }));
    const text = requireJustification({
      caseReference: 'C-2026-17',
      purpose: 'investigation',
      text: 'Production order served\\nline',
    });
    expect(JSON.parse(text)).toMatchObject({
      caseReference: 'C-2026-17',
      purpose: 'investigation',
    });
  });
});
