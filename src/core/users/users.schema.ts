import { z } from 'zod';
import { RoleSchema } from '#core/access/roles.js';
import { CreateOrganisationSchema } from '#core/organisations/organisations.schema.js';

/**
 * What an administrator does to an account: `roles` (change them), `disable`, `unlock`, `reset`
 * (its password and TOTP: one-time credentials) and `tokens` (issue, list and revoke its API
 * tokens). Who may do which is UserAdmin's matrix (R6).
 */
export const ACCOUNT_ACTIONS = ['roles', 'disable', 'unlock', 'reset', 'tokens'] as const;
export type AccountAction = (typeof ACCOUNT_ACTIONS)[number];

/** Usernames: lowercase ASCII-ish handles (they appear in otpauth URIs, never in audit rows). */
export const UsernameSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9._-]{2,63}$/, '3-64 of a-z, 0-9, dot, underscore, hyphen');

/** Input to create an account (the password is checked against the policy by the service). */
export const CreateUserSchema = z.strictObject({
  organisationId: z.uuid(),
  username: UsernameSchema,
  displayName: z.string().trim().min(1).max(200),
  roles: z.array(RoleSchema).min(1).max(8),
  password: z.string().min(1).max(1024),
});
export type CreateUser = z.infer<typeof CreateUserSchema>;

/** Replace an account's roles. */
export const SetRolesSchema = z.strictObject({ roles: z.array(RoleSchema).min(1).max(8) });
export type SetRoles = z.infer<typeof SetRolesSchema>;

/** An account as the API shows it: no hashes, no TOTP secret. */
export const UserViewSchema = z.object({
  id: z.uuid(),
  organisationId: z.uuid(),
  username: z.string(),
  displayName: z.string(),
  roles: z.array(RoleSchema),
  status: z.enum(['active', 'disabled']),
  isLocked: z.boolean(),
  isDemo: z.boolean(),
  lastLoginAt: z.string().nullable(),
  createdAt: z.string(),
  /** After a reset, until the temporary password is replaced. */
  mustChangePassword: z.boolean(),
  /** False after a reset, until the user enrols a new TOTP secret. */
  isTotpEnrolled: z.boolean(),
  /** What the caller may do to this account (R6); the server refuses everything else. */
  allowedActions: z.array(z.enum(ACCOUNT_ACTIONS)),
});
export type UserView = z.infer<typeof UserViewSchema>;

/** A created account with its TOTP enrolment, shown once. */
export const CreatedUserSchema = z.object({
  user: UserViewSchema,
  totpSecret: z.string(),
  totpUri: z.string(),
});
export type CreatedUser = z.infer<typeof CreatedUserSchema>;

/**
 * The one-time credential of an administrator's reset, shown once: a temporary password that
 * signs in only to choose a new password and enrol a new TOTP secret.
 */
export const ResetResultSchema = z.object({ temporaryPassword: z.string() });
export type ResetResult = z.infer<typeof ResetResultSchema>;

/** `vigil users bootstrap --from-file`: the first system administrator and its organisation. */
export const BootstrapSchema = z.strictObject({
  organisation: CreateOrganisationSchema,
  username: UsernameSchema,
  displayName: z.string().trim().min(1).max(200),
  password: z.string().min(1).max(1024),
});
export type Bootstrap = z.infer<typeof BootstrapSchema>;

/** `vigil users create --from-file`: an account in the organisation with this code. */
export const CliCreateUserSchema = CreateUserSchema.omit({ organisationId: true }).extend({
  organisationCode: z.string().trim().min(2).max(20),
});
export type CliCreateUser = z.infer<typeof CliCreateUserSchema>;
