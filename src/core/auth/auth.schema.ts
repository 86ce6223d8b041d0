import { z } from 'zod';
import { RoleSchema } from '#core/access/roles.js';

/** Interactive login: password AND a TOTP code, always. */
export const LoginSchema = z.strictObject({
  username: z.string().max(200),
  password: z.string().max(1024),
  totp: z.string().max(10),
});
export type Login = z.infer<typeof LoginSchema>;

/** Re-authentication of the current session user. */
export const StepUpSchema = z.strictObject({
  password: z.string().max(1024),
  totp: z.string().max(10),
});
export type StepUp = z.infer<typeof StepUpSchema>;

export const ChangePasswordSchema = z.strictObject({
  currentPassword: z.string().max(1024),
  newPassword: z.string().max(1024),
});
export type ChangePassword = z.infer<typeof ChangePasswordSchema>;

/** The caller as GET /api/auth/me shows it. */
export const MeSchema = z.object({
  userId: z.uuid(),
  organisationId: z.uuid(),
  roles: z.array(RoleSchema),
  via: z.enum(['session', 'token']),
  stepUpAt: z.string().nullable(),
});

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
