import type { Role } from './roles.js';

/** Where an operation came from, for the audit row. */
export type Source = 'http' | 'cli' | 'job';

/**
 * Who is acting: an authenticated user (through a UI session or an API token), or the local
 * operator of the CLI / a background job (`kind: 'system'`, trusted by host access).
 */
export type Actor =
  | {
      kind: 'user';
      userId: string;
      organisationId: string;
      organisationKind: 'agency' | 'partner';
      roles: Role[];
      via: 'session' | 'token';
      sessionId?: string;
      tokenId?: string;
      stepUpAt?: Date | null;
      /**
       * Set when the password must change (rotation policy, or a temporary password from a reset):
       * only a password change is allowed.
       */
      mustChangePassword?: boolean;
      /** Set when an administrator's reset cleared the TOTP secret: a new one must be enrolled. */
      mustEnrolTotp?: boolean;
      /** A `credentials` session (signed in with a temporary password) only finishes a reset. */
      sessionPurpose?: 'full' | 'credentials';
    }
  | { kind: 'system'; label: string }
  | { kind: 'anonymous' };

export type UserActor = Extract<Actor, { kind: 'user' }>;

/** The request context every audited service call takes. */
export type CallContext = {
  actor: Actor;
  source: Source;
  requestId?: string;
  /** Client address, recorded in audit rows (not personal data about a subject). */
  ip?: string;
};

/** A context for the CLI operator or a job. */
export function systemContext(source: 'cli' | 'job', label: string): CallContext {
  return { actor: { kind: 'system', label }, source };
}

export function actorOrganisation(actor: Actor): string | null {
  return actor.kind === 'user' ? actor.organisationId : null;
}
