import { z } from 'zod';
import { RoleSchema } from '#core/access/roles.js';

/**
 * Interactive login: password AND a TOTP code. Only an account whose TOTP an administrator reset
 * signs in without a code (with its temporary password), into a session that can only finish the
 * reset.
 */
export const LoginSchema = z.strictObject({
  username: z.string().max(200),
  password: z.string().max(1024),
  totp: z.string().max(10),
});
export type Login = z.infer<typeof LoginSchema>;

/** What the session opened by a login must do first (both false: nothing, it is a full session). */
export const LoginResultSchema = z.object({
  /** The password must be changed first (rotation policy, or a temporary password). */
  passwordExpired: z.boolean(),
  /** Then a TOTP secret must be enrolled (after an administrator's reset). */
  mustEnrolTotp: z.boolean(),
});
export type LoginResult = z.infer<typeof LoginResultSchema>;

/** Re-authentication of the current session user. */
export const StepUpSchema = z.strictObject({
  password: z.string().max(1024),
  totp: z.string().max(10),
});
export type StepUp = z.infer<typeof StepUpSchema>;

/**
 * Change one's own password: the current password and a TOTP code (failures count towards
 * lockout). The code is left out only while finishing a reset (no TOTP enrolled yet).
 */
export const ChangePasswordSchema = z.strictObject({
  currentPassword: z.string().max(1024),
  newPassword: z.string().max(1024),
  totp: z.string().max(10).optional(),
});
export type ChangePassword = z.infer<typeof ChangePasswordSchema>;

/** The caller as GET /api/auth/me shows it. */
export const MeSchema = z.object({
  userId: z.uuid(),
  organisationId: z.uuid(),
  roles: z.array(RoleSchema),
  via: z.enum(['session', 'token']),
  stepUpAt: z.string().nullable(),
  /** The password must be changed before anything else (rotation, or a temporary password). */
  mustChangePassword: z.boolean(),
  /** A TOTP secret must be enrolled (after an administrator's reset) before anything else. */
  mustEnrolTotp: z.boolean(),
});

/** A TOTP secret offered for enrolment, shown once: enter it (or the URI) in an authenticator. */
export const TotpEnrolmentSchema = z.object({ totpSecret: z.string(), totpUri: z.string() });
export type TotpEnrolment = z.infer<typeof TotpEnrolmentSchema>;

/** The code an authenticator shows for the offered secret, confirming the enrolment. */
export const ConfirmTotpSchema = z.strictObject({ totp: z.string().max(10) });
export type ConfirmTotp = z.infer<typeof ConfirmTotpSchema>;

/** A scoped, expiring API token for a machine client (its roles are a subset of its owner's). */
export const CreateTokenSchema = z.strictObject({
  name: z.string().trim().min(1).max(100),
  scopes: z.array(RoleSchema).min(1).max(8),
  expiresInDays: z.number().int().min(1).max(365),
});
export type CreateToken = z.infer<typeof CreateTokenSchema>;

export const TokenViewSchema = z.object({
  id: z.uuid(),
  userId: z.uuid(),
  name: z.string(),
  scopes: z.array(z.string()),
  expiresAt: z.string(),
  revokedAt: z.string().nullable(),
  lastUsedAt: z.string().nullable(),
});
export type TokenView = z.infer<typeof TokenViewSchema>;

export const CreatedTokenSchema = z.object({ token: z.string(), view: TokenViewSchema });
