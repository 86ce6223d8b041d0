import type { Command } from 'commander';
import { systemContext } from '#core/access/actor.js';
import { RoleSchema } from '#core/access/roles.js';
import {
  BootstrapSchema,
  CliCreateUserSchema,
  type CreatedUser,
  SetRolesSchema,
} from '#core/users/users.schema.js';
import { NotFoundError, ValidationError } from '#shared/errors.js';
import { zodIssues } from '#shared/zod-error.js';
import { configFrom, withCore, type CliContext } from '../context.js';
import { databaseOptions } from '../options.js';
import { ask } from '../prompt.js';
import { readJsonFile } from '../read-json.js';

const CLI = systemContext('cli', 'vigil-cli');
type DbFlags = { dataDir?: string; databaseUrl?: string; logLevel?: string };

/** `vigil users bootstrap|create|list|unlock|roles|reset`: account administration by the host operator. */
export function usersCommand(program: Command, ctx: CliContext): void {
  const users = program
    .command('users')
    .description('Manage accounts (as the host operator; audited as source cli)');

  databaseOptions(
    users
      .command('bootstrap')
      .description('Create the first system administrator (refused if one exists)'),
  )
    .option(
      '--from-file <file>',
      'JSON: { organisation: {kind, code, name, jurisdiction}, username, displayName, password }',
    )
    .action(async (flags: DbFlags & { fromFile?: string }) => {
      const input = flags.fromFile
        ? readJsonFile(flags.fromFile, BootstrapSchema)
        : await promptBootstrap();
      await withCore(configFrom(ctx, flags), async (core) => {
        printEnrolment(ctx, await core.users.bootstrap(CLI, input));
      });
    });

  databaseOptions(users.command('create').description('Create an account'))
    .option(
      '--from-file <file>',
      'JSON: { organisationCode, username, displayName, roles, password }',
    )
    .action(async (flags: DbFlags & { fromFile?: string }) => {
      const input = flags.fromFile
        ? readJsonFile(flags.fromFile, CliCreateUserSchema)
        : await promptCreate();
      await withCore(configFrom(ctx, flags), async (core) => {
        const org = (await core.organisations.listOrganisations(CLI)).find(
          (o) => o.code === input.organisationCode,
        );
        if (!org) throw new NotFoundError(`No organisation with code ${input.organisationCode}`);
        const { organisationCode: _c, ...rest } = input;
        printEnrolment(ctx, await core.users.createUser(CLI, { ...rest, organisationId: org.id }));
      });
    });

  databaseOptions(users.command('list').description('List accounts'))
    .option('--json', 'print JSON')
    .action(async (flags: DbFlags & { json?: boolean }) => {
      await withCore(configFrom(ctx, flags), async (core) => {
        const list = await core.users.listUsers(CLI);
        if (flags.json) return ctx.stdout(JSON.stringify(list));
        for (const u of list) {
          const state = [u.status, u.isLocked ? 'locked' : '', u.isDemo ? 'DEMO' : '']
            .filter(Boolean)
            .join(',');
          ctx.stdout(`${u.id}  ${u.username.padEnd(24)} ${u.roles.join(',').padEnd(28)} ${state}`);
        }
      });
    });

  databaseOptions(
    users.command('unlock <username>').description('Release a locked account'),
  ).action(async (username: string, flags: DbFlags) => {
    await withCore(configFrom(ctx, flags), async (core) => {
      const id = await core.users.findIdByUsername(username);
      await core.users.unlockUser(CLI, id);
      ctx.stdout(`Unlocked ${id}.`);
    });
  });

  databaseOptions(
    users
      .command('roles <username> <roles>')
      .description(
        "Replace an account's roles (comma-separated; any account, system administrators included)",
      ),
  ).action(async (username: string, roles: string, flags: DbFlags) => {
    const parsed = SetRolesSchema.safeParse({ roles: roles.split(',').map((r) => r.trim()) });
    if (!parsed.success) throw new ValidationError('Unknown role', zodIssues(parsed.error));
    const input = parsed.data;
    await withCore(configFrom(ctx, flags), async (core) => {
      const id = await core.users.findIdByUsername(username);
      const view = await core.users.setRoles(CLI, id, input);
      ctx.stdout(`Roles of ${username}: ${view.roles.join(',')}; its sessions ended.`);
    });
  });

  databaseOptions(
    users
      .command('reset <username>')
      .description(
        "Reset an account's credentials (any account, system administrators included): a temporary password, TOTP cleared",
      ),
  ).action(async (username: string, flags: DbFlags) => {
    await withCore(configFrom(ctx, flags), async (core) => {
      const id = await core.users.findIdByUsername(username);
      const { temporaryPassword } = await core.users.resetPassword(CLI, id);
      ctx.stdout(`Reset ${username} (${id}); every session ended.`);
      ctx.stdout('Hand over this temporary password in person; it is shown only once:');
      ctx.stdout(`  temporary password: ${temporaryPassword}`);
      ctx.stdout(
        'At the next sign-in (password only, no code) it must be replaced, then a new TOTP secret enrolled.',
      );
    });
  });
}

function printEnrolment(ctx: CliContext, created: CreatedUser): void {
  ctx.stdout(
    `Created ${created.user.username} (${created.user.id}), roles ${created.user.roles.join(',')}.`,
  );
  ctx.stdout('Enrol this TOTP secret in an authenticator app now; it is shown only once:');
  ctx.stdout(`  secret: ${created.totpSecret}`);
  ctx.stdout(`  uri:    ${created.totpUri}`);
}

async function promptBootstrap() {
  const code = await ask('Organisation code (e.g. ORI): ');
  const name = await ask('Organisation name: ');
  const jurisdiction = await ask('Jurisdiction: ');
  return BootstrapSchema.parse({
    organisation: { kind: 'agency', code, name, jurisdiction },
    username: await ask('Username: '),
    displayName: await ask('Display name: '),
    password: await askPassword(),
  });
}

async function promptCreate() {
  return CliCreateUserSchema.parse({
    organisationCode: await ask('Organisation code: '),
    username: await ask('Username: '),
    displayName: await ask('Display name: '),
    roles: (await ask(`Roles (comma-separated: ${RoleSchema.options.join(', ')}): `))
      .split(',')
      .map((r) => r.trim()),
    password: await askPassword(),
  });
}

async function askPassword(): Promise<string> {
  const password = await ask('Password (8+ characters, a passphrase is best): ', { hidden: true });
  if ((await ask('Repeat password: ', { hidden: true })) !== password) {
    throw new ValidationError('The passwords differ');
  }
  return password;
}
