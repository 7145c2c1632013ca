import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { hasPermission, type Permission } from '../domain/role.js';
import type { Db } from '../store/db.js';
import type { Scope } from '../store/scope.js';
import { findSessionUser, type User } from '../store/users.js';
import { AppError } from './errors.js';

export const sessionCookie = 'istibaq_session';

/**
 * What a route asks of its caller: nothing (`public`), a session (`signed_in`), or a permission of the caller's
 * role (src/domain/role.ts). Every route under /api names one; the server refuses to start otherwise.
 */
export type Access = 'public' | 'signed_in' | Permission;

declare module 'fastify' {
  interface FastifyRequest {
    user: User | null;
  }
  interface FastifyContextConfig {
    access?: Access;
  }
}

export interface AuthOptions {
  db: Db;
  /** Demo accounts may sign in only in demo mode. */
  demo: boolean;
}

/**
 * Reads the session cookie of every request once and puts its user (or null) on `request.user`, then applies the
 * route's `access`: 401 without a session, 403 when the role lacks the permission — before the request is
 * validated, so that a caller without the right learns nothing from the route's error messages.
 */
export const authPlugin = fp<AuthOptions>(async (app: FastifyInstance, { db, demo }) => {
  app.decorateRequest('user', null);
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/') || route.method === 'HEAD') return;
    const access = route.config?.access;
    if (access === undefined) throw new Error(`route ${String(route.method)} ${route.url} names no access`);
  });
  app.addHook('onRequest', async (request) => {
    const token = request.cookies[sessionCookie];
    if (token) {
      const user = await findSessionUser(db, token);
      request.user = user && (demo || !user.demo) ? user : null;
    }
    const access = request.routeOptions.config.access;
    if (access === undefined || access === 'public') return;
    const user = requireUser(request);
    if (access !== 'signed_in') requirePermission(user, access);
  });
});

export function requireUser(request: FastifyRequest): User {
  if (!request.user) throw new AppError('UNAUTHENTICATED', 401, 'sign in first');
  return request.user;
}

/** The user when their role has the permission; 403 FORBIDDEN otherwise. */
export function requirePermission(user: User, permission: Permission): User {
  if (!hasPermission(user.role, permission)) {
    throw new AppError('FORBIDDEN', 403, `your role (${user.role}) does not have ${permission}`);
  }
  return user;
}

/** What a user may see: the area of their scope and everything in it, or everything for a national role. */
export function scopeOf(user: User): Scope {
  if (user.role === 'director_general' || user.role === 'administrator') return { area: null };
  if (user.scopeAreaId === null || user.scopeAreaLevel === null) return { area: { id: -1, level: 'district' } };
  return { area: { id: user.scopeAreaId, level: user.scopeAreaLevel } };
}
