import type { Command } from 'commander';
import {
  isPartnerKind,
  isRole,
  partnerKinds,
  rolePermissions,
  roles,
  scopeLevels,
  type PartnerKind,
  type Role,
} from '../../domain/role.js';
import { audit, inTransaction } from '../../store/audit.js';
import type { Db } from '../../store/db.js';
import { clearSignInFailures, lockedNames } from '../../store/sign-in-throttle.js';
import {
  checkAccountSettings,
  createUser,
  deleteSessionsOf,
  findUserByUsername,
  listSessions,
  listUsers,
  updateUser,
  type User,
} from '../../store/users.js';
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

function partnerKindOption(value: string | undefined): PartnerKind | null {
  if (value === undefined) return null;
  if (!isPartnerKind(value)) throw new UsageError(`--partner-kind: expected one of ${partnerKinds.join(', ')}`);
  return value;
}

/** The area id for this role, scope and partner kind, or a usage error naming the option at fault. */
async function scopeFor(
  db: Db,
  role: Role,
  code: string | undefined,
  partnerKind: PartnerKind | null,
): Promise<number | null> {
  const settings = await checkAccountSettings(db, role, code ?? null, partnerKind);
  if (!settings.ok) {
    throw new UsageError(`--${settings.field === 'scope' ? 'scope' : 'partner-kind'}: ${settings.message}`);
  }
  return settings.scopeAreaId;
}

function describe(user: User): string {
  const kind = user.partnerKind === null ? '' : ` (${user.partnerKind})`;
  return `${user.username.padEnd(20)} ${user.role.padEnd(17)} ${(user.scopeAreaCode ?? '(everything)').padEnd(14)} ${user.displayName}${kind}${user.demo ? ' [demo]' : ''}${user.disabled ? ' [disabled]' : ''}`;
}

const roleHelp =
  'director_general, wali (scope: a region), district_chief (a district), analyst (any area), judicial_police (any ' +
  'area), partner (a region, province, city, prefecture or district; with --partner-kind), auditor (the country, ' +
  'MA) or administrator';

async function existing(db: Db, username: string): Promise<User> {
  const user = await findUserByUsername(db, username);
  if (!user) throw new UsageError(`no user ${username}`);
  return user;
}

