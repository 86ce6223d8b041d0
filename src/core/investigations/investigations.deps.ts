import type { Actor, CallContext } from '#core/access/actor.js';
import { requireRole } from '#core/access/guards.js';
import type { Role } from '#core/access/roles.js';
import type { AuditService } from '#core/audit/audit.service.js';
import type { FieldCipher } from '#core/crypto/field-cipher.port.js';
import type { Clock } from '#platform/clock.js';
import type { Db } from '#platform/db/client.js';
import type { LeadPackageRenderer } from './lead-package.js';

/** What the investigation services share. */
export type InvestigationsDeps = {
  db: Db;
  clock: Clock;
  audit: AuditService;
  /** Seals identities and notes; without it identities cannot be recorded (fail closed). */
  cipher: FieldCipher | undefined;
  /** How recent a step-up must be to reveal or export identities. */
  stepUpMs: number;
  /** Renders a lead package as PDF (absent: PDF export is unavailable). */
  renderPdf?: LeadPackageRenderer;
};

/** Who works cases: the unit's investigators, their supervisors and the agency administrator. */
export const CASEWORK: readonly Role[] = ['investigator', 'supervisor', 'agency_admin'];
/** Who decides on referrals received and reads the unit's statistics. */
export const SUPERVISION: readonly Role[] = ['supervisor', 'agency_admin'];

/** The acting user's id, or null for the CLI operator and jobs. */
export function actorId(actor: Actor): string | null {
  return actor.kind === 'user' ? actor.userId : null;
}

/** The role gate in the core too (the CLI operator passes; a missing role reads as not found). */
export function requireCasework(ctx: CallContext): void {
  requireRole(ctx.actor, CASEWORK);
}
