import type { Command } from 'commander';
import { isRole, roles, scopeProblem, type Role } from '../../domain/role.js';
import { findAreaByCode } from '../../store/areas.js';
import type { Db } from '../../store/db.js';
import { createUser, findUserByUsername, listUsers, updateUser, type User } from '../../store/users.js';
import { output, UsageError, withDatabase } from '../context.js';
import { cliActor } from './audit.js';

async function readPassword(): Promise<string> {
  // An empty ISTIBAQ_PASSWORD counts as unset; either way the same minimum length applies.
  const password = process.env.ISTIBAQ_PASSWORD || (await readStdin()).replace(/\r?\n$/, '');
  if (password.length < 8) throw new UsageError('the password must have at least 8 characters');
  return password;
}

async function readStdin(): Promise<string> {
  if (process.stdin.isTTY) throw new UsageError('give the password on standard input or in ISTIBAQ_PASSWORD');
  let text = '';
  for await (const chunk of process.stdin) text += String(chunk);
  return text;
}

async function scopeFor(db: Db, role: Role, code: string | undefined): Promise<number | null> {
  const area = code === undefined ? undefined : await findAreaByCode(db, code);
  if (code !== undefined && !area) throw new UsageError(`--scope: no area with code ${code}`);
  const problem = scopeProblem(role, area?.level ?? null);
  if (problem) throw new UsageError(problem);
  return role === 'director_general' ? null : (area?.id ?? null);
}

function describe(user: User): string {
  return `${user.username.padEnd(20)} ${user.role.padEnd(17)} ${(user.scopeAreaCode ?? '(everything)').padEnd(14)} ${user.displayName}${user.demo ? ' [demo]' : ''}${user.disabled ? ' [disabled]' : ''}`;
}

async function existing(db: Db, username: string): Promise<User> {
  const user = await findUserByUsername(db, username);
  if (!user) throw new UsageError(`no user ${username}`);
  return user;
}

export function usersCommand(program: Command): void {
  const users = program.command('users').description('Manage accounts: roles and area scopes');
  const roleList = roles.join(', ');

  users
    .command('list')
    .description('List the accounts')
    .option('--json', 'print as JSON')
    .action(async (options: { json?: boolean }) => {
      await withDatabase(async (db) => {
        const list = await listUsers(db);
        output(Boolean(options.json), list, () => (list.length === 0 ? 'No accounts.' : list.map(describe).join('\n')));
      });
    });

  users
    .command('add <username>')
    .description(`Add an account; the password comes from standard input or ISTIBAQ_PASSWORD. Roles: ${roleList}`)
    .requiredOption(
      '--role <role>',
      'director_general, wali (scope: a region), district_chief (a district) or analyst (any area)',
    )
    .option('--scope <code>', 'the area the account sees (with everything inside it)')
    .option('--name <name>', 'display name (default: the username)')
    .option('--json', 'print the account as JSON')
    .action(async (username: string, options: { role: string; scope?: string; name?: string; json?: boolean }) => {
      if (!isRole(options.role)) throw new UsageError(`--role: expected one of ${roleList}`);
      if (!/^[a-z0-9._-]{2,64}$/i.test(username)) {
        throw new UsageError('username: 2 to 64 letters, digits, dots, dashes or underscores');
      }
      const role = options.role;
      await withDatabase(async (db) => {
        if (await findUserByUsername(db, username)) throw new UsageError(`user ${username} exists already`);
        const scopeAreaId = await scopeFor(db, role, options.scope);
        const user = await createUser(
          db,
          {
            username,
            displayName: options.name ?? username,
            password: await readPassword(),
            role,
            scopeAreaId,
          },
          cliActor(),
        );
        output(Boolean(options.json), user, () => `Added ${describe(user)}`);
      });
    });

  users
    .command('set-role <username> <role>')
    .description(`Change an account's role (and its scope with --scope). Roles: ${roleList}`)
    .option('--scope <code>', 'the area the account sees')
    .option('--json', 'print the account as JSON')
    .action(async (username: string, role: string, options: { scope?: string; json?: boolean }) => {
      if (!isRole(role)) throw new UsageError(`role: expected one of ${roleList}`);
      await withDatabase(async (db) => {
        const user = await existing(db, username);
        const scopeAreaId = await scopeFor(db, role, options.scope ?? user.scopeAreaCode ?? undefined);
        const updated = (await updateUser(db, user.id, { role, scopeAreaId }, cliActor())) as User;
        output(Boolean(options.json), updated, () => `Updated ${describe(updated)}`);
      });
    });

  users
    .command('set-scope <username> <code>')
    .description('Change the area an account sees (a region for a wali, a district for a district chief)')
    .option('--json', 'print the account as JSON')
    .action(async (username: string, code: string, options: { json?: boolean }) => {
      await withDatabase(async (db) => {
        const user = await existing(db, username);
        const scopeAreaId = await scopeFor(db, user.role, code);
        const updated = (await updateUser(db, user.id, { scopeAreaId }, cliActor())) as User;
        output(Boolean(options.json), updated, () => `Updated ${describe(updated)}`);
      });
    });

  users
    .command('set-password <username>')
    .description('Change a password (read from standard input or ISTIBAQ_PASSWORD)')
    .action(async (username: string) => {
      await withDatabase(async (db) => {
        const user = await existing(db, username);
        await updateUser(db, user.id, { password: await readPassword() }, cliActor());
        output(false, null, () => `Changed the password of ${username}`);
      });
    });

  for (const [name, disabled] of [
    ['disable', true],
    ['enable', false],
  ] as const) {
    users
      .command(`${name} <username>`)
      .description(`${disabled ? 'Stop' : 'Allow'} an account signing in`)
      .action(async (username: string) => {
        await withDatabase(async (db) => {
          const user = await existing(db, username);
          const updated = (await updateUser(db, user.id, { disabled }, cliActor())) as User;
          output(false, null, () => `Updated ${describe(updated)}`);
        });
      });
  }
}
