import { randomBytes } from 'node:crypto';
import { ConflictError } from '#shared/errors.js';
import type { CallContext } from '#core/access/actor.js';
import type { Role } from '#core/access/roles.js';
import type { OrganisationsService } from '#core/organisations/organisations.service.js';
import type { UsersService } from './users.service.js';

const DEMO_ROLES: Array<{ org: 'A' | 'B' | 'P'; username: string; roles: Role[] }> = [
  { org: 'A', username: 'demo-a-admin', roles: ['agency_admin'] },
  { org: 'A', username: 'demo-a-investigator', roles: ['investigator'] },
  { org: 'A', username: 'demo-a-analyst', roles: ['analyst'] },
  { org: 'A', username: 'demo-a-auditor', roles: ['auditor'] },
  { org: 'B', username: 'demo-b-investigator', roles: ['investigator'] },
  { org: 'B', username: 'demo-b-supervisor', roles: ['supervisor'] },
  { org: 'P', username: 'demo-p-caseworker', roles: ['partner_caseworker'] },
];

export type DemoAccount = { username: string; password: string; totpSecret: string; roles: Role[] };

/**
 * Creates clearly labelled demo tenants (is_demo = true) and one account per typical role. The two
 * demo agencies carry the codes of two seeded jurisdiction agencies (Toronto and Greater Sudbury),
 * because a user's queue holds the subjects whose agency of jurisdiction has their organisation's
 * code: agency A sees Toronto's subjects, agency B Sudbury's, and neither sees the other's. Each
 * account has a random password, returned once. Refuses unless demo mode is on,
 * so a production start never gets default accounts.
 */
export async function createDemoAccounts(
  services: { users: UsersService; organisations: OrganisationsService },
  ctx: CallContext,
  options: { demoMode: boolean },
): Promise<DemoAccount[]> {
  if (!options.demoMode) throw new ConflictError('Demo accounts exist only in demo mode');
  const orgs = {
    A: await services.organisations.createOrganisation(
      ctx,
      { kind: 'agency', code: 'ON-TPS', name: 'DEMO Agency A (Toronto)', jurisdiction: 'Toronto' },
      true,
    ),
    B: await services.organisations.createOrganisation(
      ctx,
      {
        kind: 'agency',
        code: 'ON-GSPS',
        name: 'DEMO Agency B (Greater Sudbury)',
        jurisdiction: 'Greater Sudbury',
      },
      true,
    ),
    P: await services.organisations.createOrganisation(
      ctx,
      { kind: 'partner', code: 'DEMO-P', name: 'DEMO Counselling Partner', jurisdiction: 'Demo' },
      true,
    ),
  };
  const accounts: DemoAccount[] = [];
  for (const d of DEMO_ROLES) {
    const password = randomBytes(12).toString('base64url');
    const created = await services.users.createUser(
      ctx,
      {
        organisationId: orgs[d.org].id,
        username: d.username,
        displayName: `DEMO ${d.roles.join(' ')}`,
        roles: d.roles,
        password,
      },
      { isDemo: true },
    );
    accounts.push({
      username: d.username,
      password,
      totpSecret: created.totpSecret,
      roles: d.roles,
    });
  }
  return accounts;
}
