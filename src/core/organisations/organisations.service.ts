import { sql, type Selectable } from 'kysely';
import type { Database } from '#platform/db/tables.js';
import { ConflictError, NotFoundError } from '#shared/errors.js';
import type { CallContext } from '#core/access/actor.js';
import { caseFieldScope } from '#core/access/field-scope.js';
import {
  isSystemAdmin,
  requireAuthenticated,
  requireRole,
  requireUser,
} from '#core/access/guards.js';
import { ADMIN_ROLES } from '#core/access/roles.js';
import { visibleTo } from '#core/access/scope.js';
import type { Trx } from '#core/audit/audit.service.js';
import type { SecurityDeps } from '#core/auth/auth.deps.js';
import type {
  CreateOrganisation,
  CreateShare,
  OrganisationView,
  ShareView,
} from './organisations.schema.js';

const ORG_OBJECT = {
  type: 'organisation',
  idColumn: 'organisation.id',
  ownerColumn: 'organisation.id',
};

/** Tenants (agencies, partners) and the explicit shares between them. */
export class OrganisationsService {
  constructor(private readonly deps: SecurityDeps) {}

  /** Creates a tenant (system administrators and the CLI operator only). */
  async createOrganisation(
    ctx: CallContext,
    input: CreateOrganisation,
    isDemo = false,
  ): Promise<OrganisationView> {
    return this.deps.audit.run(ctx, 'organisation.create', 'collection', async (trx, note) => {
      requireRole(ctx.actor, ['system_admin']);
      if (
        await trx
          .selectFrom('organisation')
          .select('id')
          .where('code', '=', input.code)
          .executeTakeFirst()
      ) {
        throw new ConflictError('Organisation code taken');
      }
      const row = await trx
        .insertInto('organisation')
        .values({ ...input, isDemo })
        .returningAll()
        .executeTakeFirstOrThrow();
      note.objectType = 'organisation';
      note.objectIds = [row.id];
      note.organisationId = row.id;
      return toOrgView(row);
    });
  }

  /** Organisations the caller can see: its own and those sharing their directory with it. */
  async listOrganisations(ctx: CallContext): Promise<OrganisationView[]> {
    return this.deps.audit.run(ctx, 'organisation.list', 'consultation', async (trx, note) => {
      requireAuthenticated(ctx.actor);
      const rows = await trx
        .selectFrom('organisation')
        .selectAll()
        .where(
          visibleTo(ctx.actor, ORG_OBJECT, this.deps.clock.now(), 'view', isSystemAdmin(ctx.actor)),
        )
        .orderBy('code')
        .execute();
      note.details.count = rows.length;
      return rows.map(toOrgView);
    });
  }

  /** One organisation; an invisible one answers like a missing one. */
  async getOrganisation(ctx: CallContext, id: string): Promise<OrganisationView> {
    return this.deps.audit.run(ctx, 'organisation.read', 'consultation', async (trx, note) => {
      note.objectType = 'organisation';
      note.objectIds = [id];
      requireAuthenticated(ctx.actor);
      const row = await trx
        .selectFrom('organisation')
        .selectAll()
        .where('id', '=', id)
        .where(
          visibleTo(ctx.actor, ORG_OBJECT, this.deps.clock.now(), 'view', isSystemAdmin(ctx.actor)),
        )
        .executeTakeFirst();
      if (!row) throw new NotFoundError('Organisation not found');
      return toOrgView(row);
    });
  }

