import type { Selectable } from 'kysely';
import type { Database } from '#platform/db/tables.js';
import { ForbiddenError, NotFoundError, UnauthorizedError } from '#shared/errors.js';
import type { CallContext, UserActor } from '#core/access/actor.js';
import type { Role } from '#core/access/roles.js';
import { UsersRepository } from '#core/users/users.repository.js';
import type { UserAdmin } from '#core/users/user-admin.js';
import type { SecurityDeps } from './auth.deps.js';
import type { CreateToken, TokenView } from './auth.schema.js';
import { isLocked } from './credentials.js';
import { hashToken, newSecretToken } from './secret-token.js';

const users = new UsersRepository();

/** Scoped, expiring API tokens for machine clients; they never open a UI session. */
export class TokensService {
  constructor(
    private readonly deps: SecurityDeps,
    private readonly admin: UserAdmin,
  ) {}

  /** Issues a token for an account the caller may manage (R6); the secret is returned once. */
  async createToken(
    ctx: CallContext,
    userId: string,
    input: CreateToken,
  ): Promise<{ token: string; view: TokenView }> {
    return this.deps.audit.run(ctx, 'token.create', 'permission', async (trx, note) => {
      const target = await this.admin.getManageable(trx, ctx, userId, note, 'tokens');
      if (!input.scopes.every((s) => target.roles.includes(s))) {
        throw new ForbiddenError("A token's scopes must be roles its account holds");
      }
      const now = this.deps.clock.now();
      const token = newSecretToken('vgt');
      const row = await trx
        .insertInto('apiToken')
        .values({
          tokenHash: hashToken(token),
          userId: target.id,
          name: input.name,
          scopes: input.scopes,
          expiresAt: new Date(now.getTime() + input.expiresInDays * 86_400_000),
          createdBy: ctx.actor.kind === 'user' ? ctx.actor.userId : null,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      note.objectType = 'api_token';
      note.objectIds = [target.id, row.id];
      return { token, view: toView(row) };
    });
  }

  /** Tokens of an account the caller may manage. */
  async listTokens(ctx: CallContext, userId: string): Promise<TokenView[]> {
    return this.deps.audit.run(ctx, 'token.list', 'consultation', async (trx, note) => {
      const target = await this.admin.getManageable(trx, ctx, userId, note, 'tokens');
      const rows = await trx
        .selectFrom('apiToken')
        .selectAll()
        .where('userId', '=', target.id)
        .orderBy('createdAt')
        .execute();
      return rows.map(toView);
    });
  }

  /** Revokes a token; authorised against the token's stored owner, not the route. */
  async revokeToken(ctx: CallContext, tokenId: string): Promise<void> {
    await this.deps.audit.run(ctx, 'token.revoke', 'permission', async (trx, note) => {
      note.objectType = 'api_token';
      note.objectIds = [tokenId];
      const row = await trx
        .selectFrom('apiToken')
        .select(['userId'])
        .where('id', '=', tokenId)
        .executeTakeFirst();
      if (!row) throw new NotFoundError('Token not found');
      await this.admin.getManageable(trx, ctx, row.userId, note, 'tokens');
      note.objectIds = [tokenId];
      await trx
        .updateTable('apiToken')
        .set({ revokedAt: this.deps.clock.now() })
        .where('id', '=', tokenId)
        .execute();
    });
  }

  /** Resolves a bearer token to an actor whose roles are the token's scopes. */
  async authenticate(token: string): Promise<UserActor> {
    const { db, clock } = this.deps;
    const now = clock.now();
    const row = await db
      .selectFrom('apiToken')
      .selectAll()
      .where('tokenHash', '=', hashToken(token))
      .executeTakeFirst();
    if (!row || row.revokedAt || row.expiresAt <= now) {
      throw new UnauthorizedError('Invalid or expired token');
    }
    const user = await users.findById(db, row.userId);
    if (!user || user.status !== 'active' || isLocked(this.deps, user, now)) {
      throw new UnauthorizedError('Invalid or expired token');
    }
    const org = await db
      .selectFrom('organisation')
      .select('kind')
      .where('id', '=', user.organisationId)
      .executeTakeFirstOrThrow();
    await db.updateTable('apiToken').set({ lastUsedAt: now }).where('id', '=', row.id).execute();
    return {
      kind: 'user',
      userId: user.id,
      organisationId: user.organisationId,
      organisationKind: org.kind,
      roles: row.scopes.filter((s) => user.roles.includes(s)) as Role[],
      via: 'token',
      tokenId: row.id,
      stepUpAt: null,
    };
  }
}

function toView(row: Selectable<Database['apiToken']>): TokenView {
  return {
    id: row.id,
    userId: row.userId,
    name: row.name,
    scopes: row.scopes,
    expiresAt: row.expiresAt.toISOString(),
    revokedAt: row.revokedAt?.toISOString() ?? null,
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
  };
}
