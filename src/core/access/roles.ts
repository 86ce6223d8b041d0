import { z } from 'zod';

/** Every role a user can hold; stored as lowercase strings. */
export const ROLES = [
  'analyst',
  'investigator',
  'supervisor',
  'agency_admin',
  'coordinator',
  'auditor',
  'partner_caseworker',
  'system_admin',
] as const;
export type Role = (typeof ROLES)[number];
export const RoleSchema = z.enum(ROLES);

/**
 * Privilege rank for the "no one acts on an account above their own" rule (R6). Roles of the same
 * rank are peers; an actor may act on a target whose highest rank is at most their own.
 */
export const ROLE_RANK: Record<Role, number> = {
  analyst: 10,
  partner_caseworker: 10,
  investigator: 20,
  supervisor: 30,
  coordinator: 30,
  auditor: 30,
  agency_admin: 40,
  system_admin: 100,
};

/** Roles that may administer accounts (of their own organisation, or any for system_admin). */
export const ADMIN_ROLES: readonly Role[] = ['agency_admin', 'system_admin'];

/** Roles a partner (counselling) organisation's users may hold. */
export const PARTNER_ROLES: readonly Role[] = ['partner_caseworker', 'agency_admin', 'auditor'];

/** The highest rank among the roles (0 for none); accounts of the same rank are peers. */
export function rankOf(roles: readonly string[]): number {
  return roles.reduce((max, r) => Math.max(max, ROLE_RANK[r as Role] ?? 0), 0);
}

/**
 * Separation of duties (R6): the auditor who reviews administrators' actions is never an
 * administrator. The database holds the same rule (constraint app_user_auditor_not_admin).
 */
export function breaksSeparationOfDuties(roles: readonly string[]): boolean {
  return roles.includes('auditor') && hasAnyRole(roles, ADMIN_ROLES);
}

export function hasAnyRole(roles: readonly string[], wanted: readonly Role[]): boolean {
  return roles.some((r) => wanted.includes(r as Role));
}
