import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply } from 'fastify';
import Type from 'typebox';
import { ErrorBody } from '../../contract/common.js';
import { LoginBody, Me } from '../../contract/system.js';
import { rolePermissions } from '../../domain/role.js';
import { defaultThrottlePolicy } from '../../domain/sign-in-throttle.js';
import { clearSignInFailures, recordSignInFailure, signInLockedUntil } from '../../store/sign-in-throttle.js';
import { audit, inTransaction, userActor } from '../../store/audit.js';
import { createSession, deleteSession, verifyCredentials, type User } from '../../store/users.js';
import { scopeSummary } from '../area-access.js';
import { requireUser, sessionCookie } from '../auth.js';
import type { Deps } from '../deps.js';
import { AppError } from '../errors.js';

/** 429 ACCOUNT_LOCKED with Retry-After: the same answer whether or not an account has the name. */
function locked(reply: FastifyReply, until: Date): AppError {
  void reply.header('retry-after', String(Math.max(1, Math.ceil((until.getTime() - Date.now()) / 1000))));
  return new AppError(
    'ACCOUNT_LOCKED',
    429,
    `too many failed sign-ins under this name: locked until ${until.toISOString()}`,
  );
}

export const authRoutes: FastifyPluginAsyncTypebox<{ deps: Deps }> = async (app, { deps }) => {
  const { db } = deps;
  const me = async (user: User) => {
    return {
      username: user.username,
      displayName: user.displayName,
      role: user.role,
      scope: await scopeSummary(db, user.scopeAreaId),
      partnerKind: user.partnerKind,
      permissions: [...rolePermissions[user.role]],
      demo: user.demo,
    };
  };

  app.post(
    '/login',
    {
      schema: {
        summary: 'Sign in; sets the session cookie',
        body: LoginBody,
        response: { 200: Me, 400: ErrorBody, 401: ErrorBody, 429: ErrorBody },
      },
      config: { access: 'public', rateLimit: { max: 10, timeWindow: '1 minute' } },
    },
    async (request, reply) => {
      const { username, password } = request.body;
      const policy = deps.signInThrottle ?? defaultThrottlePolicy;
      const lockedUntil = await signInLockedUntil(db, username, new Date());
      if (lockedUntil) {
        await audit(db, {
          actor: { id: null, name: username },
          action: 'auth.login_locked',
          details: { ip: request.ip, lockedUntil: lockedUntil.toISOString() },
        });
        throw locked(reply, lockedUntil);
      }
      const user = await verifyCredentials(db, username, password);
      if (!user || user.disabled || (user.demo && !deps.demo)) {
        const why = !user ? 'unknown user or wrong password' : user.disabled ? 'account disabled' : 'demo account';
        const failure = await recordSignInFailure(db, username, new Date(), policy);
        await audit(db, {
          actor: { id: user?.id ?? null, name: username },
          action: 'auth.login_failed',
          details: { reason: why, ip: request.ip, failures: failure.failures },
        });
        if (failure.locked && failure.lockedUntil) {
          await audit(db, {
            actor: { id: user?.id ?? null, name: username },
            action: 'auth.lockout',
            details: { ip: request.ip, failures: failure.failures, lockedUntil: failure.lockedUntil.toISOString() },
          });
          throw locked(reply, failure.lockedUntil);
        }
        throw new AppError('INVALID_CREDENTIALS', 401, 'unknown user or wrong password');
      }
      await clearSignInFailures(db, username, new Date());
      const session = await inTransaction(db, async (trx) => {
        const created = await createSession(trx, user.id, deps.sessionHours, {
          ip: request.ip,
          userAgent: request.headers['user-agent'],
        });
        await audit(trx, { actor: userActor(user), action: 'auth.login', details: { ip: request.ip } });
        return created;
      });
      void reply.setCookie(sessionCookie, session.token, {
        path: '/',
        httpOnly: true,
        sameSite: 'lax',
        secure: deps.secureCookies,
        expires: session.expiresAt,
      });
      return me(user);
    },
  );

  app.post(
    '/logout',
    { config: { access: 'public' }, schema: { summary: 'Sign out; ends the session', response: { 204: Type.Null() } } },
    async (request, reply) => {
      const token = request.cookies[sessionCookie];
      const user = request.user;
      await inTransaction(db, async (trx) => {
        if (token) await deleteSession(trx, token);
        if (user) await audit(trx, { actor: userActor(user), action: 'auth.logout', details: { ip: request.ip } });
      });
      void reply.clearCookie(sessionCookie, { path: '/' });
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/me',
    {
      config: { access: 'signed_in' },
      schema: { summary: 'The signed-in user', response: { 200: Me, 401: ErrorBody } },
    },
    async (request) => me(requireUser(request)),
  );
};
