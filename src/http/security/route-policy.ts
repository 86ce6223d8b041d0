import type { Role } from '#core/access/roles.js';
import type { AuditCategory } from '#core/audit/audit.schema.js';

/**
 * How a route is protected: `public` (no caller), `session` (a UI session only; API tokens get
 * 401), `any` (a UI session or an API token). `roles` (when given) must include one of the caller's
 * roles, else 404. `audit` is the action of the route's audit row (written by the service in the
 * operation's transaction; the gate writes it for role denials); 'none' only for routes that reveal
 * nothing but static text or the caller's own session.
 */
export type RoutePolicy = {
  auth: 'public' | 'session' | 'any';
  roles?: readonly Role[];
  audit: string;
  /**
   * Set for routes whose service does not yet write its own audit row: the gate then writes one row
   * per call (after the handler, so for writes it is not in the operation's transaction: an interim
   * measure, listed in docs/SECURITY.md, until those services take a CallContext).
   */
  auditedBy?: { gate: AuditCategory };
  /**
   * Police data (hash sets, matching, attribution, intake, subjects): a user or token of a partner
   * (counselling) organisation, or holding only partner roles, gets 403 whatever its roles.
   */
  police?: true;
  /** The query parameter holding the caller's stated reason, written to the gate's audit row (R14). */
  statedReason?: string;
  /**
   * For a gate-audited route: the query parameter naming the object it reads (e.g. `importId`), so
   * that the audit row names the object and its owner sees the access (issue 14 item 6).
   */
  auditObject?: { query: string; type: string };
  /** The agency-scoped object named by the path's {id}, and whether the route reads or edits it. */
  object?: { type: ObjectType; access: 'view' | 'edit' };
};

const ADMINS: Role[] = ['agency_admin', 'system_admin'];
const READERS: Role[] = ['agency_admin', 'system_admin', 'supervisor', 'auditor'];
/** Who handles incoming leads: the unit's analysts and investigators and their supervisors. */
const INTAKE: Role[] = [
  'analyst',
  'investigator',
  'supervisor',
  'agency_admin',
  'coordinator',
  'system_admin',
];

/** Who works cases (src/core/investigations: the core checks the same roles and the case's agency). */
const CASEWORK: Role[] = ['investigator', 'supervisor', 'agency_admin'];
const SUPERVISION: Role[] = ['supervisor', 'agency_admin'];

/** Object kinds the route matrix test knows how to seed (own / shared / other / missing). */
export type ObjectType = 'user' | 'organisation' | 'share' | 'token';
const view = (type: ObjectType) => ({ type, access: 'view' as const });
const edit = (type: ObjectType) => ({ type, access: 'edit' as const });

/**
 * EVERY route of the API, keyed `METHOD /api/path/{param}`. A route missing here is refused with
 * 500 at run time and fails the route x role x object matrix test: classify each new route with one
 * line. (Object-level checks, shares and R6 live in the core; this table is the first gate.)
 */
