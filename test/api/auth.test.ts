import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoPassword } from '../../src/ingest/demo.js';
import type { App } from '../../src/server/app.js';
import { sessionCookie } from '../../src/server/auth.js';
import { findAreaByCode } from '../../src/store/areas.js';
import { createSession, createUser, findSessionUser, updateUser } from '../../src/store/users.js';
import { engines, seededDb, type TestDb } from '../db.js';
import { get, signIn, testApp, type ErrorReply } from './helpers.js';

interface OpenApi {
  paths: Record<string, Record<string, { responses?: Record<string, unknown> }>>;
}

/** A request that passes validation for every route that needs a session, keyed by its OpenAPI path. */
/** A black-spot study's required parameters, so that only the missing session is wrong. */
const study = 'area=07&from=2026-01-01&to=2026-01-31';

const signedInRoutes: Record<string, string> = {
  '/api/auth/me': '/api/auth/me',
  '/api/incidents': '/api/incidents',
  '/api/calls': '/api/calls',
  '/api/stats/overview': '/api/stats/overview',
  '/api/stats/areas': '/api/stats/areas?level=region',
  '/api/stats/cells': '/api/stats/cells?area=07.351',
  '/api/imports': '/api/imports',
  '/api/imports/{id}': '/api/imports/1',
  '/api/imports/presets': '/api/imports/presets',
  '/api/compstat': '/api/compstat?area=07',
  '/api/compstat/patterns': '/api/compstat/patterns?area=07',
  '/api/compstat/trends': '/api/compstat/trends?area=07',
  '/api/hotspots/kde': `/api/hotspots/kde?${study}`,
  '/api/hotspots/gistar': `/api/hotspots/gistar?${study}`,
  '/api/hotspots/classify': `/api/hotspots/classify?${study}`,
  '/api/hotspots/knox': `/api/hotspots/knox?${study}`,
  '/api/hotspots/black-spots': `/api/hotspots/black-spots?${study}`,
  '/api/hotspots/black-spots/{rank}/incidents': `/api/hotspots/black-spots/1/incidents?${study}`,
  '/api/compstat/daily': '/api/compstat/daily?area=07&category=theft',
  '/api/compstat/thresholds': '/api/compstat/thresholds?area=07',
  '/api/alerts': '/api/alerts',
  '/api/alerts/stream': '/api/alerts/stream',
  '/api/alerts/{id}/acknowledge': 'POST /api/alerts/1/acknowledge',
  '/api/subscriptions': '/api/subscriptions',
  '/api/plans': '/api/plans',
  '/api/plans/{id}': 'PATCH /api/plans/1',
  '/api/plans/{id}/progress': '/api/plans/1/progress',
  '/api/plans/{id}/units': '/api/plans/1/units',
  '/api/plans/{id}/objectives': 'POST /api/plans/1/objectives',
  '/api/plans/{id}/actions': 'POST /api/plans/1/actions',
  '/api/plans/{id}/actions/{actionId}': 'PATCH /api/plans/1/actions/1',
  '/api/plans/{id}/partners': 'POST /api/plans/1/partners',
  '/api/plans/{id}/partners/{username}': 'DELETE /api/plans/1/partners/commune.casablanca',
  '/api/partner/overview': '/api/partner/overview',
  '/api/partner/actions': '/api/partner/actions',
  '/api/submissions': '/api/submissions?area=06&week=2026-W47',
  '/api/reports/brief': '/api/reports/brief?area=06',
  '/api/reports/brief.html': '/api/reports/brief.html?area=06',
  '/api/reports/brief.pdf': '/api/reports/brief.pdf?area=06',
  '/api/patrols/log': '/api/patrols/log?from=2026-11-01&to=2026-11-07',
  '/api/patrols/fairness': '/api/patrols/fairness?from=2026-11-01&to=2026-11-07',
  '/api/patrols/plan': '/api/patrols/plan?shift=2026-11-09:morning&units=2',
  '/api/patrols/presence': '/api/patrols/presence?from=2026-11-01&to=2026-11-07',
  '/api/patrol-units': '/api/patrol-units',
  '/api/patrol-units/{code}': 'PATCH /api/patrol-units/D-06.141.01.01%2F1',
  '/api/response': '/api/response?area=07&from=2026-11-01&to=2026-11-07',
  '/api/clearance': '/api/clearance?area=07&from=2026-11-01&to=2026-11-07',
  '/api/equity': '/api/equity?area=07&from=2026-11-01&to=2026-11-07',
  '/api/equity/trend': '/api/equity/trend?area=07',
  '/api/forecast': '/api/forecast?area=07',
  '/api/audit': '/api/audit',
  '/api/incidents/{id}': 'PATCH /api/incidents/1',
  '/api/incidents/{id}/history': '/api/incidents/1/history',
  '/api/citizen-reports': '/api/citizen-reports',
  '/api/citizen-reports/{code}': 'PATCH /api/citizen-reports/ABCDEFGHJK',
  '/api/citizen-reports/{code}/merge': 'POST /api/citizen-reports/ABCDEFGHJK/merge',
  '/api/citizen-reports/{code}/incident': 'POST /api/citizen-reports/ABCDEFGHJK/incident',
  '/api/perception': '/api/perception?from=2026-11-01&to=2026-11-07',
};

/** Valid bodies for the routes that need one. */
const bodies: Record<string, object> = {
  'PATCH /api/plans/1': { title: 'A plan' },
  'POST /api/plans/1/partners': { username: 'commune.casablanca' },
  'PATCH /api/incidents/1': { status: 'closed' },
  'PATCH /api/patrol-units/D-06.141.01.01%2F1': { status: 'available' },
  'POST /api/plans/1/objectives': {
    measure: 'count',
    window: 'rolling',
    windowDays: 28,
    baseline: 'year_before',
    targetChangePct: -10,
    deadline: '2026-12-31',
  },
  'POST /api/plans/1/actions': { description: 'Patrols', ownerUnit: 'DGSN', due: '2026-12-31' },
  'PATCH /api/plans/1/actions/1': { status: 'done' },
  'PATCH /api/citizen-reports/ABCDEFGHJK': { status: 'acknowledged' },
  'POST /api/citizen-reports/ABCDEFGHJK/merge': { into: 'ABCDEFGHJM' },
  'POST /api/citizen-reports/ABCDEFGHJK/incident': { category: 'theft', occurredAt: '2026-11-01T10:00:00Z' },
};

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
      const attempt = () =>
        fresh.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'nobody', password: 'guess' } });
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
      .filter(
        ([path, methods]) => path !== '/api/auth/login' && Object.values(methods).some((op) => op.responses?.['401']),
      )
      .map(([path]) => path)
      .sort();
    expect(needingSession).toEqual(Object.keys(signedInRoutes).sort());
    for (const route of Object.values(signedInRoutes)) {
      // A route that takes no GET is written with its method: 'POST /api/…', 'PATCH /api/…', 'DELETE /api/…'; it gets a valid body,
      // so that only the missing session is wrong.
      const written = /^(POST|PATCH|DELETE) (.*)$/.exec(route);
      const [method, url] = written
        ? [written[1] as 'POST' | 'PATCH' | 'DELETE', written[2] ?? '']
        : (['GET', route] as const);
      const response = await app.inject({ method, url, ...(bodies[route] ? { payload: bodies[route] } : {}) });
      expect(response.statusCode, route).toBe(401);
      expect(response.json(), route).toEqual({ code: 'UNAUTHENTICATED', message: 'sign in first' });
    }
  });
});