export function usersCommand(program: Command): void {
  const users = program
    .command('users')
    .description('Manage accounts: roles, area scopes, lock-outs and sessions (docs/roles.md)');
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
    .requiredOption('--role <role>', roleHelp)
    .option('--scope <code>', 'the area the account sees (with everything inside it)')
    .option('--partner-kind <kind>', `for a partner: ${partnerKinds.join(', ')}`)
    .option('--name <name>', 'display name (default: the username)')
    .option('--json', 'print the account as JSON')
    .action(
      async (
        username: string,
        options: { role: string; scope?: string; partnerKind?: string; name?: string; json?: boolean },
      ) => {
        if (!isRole(options.role)) throw new UsageError(`--role: expected one of ${roleList}`);
        const partnerKind = partnerKindOption(options.partnerKind);
        if (!/^[a-z0-9._-]{2,64}$/i.test(username)) {
          throw new UsageError('username: 2 to 64 letters, digits, dots, dashes or underscores');
        }
        const role = options.role;
        await withDatabase(async (db) => {
          if (await findUserByUsername(db, username)) throw new UsageError(`user ${username} exists already`);
          const scopeAreaId = await scopeFor(db, role, options.scope, partnerKind);
          const user = await createUser(
            db,
            {
              username,
              displayName: options.name ?? username,
              password: await readPassword(),
              role,
              scopeAreaId,
              partnerKind,
            },
            cliActor(),
          );
          output(Boolean(options.json), user, () => `Added ${describe(user)}`);
        });
      },
    );

  users
    .command('set-role <username> <role>')
    .description(
      `Change an account's role (and its scope with --scope, its partner kind with --partner-kind); ends its sessions. Roles: ${roleList}`,
    )
    .option('--scope <code>', 'the area the account sees')
    .option('--partner-kind <kind>', `for a partner: ${partnerKinds.join(', ')}`)
    .option('--json', 'print the account as JSON')
    .action(
      async (username: string, role: string, options: { scope?: string; partnerKind?: string; json?: boolean }) => {
        if (!isRole(role)) throw new UsageError(`role: expected one of ${roleList}`);
        const givenKind = partnerKindOption(options.partnerKind);
        await withDatabase(async (db) => {
          const user = await existing(db, username);
          const partnerKind = role === 'partner' ? (givenKind ?? user.partnerKind) : givenKind;
          const scope = scopeLevels[role] === null ? undefined : (options.scope ?? user.scopeAreaCode ?? undefined);
          const scopeAreaId = await scopeFor(db, role, scope, partnerKind);
          const updated = (await updateUser(db, user.id, { role, scopeAreaId, partnerKind }, cliActor())) as User;
          output(Boolean(options.json), updated, () => `Updated ${describe(updated)}`);
        });
      },
    );

  users
    .command('set-scope <username> <code>')
    .description(
      'Change the area an account sees (a region for a wali, a district for a district chief); ends its sessions',
    )
    .option('--json', 'print the account as JSON')
    .action(async (username: string, code: string, options: { json?: boolean }) => {
      await withDatabase(async (db) => {
        const user = await existing(db, username);
        const scopeAreaId = await scopeFor(db, user.role, code, user.partnerKind);
        const updated = (await updateUser(db, user.id, { scopeAreaId }, cliActor())) as User;
        output(Boolean(options.json), updated, () => `Updated ${describe(updated)}`);
      });
    });

  users
    .command('set-password <username>')
    .description('Change a password (read from standard input or ISTIBAQ_PASSWORD); ends the account’s sessions')
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
      .description(
        `${disabled ? 'Stop an account signing in and end its sessions' : 'Allow an account to sign in again'}`,
      )
      .action(async (username: string) => {
        await withDatabase(async (db) => {
          const user = await existing(db, username);
          const updated = (await updateUser(db, user.id, { disabled }, cliActor())) as User;
          output(false, null, () => `Updated ${describe(updated)}`);
        });
      });
  }

  users
    .command('unlock <username>')
    .description('Lift the lock-out that failed sign-ins put on an account name')
    .action(async (username: string) => {
      await withDatabase(async (db) => {
        const user = await existing(db, username);
        const wasLocked = await inTransaction(db, async (trx) => {
          const locked = await clearSignInFailures(trx, user.username, new Date());
          await audit(trx, {
            actor: cliActor(),
            action: 'user.unlock',
            target: { kind: 'user', id: user.id },
            areaId: user.scopeAreaId,
            details: { username: user.username, wasLocked: locked },
          });
          return locked;
        });
        output(false, null, () =>
          wasLocked ? `Unlocked ${username}` : `${username} was not locked; failures cleared`,
        );
      });
    });

  users
    .command('sessions [username]')
    .description('List live sessions (all, or one account’s), and the account names locked by failed sign-ins')
    .option('--json', 'print as JSON')
    .action(async (username: string | undefined, options: { json?: boolean }) => {
      await withDatabase(async (db) => {
        const userId = username === undefined ? undefined : (await existing(db, username)).id;
        const sessions = await listSessions(db, userId);
        const locked = await lockedNames(db, new Date());
        output(Boolean(options.json), { sessions, locked }, () =>
          [
            sessions.length === 0 ? 'No live sessions.' : `${sessions.length} live session(s):`,
            ...sessions.map(
              (s) =>
                `  ${s.username.padEnd(20)} since ${s.createdAt.toISOString()}  last seen ${s.lastSeenAt.toISOString()}  until ${s.expiresAt.toISOString()}  ${s.ip ?? ''}  ${s.id.slice(0, 12)}`,
            ),
            ...locked.map((l) => `Locked: ${l.username} until ${l.lockedUntil.toISOString()}`),
          ].join('\n'),
        );
      });
    });

  users
    .command('revoke <username>')
    .description('End every session of an account (it must sign in again)')
    .action(async (username: string) => {
      await withDatabase(async (db) => {
        const user = await existing(db, username);
        const revoked = await inTransaction(db, async (trx) => {
          const n = await deleteSessionsOf(trx, user.id);
          await audit(trx, {
            actor: cliActor(),
            action: 'session.revoke',
            target: { kind: 'user', id: user.id },
            areaId: user.scopeAreaId,
            details: { username: user.username, sessions: n },
          });
          return n;
        });
        output(false, null, () => `Ended ${revoked} session(s) of ${username}`);
      });
    });

  users
    .command('roles')
    .description('Print each role with its permissions and the scopes it may hold')
    .option('--json', 'print as JSON')
    .action((options: { json?: boolean }) => {
      const table = roles.map((role) => ({
        role,
        permissions: rolePermissions[role],
        scopeLevels: scopeLevels[role],
      }));
      output(Boolean(options.json), table, () =>
        table
          .map(
            (r) =>
              `${r.role.padEnd(17)} scope: ${r.scopeLevels === null ? 'the whole country' : r.scopeLevels.join(', ')}\n${' '.repeat(18)}may: ${r.permissions.join(', ')}`,
          )
          .join('\n'),
      );
    });
}