export const ROUTE_POLICIES: Record<string, RoutePolicy> = {
  // The web UI's static files and SPA pages (src/http/static-ui.ts): no data, so public.
  'GET /*': { auth: 'public', audit: 'none' },
  'GET /api/health': { auth: 'public', audit: 'none' },
  // Counts and durations only, no investigative data; not audited, as a scrape every 15 s would
  // bury the audit log (docs/OPERATIONS.md). A bearer token lets Prometheus scrape it.
  'GET /api/metrics': { auth: 'any', roles: ['system_admin'], audit: 'none' },
  'GET /api/openapi.json': { auth: 'public', audit: 'none' },
  'GET /api/auth/notice': { auth: 'public', audit: 'none' },
  'POST /api/auth/login': { auth: 'public', audit: 'auth.login' },
  'POST /api/auth/logout': { auth: 'session', audit: 'auth.logout' },
  'POST /api/auth/step-up': { auth: 'session', audit: 'auth.step_up' },
  'POST /api/auth/password': { auth: 'session', audit: 'auth.password_change' },
  'POST /api/auth/totp/enrolment': { auth: 'session', audit: 'auth.totp_enrolment' },
  'POST /api/auth/totp/enrolment/confirm': { auth: 'session', audit: 'auth.totp_confirm' },
  'GET /api/auth/me': { auth: 'any', audit: 'none' },
  'GET /api/organisations': { auth: 'any', audit: 'organisation.list' },
  'POST /api/organisations': {
    auth: 'session',
    roles: ['system_admin'],
    audit: 'organisation.create',
  },
  'GET /api/organisations/{id}': {
    auth: 'any',
    audit: 'organisation.read',
    object: view('organisation'),
  },
  'GET /api/shares': { auth: 'session', roles: ADMINS, audit: 'share.list' },
  'POST /api/shares': { auth: 'session', roles: ADMINS, audit: 'share.create' },
  'DELETE /api/shares/{id}': {
    auth: 'session',
    roles: ADMINS,
    audit: 'share.revoke',
    object: edit('share'),
  },
  'GET /api/users': { auth: 'session', roles: READERS, audit: 'user.list' },
  'POST /api/users': { auth: 'session', roles: ADMINS, audit: 'user.create' },
  'GET /api/users/{id}': {
    auth: 'session',
    roles: READERS,
    audit: 'user.read',
    object: view('user'),
  },
  'POST /api/users/{id}/disable': {
    auth: 'session',
    roles: ADMINS,
    audit: 'user.disable',
    object: edit('user'),
  },
  'PUT /api/users/{id}/roles': {
    auth: 'session',
    roles: ADMINS,
    audit: 'user.roles_change',
    object: edit('user'),
  },
  'POST /api/users/{id}/password-reset': {
    auth: 'session',
    roles: ADMINS,
    audit: 'user.password_reset',
    object: edit('user'),
  },
  'POST /api/users/{id}/mfa-reset': {
    auth: 'session',
    roles: ADMINS,
    audit: 'user.mfa_reset',
    object: edit('user'),
  },
  'POST /api/users/{id}/unlock': {
    auth: 'session',
    roles: ADMINS,
    audit: 'user.unlock',
    object: edit('user'),
  },
  'GET /api/users/{id}/tokens': {
    auth: 'session',
    roles: ADMINS,
    audit: 'token.list',
    object: edit('user'),
  },
  'POST /api/users/{id}/tokens': {
    auth: 'session',
    roles: ADMINS,
    audit: 'token.create',
    object: edit('user'),
  },
  'DELETE /api/tokens/{id}': {
    auth: 'session',
    roles: ADMINS,
    audit: 'token.revoke',
    object: edit('token'),
  },
  'GET /api/audit': { auth: 'session', roles: ['auditor'], audit: 'audit.read' },
  // The installation's signed chain heads (sizes and hashes only, no entry): any agency's auditor.
  'GET /api/audit/checkpoints': {
    auth: 'session',
    roles: ['auditor'],
    audit: 'audit.checkpoint_export',
  },
  // Hash sets are reference data of the whole installation, not agency-scoped objects.
  'POST /api/hashsets/import': {
    police: true,
    auth: 'any',
    roles: ['system_admin'],
    audit: 'hashset.import',
  },
  'GET /api/hashsets': { auth: 'any', audit: 'hashset.list', police: true },
  'POST /api/intake/imports': {
    police: true,
    auth: 'any',
    roles: INTAKE,
    audit: 'intake.import',
    auditedBy: { gate: 'collection' },
  },
  'GET /api/intake/imports': {
    auth: 'any',
    roles: INTAKE,
    audit: 'intake.list',
    police: true,
    auditedBy: { gate: 'consultation' },
  },
  'GET /api/intake/quarantine': {
    auditObject: { query: 'importId', type: 'import' },
    police: true,
    auth: 'any',
    roles: INTAKE,
    audit: 'quarantine.list',
    auditedBy: { gate: 'consultation' },
  },
  'GET /api/intake/quarantine/export': {
    auditObject: { query: 'importId', type: 'import' },
    police: true,
    auth: 'session',
    roles: INTAKE,
    audit: 'quarantine.export',
    auditedBy: { gate: 'disclosure' },
    statedReason: 'reason',
  },
  'POST /api/intake/rematch': {
    police: true,
    auth: 'any',
    roles: ['system_admin'],
    audit: 'intake.rematch',
    auditedBy: { gate: 'combination' },
  },
  'POST /api/attribution/lookup': {
    police: true,
    auth: 'any',
    roles: INTAKE,
    audit: 'attribution.lookup',
    auditedBy: { gate: 'consultation' },
  },
  'GET /api/attribution/sources': { auth: 'any', audit: 'none', police: true },
  'POST /api/attribution/tor-lists': {
    police: true,
    auth: 'any',
    roles: ['system_admin'],
    audit: 'attribution.tor_import',
    auditedBy: { gate: 'collection' },
  },
  'GET /api/jurisdiction/rules': {
    police: true,
    auth: 'any',
    audit: 'jurisdiction.list',
    auditedBy: { gate: 'consultation' },
  },
  'PUT /api/jurisdiction/rules': {
    police: true,
    auth: 'session',
    roles: ['system_admin'],
    audit: 'jurisdiction.set',
    auditedBy: { gate: 'alteration' },
  },
  'POST /api/jurisdiction/rules/remove': {
    police: true,
    auth: 'session',
    roles: ['system_admin'],
    audit: 'jurisdiction.remove',
    auditedBy: { gate: 'alteration' },
  },
  'GET /api/hashsets/{id}': { auth: 'any', audit: 'hashset.read', police: true },
  // Static reference text from the code (which categories make a lead): not audited.
  'GET /api/hashsets/category-policy': {
    auth: 'any',
    roles: ['analyst', 'investigator', 'supervisor', 'agency_admin', 'system_admin'],
    audit: 'none',
    police: true,
  },
  'POST /api/match': { auth: 'any', audit: 'hashset.match', police: true },
  'GET /api/queue': { auth: 'any', roles: INTAKE, audit: 'subject.queue', police: true },
  'GET /api/subjects/{id}': { auth: 'any', roles: INTAKE, audit: 'subject.read', police: true },
  'POST /api/subjects/rescore': {
    auth: 'any',
    roles: INTAKE,
    audit: 'subject.rescore_request',
    police: true,
  },
  'POST /api/subjects/merge': { auth: 'any', roles: INTAKE, audit: 'subject.merge', police: true },
  'POST /api/subjects/{id}/split': {
    auth: 'any',
    roles: INTAKE,
    audit: 'subject.split',
    police: true,
  },
  // Rule sets are installation-wide: administrators read them, system administrators change them.
  'GET /api/rule-sets': { auth: 'any', roles: ADMINS, audit: 'rule_set.list' },
  'GET /api/rule-sets/{version}': { auth: 'any', roles: ADMINS, audit: 'rule_set.read' },
  'POST /api/rule-sets': { auth: 'session', roles: ['system_admin'], audit: 'rule_set.create' },
  // Investigations: cases are agency-scoped; the core answers 404 for another agency's case,
  // warrant, task, identity or referral (object checks through the stored parent case, R2).
  'POST /api/cases': { auth: 'session', roles: CASEWORK, audit: 'case.open' },
  'GET /api/cases': { auth: 'session', roles: CASEWORK, audit: 'case.list' },
  'GET /api/cases/{id}': { auth: 'session', roles: CASEWORK, audit: 'case.read' },
  'POST /api/cases/{id}/transitions': {
    auth: 'session',
    roles: CASEWORK,
    audit: 'case.transition',
  },
  'PUT /api/cases/{id}/assignment': { auth: 'session', roles: CASEWORK, audit: 'case.assign' },
  'GET /api/cases/{id}/readiness': { auth: 'session', roles: CASEWORK, audit: 'case.readiness' },
  'POST /api/cases/{id}/confirmations': { auth: 'session', roles: CASEWORK, audit: 'case.confirm' },
  'PUT /api/cases/{id}/anonymiser-explanation': {
    auth: 'session',
    roles: CASEWORK,
    audit: 'case.anonymiser_explain',
  },
  'GET /api/legal-authority-types': {
    auth: 'any',
    roles: CASEWORK,
    audit: 'legal_authority.types',
  },
  'GET /api/offences': { auth: 'any', roles: CASEWORK, audit: 'offence.list' },
  'GET /api/legal-authorities/expiring': {
    auth: 'any',
    roles: CASEWORK,
    audit: 'legal_authority.expiring',
  },
  'POST /api/cases/{id}/authorities': {
    auth: 'session',
    roles: CASEWORK,
    audit: 'legal_authority.record',
  },
  'POST /api/cases/{id}/identities': { auth: 'session', roles: CASEWORK, audit: 'identity.attach' },
  'POST /api/cases/{id}/third-party-ips': {
    auth: 'session',
    roles: CASEWORK,
    audit: 'third_party_ip.record',
  },
  'POST /api/identities/{id}/reveal': {
    auth: 'session',
    roles: CASEWORK,
    audit: 'identity.reveal',
  },
  'POST /api/cases/{id}/warrants': { auth: 'session', roles: CASEWORK, audit: 'warrant.seek' },
  'POST /api/warrants/{id}/execution': {
    auth: 'session',
    roles: CASEWORK,
    audit: 'warrant.execute',
  },
  'POST /api/cases/{id}/arrests': { auth: 'session', roles: CASEWORK, audit: 'arrest.record' },
  'POST /api/cases/{id}/charges': { auth: 'session', roles: CASEWORK, audit: 'charge.record' },
  'POST /api/cases/{id}/victims': { auth: 'session', roles: CASEWORK, audit: 'victim.record' },
  'POST /api/cases/{id}/evidence': { auth: 'session', roles: CASEWORK, audit: 'evidence.record' },
  'POST /api/cases/{id}/notes': { auth: 'session', roles: CASEWORK, audit: 'note.add' },
  'POST /api/cases/{id}/tasks': { auth: 'session', roles: CASEWORK, audit: 'task.add' },
  'POST /api/tasks/{id}/done': { auth: 'session', roles: CASEWORK, audit: 'task.complete' },
  'POST /api/cases/{id}/referrals': { auth: 'session', roles: CASEWORK, audit: 'referral.create' },
  'GET /api/referrals': { auth: 'session', roles: CASEWORK, audit: 'referral.list' },
  'GET /api/referrals/{id}/package': {
    auth: 'session',
    roles: CASEWORK,
    audit: 'referral.package',
  },
  'GET /api/referrals/{id}/package/pdf': {
    auth: 'session',
    roles: CASEWORK,
    audit: 'referral.package_pdf',
  },
  'POST /api/referrals/{id}/accept': {
    auth: 'session',
    roles: SUPERVISION,
    audit: 'referral.accept',
  },
  'POST /api/referrals/{id}/decline': {
    auth: 'session',
    roles: SUPERVISION,
    audit: 'referral.decline',
  },
  // The sending agency withdraws (the users who refer); the core checks the referral's sender.
  'POST /api/referrals/{id}/withdraw': {
    auth: 'session',
    roles: CASEWORK,
    audit: 'referral.withdraw',
  },
  'POST /api/cases/{id}/package': { auth: 'session', roles: CASEWORK, audit: 'case.export' },
  'POST /api/cases/{id}/package/pdf': {
    auth: 'session',
    roles: CASEWORK,
    audit: 'case.export_pdf',
  },
  'GET /api/reports/unit': { auth: 'any', roles: CASEWORK, audit: 'report.unit' },
};

/** `/api/users/:id` (Hono) as `/api/users/{id}` (OpenAPI). */
export function policyKey(method: string, honoPath: string): string {
  return `${method.toUpperCase()} ${honoPath.replace(/:([A-Za-z0-9_]+)/g, '{$1}')}`;
}
