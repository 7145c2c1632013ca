import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import { ErrorBody } from '../../contract/common.js';
import {
  Account,
  AccountList,
  AccountParams,
  AccountPatch,
  NewAccount,
  Revoked,
  RoleTable,
  SessionList,
  SessionParams,
  SessionQuery,
  type Session,
} from '../../contract/users.js';
import { roles, rolePermissions, scopeLevels } from '../../domain/role.js';
import { audit, inTransaction, userActor } from '../../store/audit.js';
import type { Db } from '../../store/db.js';
import { clearSignInFailures, lockedNames } from '../../store/sign-in-throttle.js';
import {
  activeSessionCounts,
  checkAccountSettings,
  createUser,
  deleteSessionById,
  deleteSessionsOf,
  findUserByUsername,
  listSessions,
  listUsers,
  updateUser,
  tokenId,
  type SessionInfo,
  type User,
} from '../../store/users.js';
import { scopeSummary } from '../area-access.js';
import { requireUser, sessionCookie } from '../auth.js';
import type { Deps } from '../deps.js';
import { AppError, badRequest } from '../errors.js';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody };

async function accountBody(
  db: Db,
  user: User,
  locks: ReadonlyMap<string, Date>,
  sessions: ReadonlyMap<number, number>,
): Promise<Account> {
  return {
    username: user.username,
    displayName: user.displayName,
    role: user.role,
    scope: await scopeSummary(db, user.scopeAreaId),
    partnerKind: user.partnerKind,
    demo: user.demo,
    disabled: user.disabled,
    lockedUntil: locks.get(user.username.toLowerCase())?.toISOString() ?? null,
    activeSessions: sessions.get(user.id) ?? 0,
  };
}

async function oneAccount(db: Db, user: User): Promise<Account> {
  const locks = new Map((await lockedNames(db, new Date())).map((l) => [l.username, l.lockedUntil]));
  return accountBody(db, user, locks, await activeSessionCounts(db));
}

function sessionBody(session: SessionInfo, currentId: string | null): Session {
  return {
    id: session.id,
    username: session.username,
    createdAt: session.createdAt.toISOString(),
    lastSeenAt: session.lastSeenAt.toISOString(),
    expiresAt: session.expiresAt.toISOString(),
    ip: session.ip,
    userAgent: session.userAgent,
    current: session.id === currentId,
  };
}

function currentSessionId(token: string | undefined): string | null {
  return token ? tokenId(token) : null;
}

/**
 * Accounts and sessions (docs/roles.md): managed by the administrator (users.manage); every signed-in user sees
 * and ends their own sessions. Every change is in the audit trail.
 */
