import type { paths } from '../../api/schema.gen';
import type { CaseField } from './field-scope';

type Json<P extends keyof paths, M extends keyof paths[P]> = paths[P][M] extends {
  responses: { 200: { content: { 'application/json': infer T } } };
}
  ? T
  : never;

type CaseSummary = Json<'/api/cases', 'get'> extends { items: Array<infer I> } ? I : never;
export type AuthorityType = Json<'/api/legal-authority-types', 'get'>[number];
export type Offence = Json<'/api/offences', 'get'>[number];
export type ExpiringAuthority = Json<'/api/legal-authorities/expiring', 'get'>[number];
export type RevealedIdentity = Json<'/api/identities/{id}/reveal', 'post'>;
export type MaskedIdentity = Omit<
  RevealedIdentity,
  'name' | 'installationAddress' | 'billingAddress' | 'contact'
> & {
  name: string;
};
export type Authority = Omit<ExpiringAuthority, 'caseId' | 'caseReference'>;

/**
 * What the case page reads of GET /api/cases/{id}. The API publishes that body as an open record,
 * so its shape is written here (presentation only; the server computes every value).
 */
export type CaseDetail = CaseSummary & {
  /** The sections shown: every field for the owner, a share's field scope for a recipient. */
  fieldScope: CaseField[];
  /** The moves a person may make by hand from the current state ('closed' included). */
  handMoves: string[];
  anonymiserExplanation: string | null;
  /** Whether the caller may confirm the attribution (not the person who recorded an identity). */
  confirmation: { isAllowed: boolean; reason: string | null };
  events: Array<{
    seq: number;
    /** When the move was recorded. */
    at: string;
    /** When it happened (the same as `at` unless entered after the fact). */
    effectiveAt: string;
    fromState: string | null;
    toState: string;
    disposition: string | null;
    actorId: string | null;
    reason: string | null;
  }>;
  /** Null outside a field scope with both subjects and identities (it is computed from them). */
  readiness: {
    isComplete: boolean;
    items: Array<{ id: string; isMet: boolean; detail: string }>;
  } | null;
  legalAuthorities: Authority[];
  identities: MaskedIdentity[];
  warrants: Array<{
    id: string;
    typeCode: string;
    soughtAt: string;
    readinessOverride: string | null;
    issuedAt: string | null;
    executedAt: string | null;
    result: string | null;
  }>;
  arrests: Array<{ id: string; accusedRef: string; arrestedAt: string }>;
  charges: Array<{
    id: string;
    arrestId: string | null;
    offenceCode: string;
    section: string;
    label: string;
    laidOn: string;
  }>;
  victims: Array<{
    id: string;
    victimsIdentified: number;
    childrenSafeguarded: number;
    victimServicesRef: string;
    recordedOn: string;
  }>;
  evidence: Array<{
    id: string;
    description: string;
    sha256: string;
    custodyRef: string | null;
    recordedAt: string;
  }>;
  notes: Array<{ id: string; authorId: string | null; createdAt: string; text: string }>;
  tasks: Array<{
    id: string;
    title: string;
    dueOn: string;
    assigneeId: string | null;
    doneAt: string | null;
    isOverdue: boolean;
  }>;
};

/** What every section of the case page receives. */
export type SectionProps = { detail: CaseDetail; reload: () => void };