  /** Grants a share from the caller's own organisation (administrators only); audited. */
  async createShare(ctx: CallContext, input: CreateShare): Promise<ShareView> {
    return this.deps.audit.run(ctx, 'share.create', 'disclosure', async (trx, note) => {
      requireRole(ctx.actor, ADMIN_ROLES);
      const actor = requireUser(ctx.actor);
      const recipient = await trx
        .selectFrom('organisation')
        .select('id')
        .where('id', '=', input.recipientOrganisationId)
        .executeTakeFirst();
      if (!recipient || recipient.id === actor.organisationId) {
        throw new NotFoundError('Organisation not found');
      }
      // Only the owner shares an object: another organisation's (or a missing) object is not found.
      if (input.objectId !== null) {
        await assertOwnObject(trx, input.objectType, input.objectId, actor.organisationId);
      }
      // A case share's scope filters every view of the case: only known fields, never by default
      // identities or notes.
      const fieldScope =
        input.objectType === 'case'
          ? caseFieldScope(input.fieldScope, 'fieldScope')
          : (input.fieldScope ?? []);
      const row = await trx
        .insertInto('share')
        .values({
          ...input,
          fieldScope,
          expiresAt: input.expiresAt ? new Date(input.expiresAt) : null,
          ownerOrganisationId: actor.organisationId,
          grantedBy: actor.userId,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      note.objectType = 'share';
      note.objectIds = [row.id, ...(row.objectId ? [row.objectId] : [])];
      note.details.recipient = row.recipientOrganisationId;
      note.details.fieldScope = row.fieldScope.join(',');
      note.justification = input.legalBasis;
      return toShareView(row);
    });
  }

  /** Shares the caller's organisation granted or received. */
  async listShares(ctx: CallContext): Promise<ShareView[]> {
    return this.deps.audit.run(ctx, 'share.list', 'consultation', async (trx, note) => {
      requireRole(ctx.actor, ADMIN_ROLES);
      const actor = requireUser(ctx.actor);
      const rows = await trx
        .selectFrom('share')
        .selectAll()
        .where((eb) =>
          eb.or([
            eb('ownerOrganisationId', '=', actor.organisationId),
            eb('recipientOrganisationId', '=', actor.organisationId),
          ]),
        )
        .orderBy('createdAt')
        .execute();
      note.details.count = rows.length;
      return rows.map(toShareView);
    });
  }

  /** Revokes a share, authorised against its stored owner (R2); effective on the next request. */
  async revokeShare(ctx: CallContext, id: string): Promise<void> {
    await this.deps.audit.run(ctx, 'share.revoke', 'disclosure', async (trx, note) => {
      note.objectType = 'share';
      note.objectIds = [id];
      requireRole(ctx.actor, ADMIN_ROLES, 'Share not found');
      const actor = requireUser(ctx.actor);
      const result = await trx
        .updateTable('share')
        .set({ revokedAt: sql`coalesce(revoked_at, ${this.deps.clock.now()})` })
        .where('id', '=', id)
        .where('ownerOrganisationId', '=', actor.organisationId)
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) === 0) throw new NotFoundError('Share not found');
    });
  }
}

function toOrgView(r: Selectable<Database['organisation']>): OrganisationView {
  return {
    id: r.id,
    kind: r.kind,
    code: r.code,
    name: r.name,
    jurisdiction: r.jurisdiction,
    isDemo: r.isDemo,
  };
}

function toShareView(r: Selectable<Database['share']>): ShareView {
  return {
    id: r.id,
    objectType: r.objectType,
    objectId: r.objectId,
    ownerOrganisationId: r.ownerOrganisationId,
    recipientOrganisationId: r.recipientOrganisationId,
    access: r.access,
    fieldScope: r.fieldScope,
    legalBasis: r.legalBasis,
    expiresAt: r.expiresAt?.toISOString() ?? null,
    revokedAt: r.revokedAt?.toISOString() ?? null,
  };
}

/** Where each shareable object type records its owning organisation. */
const OWNED_TYPES = {
  case: { table: 'investigation_case', owner: 'organisation_id' },
  user: { table: 'app_user', owner: 'organisation_id' },
  organisation: { table: 'organisation', owner: 'id' },
  import: { table: 'import_journal', owner: 'owner_organisation_id' },
} as const;

/** NotFoundError unless the object of this type exists and belongs to the organisation. */
async function assertOwnObject(
  trx: Trx,
  objectType: string,
  objectId: string,
  organisationId: string,
): Promise<void> {
  const type = OWNED_TYPES[objectType as keyof typeof OWNED_TYPES];
  if (!type) throw new NotFoundError('Not found');
  const { rows } = await sql<{ id: string }>`
    select id from ${sql.table(type.table)}
    where id = ${objectId} and ${sql.ref(type.owner)} = ${organisationId}`.execute(trx);
  if (rows.length === 0) throw new NotFoundError('Not found');
}