export const userRoutes: FastifyPluginAsyncTypebox<{ deps: Deps }> = async (app, { deps }) => {
  const { db } = deps;

  const existing = async (username: string): Promise<User> => {
    const user = await findUserByUsername(db, username);
    if (!user) throw new AppError('USER_NOT_FOUND', 404, `no account ${username}`, 'username');
    return user;
  };

  app.get(
    '/roles',
    {
      config: { access: 'users.manage' },
      schema: {
        summary: 'The roles, their permissions and the scopes they may hold',
        response: { 200: RoleTable, ...errors },
      },
    },
    async () => ({
      items: roles.map((role) => ({
        role,
        permissions: [...rolePermissions[role]],
        scopeLevels: scopeLevels[role] === null ? null : [...(scopeLevels[role] ?? [])],
      })),
    }),
  );

  app.get(
    '/users',
    {
      config: { access: 'users.manage' },
      schema: {
        summary: 'Every account, with its lock-out and live sessions',
        response: { 200: AccountList, ...errors },
      },
    },
    async () => {
      const locks = new Map((await lockedNames(db, new Date())).map((l) => [l.username, l.lockedUntil]));
      const sessions = await activeSessionCounts(db);
      const items: Account[] = [];
      for (const user of await listUsers(db)) items.push(await accountBody(db, user, locks, sessions));
      return { items };
    },
  );

  app.post(
    '/users',
    {
      config: { access: 'users.manage' },
      schema: {
        summary: 'Add an account',
        body: NewAccount,
        response: { 201: Account, 409: ErrorBody, ...errors },
      },
    },
    async (request, reply) => {
      const actor = requireUser(request);
      const body = request.body;
      if (await findUserByUsername(db, body.username)) {
        throw new AppError('USERNAME_TAKEN', 409, `an account ${body.username} exists already`, 'username');
      }
      const settings = await checkAccountSettings(db, body.role, body.scope ?? null, body.partnerKind ?? null);
      if (!settings.ok) throw badRequest(settings.field, `${settings.field}: ${settings.message}`);
      const created = await createUser(
        db,
        {
          username: body.username,
          displayName: body.displayName ?? body.username,
          password: body.password,
          role: body.role,
          scopeAreaId: settings.scopeAreaId,
          partnerKind: body.partnerKind ?? null,
        },
        userActor(actor),
      );
      return reply.status(201).send(await oneAccount(db, created));
    },
  );

  app.patch(
    '/users/:username',
    {
      config: { access: 'users.manage' },
      schema: {
        summary:
          'Change an account: name, password, role, scope, partner kind, disabled. A change of role, scope, partner kind or password, or disabling, ends its sessions',
        params: AccountParams,
        body: AccountPatch,
        response: { 200: Account, ...errors },
      },
    },
    async (request) => {
      const actor = requireUser(request);
      const user = await existing(request.params.username);
      const body = request.body;
      if (user.id === actor.id && (body.role !== undefined || body.disabled === true)) {
        throw badRequest(
          body.role !== undefined ? 'role' : 'disabled',
          'you cannot change your own role or disable yourself',
        );
      }
      const role = body.role ?? user.role;
      const scopeCode = body.scope !== undefined ? body.scope : user.scopeAreaCode;
      const partnerKind =
        body.partnerKind !== undefined ? body.partnerKind : role === 'partner' ? user.partnerKind : null;
      const settings = await checkAccountSettings(db, role, scopeCode, partnerKind);
      if (!settings.ok) throw badRequest(settings.field, `${settings.field}: ${settings.message}`);
      const updated = await updateUser(
        db,
        user.id,
        {
          ...(body.displayName === undefined ? {} : { displayName: body.displayName }),
          ...(body.password === undefined ? {} : { password: body.password }),
          ...(body.disabled === undefined ? {} : { disabled: body.disabled }),
          role,
          scopeAreaId: settings.scopeAreaId,
          partnerKind,
        },
        userActor(actor),
      );
      if (!updated) throw new AppError('USER_NOT_FOUND', 404, `no account ${user.username}`, 'username');
      return oneAccount(db, updated);
    },
  );

  app.post(
    '/users/:username/unlock',
    {
      config: { access: 'users.manage' },
      schema: {
        summary: 'Lift a lock-out after failed sign-ins',
        params: AccountParams,
        response: { 200: Account, ...errors },
      },
    },
    async (request) => {
      const actor = requireUser(request);
      const user = await existing(request.params.username);
      await inTransaction(db, async (trx) => {
        const wasLocked = await clearSignInFailures(trx, user.username, new Date());
        await audit(trx, {
          actor: userActor(actor),
          action: 'user.unlock',
          target: { kind: 'user', id: user.id },
          areaId: user.scopeAreaId,
          details: { username: user.username, wasLocked },
        });
      });
      return oneAccount(db, user);
    },
  );

  app.get(
    '/sessions',
    {
      config: { access: 'users.manage' },
      schema: {
        summary: 'Live sessions, every account’s or one’s',
        querystring: SessionQuery,
        response: { 200: SessionList, ...errors },
      },
    },
    async (request) => {
      const userId = request.query.username === undefined ? undefined : (await existing(request.query.username)).id;
      const current = currentSessionId(request.cookies[sessionCookie]);
      return { items: (await listSessions(db, userId)).map((s) => sessionBody(s, current)) };
    },
  );

  app.delete(
    '/sessions/:id',
    {
      config: { access: 'users.manage' },
      schema: { summary: 'End one session', params: SessionParams, response: { 204: Type.Null(), ...errors } },
    },
    async (request, reply) => {
      const actor = requireUser(request);
      await inTransaction(db, async (trx) => {
        const userId = await deleteSessionById(trx, request.params.id);
        if (userId === undefined) throw new AppError('SESSION_NOT_FOUND', 404, 'no such session', 'id');
        await audit(trx, {
          actor: userActor(actor),
          action: 'session.revoke',
          target: { kind: 'user', id: userId },
          details: { sessions: 1 },
        });
      });
      return reply.status(204).send(null);
    },
  );

  app.delete(
    '/users/:username/sessions',
    {
      config: { access: 'users.manage' },
      schema: {
        summary: 'End every session of an account',
        params: AccountParams,
        response: { 200: Revoked, ...errors },
      },
    },
    async (request) => {
      const actor = requireUser(request);
      const user = await existing(request.params.username);
      const revoked = await inTransaction(db, async (trx) => {
        const n = await deleteSessionsOf(trx, user.id);
        await audit(trx, {
          actor: userActor(actor),
          action: 'session.revoke',
          target: { kind: 'user', id: user.id },
          areaId: user.scopeAreaId,
          details: { username: user.username, sessions: n },
        });
        return n;
      });
      return { revoked };
    },
  );

  app.get(
    '/auth/sessions',
    {
      config: { access: 'signed_in' },
      schema: { summary: 'Your own live sessions', response: { 200: SessionList, 401: ErrorBody } },
    },
    async (request) => {
      const user = requireUser(request);
      const current = currentSessionId(request.cookies[sessionCookie]);
      return { items: (await listSessions(db, user.id)).map((s) => sessionBody(s, current)) };
    },
  );

  app.delete(
    '/auth/sessions',
    {
      config: { access: 'signed_in' },
      schema: {
        summary: 'Sign out everywhere: end every session of your own, this one included',
        response: { 200: Revoked, 401: ErrorBody },
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      const revoked = await inTransaction(db, async (trx) => {
        const n = await deleteSessionsOf(trx, user.id);
        await audit(trx, {
          actor: userActor(user),
          action: 'session.revoke',
          target: { kind: 'user', id: user.id },
          areaId: user.scopeAreaId,
          details: { username: user.username, sessions: n, own: true },
        });
        return n;
      });
      void reply.clearCookie(sessionCookie, { path: '/' });
      return { revoked };
    },
  );
};
