import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoPassword } from '../../src/ingest/demo.js';
import type { App } from '../../src/server/app.js';
import { sessionCookie } from '../../src/server/auth.js';
import { findAreaByCode } from '../../src/store/areas.js';
import { createSession, createUser, findSessionUser, updateUser } from '../../src/store/users.js';
import { engines, seededDb, type TestDb } from '../db.js';
import { get, signIn, testApp, type ErrorReply } from './helpers.js';
import { requestOf, routeTable } from './route-table.js';

interface OpenApi {
  paths: Record<string, Record<string, { responses?: Record<string, unknown> }>>;
}

const password = 'a long enough passphrase';

describe.each(engines)('signing in on %s', (engine) => {
  let t: TestDb;
  let app: App;
  let realApp: App;
  beforeAll(async () => {
    t = await seededDb(engine);
    const region = await findAreaByCode(t.db, '04');
    await createUser(t.db, {
      username: 'wali.rabat',
      displayName: 'Wali Rabat',
      password,
      role: 'wali',
      scopeAreaId: region?.id ?? null,
    });
    app = await testApp(t.db);
    realApp = await testApp(t.db, { demo: false });
  });
  afterAll(async () => {
    await app.close();
    await realApp.close();
    await t.drop();
  });

  it('sets an httpOnly, SameSite session cookie on the whole site', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'wali.marrakech', password: demoPassword },
    });
    expect(response.statusCode).toBe(200);
    const cookie = response.cookies.find((c) => c.name === sessionCookie);
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    expect(cookie?.secure).toBeFalsy();
    expect(cookie?.value.length).toBeGreaterThanOrEqual(40);
    expect(response.json()).toMatchObject({ username: 'wali.marrakech', role: 'wali', demo: true });
  });

  it('tells who is signed in, with the scope area', async () => {
    const cookie = await signIn(app, 'chief.anfa');
    const { status, body } = await get(app, '/api/auth/me', cookie);
    expect(status).toBe(200);
    expect(body).toMatchObject({
      username: 'chief.anfa',
      role: 'district_chief',
      scope: { code: '06.141.01.01', level: 'district', nameFr: 'Anfa' },
      demo: true,
    });
  });

  it('gives the director-general no scope area: everything', async () => {
    const { body } = await get(app, '/api/auth/me', await signIn(app, 'dg'));
    expect(body).toMatchObject({ role: 'director_general', scope: null });
  });

  it('ends the session on sign-out, so its cookie no longer works', async () => {
    const cookie = await signIn(app, 'analyst.rabat');
    expect((await get(app, '/api/auth/me', cookie)).status).toBe(200);
    const out = await app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie } });
    expect(out.statusCode).toBe(204);
    expect(out.cookies.find((c) => c.name === sessionCookie)?.value).toBe('');
    const after = await get<ErrorReply>(app, '/api/auth/me', cookie);
    expect(after.status).toBe(401);
    expect(after.body.code).toBe('UNAUTHENTICATED');
    expect(await findSessionUser(t.db, cookie.split('=')[1] as string)).toBeUndefined();
  });

  it('signs out quietly without a session', async () => {
    const out = await app.inject({ method: 'POST', url: '/api/auth/logout' });
    expect(out.statusCode).toBe(204);
  });

  it('answers 401 INVALID_CREDENTIALS for a wrong password or an unknown user, alike', async () => {
    for (const payload of [
      { username: 'wali.marrakech', password: 'wrong password' },
      { username: 'nobody', password: demoPassword },
    ]) {
      const response = await app.inject({ method: 'POST', url: '/api/auth/login', payload });
      expect(response.statusCode).toBe(401);
      expect(response.json()).toEqual({ code: 'INVALID_CREDENTIALS', message: 'unknown user or wrong password' });
      expect(response.cookies).toEqual([]);
    }
  });

  it('answers 400 VALIDATION_FAILED for a sign-in without a password', async () => {
    const response = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'dg' } });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ code: 'VALIDATION_FAILED', field: 'password' });
  });

  it('refuses the demo accounts when the app does not run in demo mode', async () => {
    const response = await realApp.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'dg', password: demoPassword },
    });
    expect(response.statusCode).toBe(401);
    expect(response.json()).toMatchObject({ code: 'INVALID_CREDENTIALS' });
  });

  it('ignores a demo account’s session when the app does not run in demo mode', async () => {
    const cookie = await signIn(app, 'dg');
    expect((await get(realApp, '/api/auth/me', cookie)).status).toBe(401);
    expect((await get(realApp, '/api/incidents?limit=1', cookie)).status).toBe(401);
  });

  it('lets a real account sign in whether or not the app runs in demo mode', async () => {
    for (const server of [app, realApp]) {
      const { body } = await get(server, '/api/auth/me', await signIn(server, 'wali.rabat', password));
      expect(body).toMatchObject({ username: 'wali.rabat', role: 'wali', scope: { code: '04' }, demo: false });
    }
  });

  it('refuses a disabled account and ends what its sessions can do', async () => {
    const user = await createUser(t.db, {
      username: 'leaving',
      displayName: 'Leaving',
      password,
      role: 'analyst',
      scopeAreaId: (await findAreaByCode(t.db, '07'))?.id ?? null,
    });
    const cookie = await signIn(realApp, 'leaving', password);
    await updateUser(t.db, user.id, { disabled: true });
    expect((await get(realApp, '/api/auth/me', cookie)).status).toBe(401);
    const again = await realApp.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'leaving', password },
    });
    expect(again.statusCode).toBe(401);
    expect(again.json()).toMatchObject({ code: 'INVALID_CREDENTIALS' });
  });

  it('refuses an expired session and a made-up one', async () => {
    const user = await createUser(t.db, {
      username: 'expired',
      displayName: 'Expired',
      password,
      role: 'director_general',
      scopeAreaId: null,
    });
    const expired = await createSession(t.db, user.id, -1);
    expect((await get(app, '/api/auth/me', `${sessionCookie}=${expired.token}`)).status).toBe(401);
    expect((await get(app, '/api/auth/me', `${sessionCookie}=not-a-session`)).status).toBe(401);
    const fresh = await createSession(t.db, user.id, 1);
    expect((await get(app, '/api/auth/me', `${sessionCookie}=${fresh.token}`)).status).toBe(200);
  });

  it('answers 429 RATE_LIMITED after ten sign-in attempts in a minute', async () => {
    const fresh = await testApp(t.db);
    try {
      // A new name each time, so that the lock-out of one name (after five failures) does not answer first.
      let tries = 0;
      const attempt = () =>
        fresh.inject({
          method: 'POST',
          url: '/api/auth/login',
          payload: { username: `nobody${++tries}`, password: 'guess' },
        });
      for (let i = 0; i < 10; i++) expect((await attempt()).statusCode).toBe(401);
      const blocked = await attempt();
      expect(blocked.statusCode).toBe(429);
      expect(blocked.json()).toMatchObject({ code: 'RATE_LIMITED' });
    } finally {
      await fresh.close();
    }
  });

  it('answers 401 UNAUTHENTICATED without a session on every route that needs one', async () => {
    const doc = (await get<OpenApi>(app, '/api/openapi.json')).body;
    const needingSession = Object.entries(doc.paths)
      .flatMap(([path, methods]) =>
        Object.entries(methods)
          .filter(([, op]) => op.responses?.['401'] && path !== '/api/auth/login')
          .map(([method]) => `${method.toUpperCase()} ${path}`),
      )
      .sort();
    expect(needingSession).toEqual(
      Object.entries(routeTable)
        .filter(([, line]) => line.access !== 'public')
        .map(([operation]) => operation)
        .sort(),
    );
    for (const operation of needingSession) {
      const line = routeTable[operation];
      if (!line) throw new Error(`${operation} is not in test/api/route-table.ts`);
      // The session is checked before the request is read: no body is needed to be told to sign in.
      const response = await app.inject(requestOf(line));
      expect(response.statusCode, operation).toBe(401);
      expect(response.json(), operation).toEqual({ code: 'UNAUTHENTICATED', message: 'sign in first' });
    }
  });
});
