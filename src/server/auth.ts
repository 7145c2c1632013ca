import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Db } from '../store/db.js';
import type { Scope } from '../store/scope.js';
import { findSessionUser, type User } from '../store/users.js';
import { AppError } from './errors.js';

export const sessionCookie = 'istibaq_session';

declare module 'fastify' {
  interface FastifyRequest {
    user: User | null;
  }
}

export interface AuthOptions {
  db: Db;
  /** Demo accounts may sign in only in demo mode. */
  demo: boolean;
}

/** Reads the session cookie of every request once and puts its user (or null) on `request.user`. */
export const authPlugin = fp<AuthOptions>(async (app: FastifyInstance, { db, demo }) => {
  app.decorateRequest('user', null);
  app.addHook('onRequest', async (request) => {
    const token = request.cookies[sessionCookie];
    if (!token) return;
    const user = await findSessionUser(db, token);
    request.user = user && (demo || !user.demo) ? user : null;
  });
});

export function requireUser(request: FastifyRequest): User {
  if (!request.user) throw new AppError('UNAUTHENTICATED', 401, 'sign in first');
  return request.user;
}

/** What a user may see: the area of their scope and everything in it, or everything for the director-general. */
export function scopeOf(user: User): Scope {
  if (user.role === 'director_general' || user.scopeAreaId === null || user.scopeAreaLevel === null) {
    return user.role === 'director_general' ? { area: null } : { area: { id: -1, level: 'district' } };
  }
  return { area: { id: user.scopeAreaId, level: user.scopeAreaLevel } };
}
