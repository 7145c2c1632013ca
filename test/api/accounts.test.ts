/**
 * Accounts and sessions through the API, on both engines: only the administrator manages accounts; a new account's
 * role, scope and partner kind are checked field by field; failed sign-ins lock a name (known or not) and an
 * administrator lifts the lock; sessions are listed with where they came from and end when revoked, when the
 * account's role changes, or when their owner signs out everywhere. Every one of these is in the audit trail.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Me } from '../../src/contract/system.js';
import type { Account, AccountList, SessionList } from '../../src/contract/users.js';
import { rolePermissions } from '../../src/domain/role.js';
import type { App } from '../../src/server/app.js';
import { sessionCookie } from '../../src/server/auth.js';
import { listAudit } from '../../src/store/audit.js';
import { engines, seededDb, type TestDb } from '../db.js';
import { get, signIn, testApp, type ErrorReply } from './helpers.js';

const password = 'accounts fixture password';

async function send<T = ErrorReply>(
  app: App,
  method: 'POST' | 'PATCH' | 'DELETE',
  url: string,
  cookie: string,
  payload?: Record<string, unknown>,
): Promise<{ status: number; body: T }> {
  const response = await app.inject(
    payload === undefined ? { method, url, headers: { cookie } } : { method, url, headers: { cookie }, payload },
  );
  return { status: response.statusCode, body: (response.body ? response.json() : undefined) as T };
}

async function attempt(app: App, username: string, pass: string) {
  const response = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: pass } });
  const cookie = response.cookies.find((c) => c.name === sessionCookie);
  return {
    status: response.statusCode,
    body: response.json<ErrorReply & Me>(),
    headers: response.headers,
    cookie: cookie ? `${cookie.name}=${cookie.value}` : '',
  };
}

describe.each(engines)('accounts and sessions on %s', (engine) => {
  let t: TestDb;
  let app: App;
  let admin: string;

  beforeAll(async () => {
    t = await seededDb(engine);
    app = await testApp(t.db);
    admin = await signIn(app, 'admin');
  }, 300_000);

  afterAll(async () => {
    await app.close();
    await t.drop();
  });

  /** A test's own app: the sign-in route takes 10 a minute from one client, counted per app. */
  async function withApp(work: (app: App) => Promise<void>): Promise<void> {
    const own = await testApp(t.db);
    try {
      await work(own);
    } finally {
      await own.close();
    }
  }

  it('lets only the administrator list accounts, with every role of the demo', async () => {
    const list = await get<AccountList>(app, '/api/users', admin);
    expect(list.status).toBe(200);
    const roles = new Set(list.body.items.map((a) => a.role));
    expect([...roles].sort()).toEqual(Object.keys(rolePermissions).sort());
    const partner = list.body.items.find((a) => a.username === 'commune.casablanca');
    expect(partner?.partnerKind).toBe('local_authority');
    expect(partner?.scope?.code).toBe('06.141.01.0');
    for (const other of ['dg', 'wali.casablanca', 'auditor', 'opj.casablanca', 'commune.casablanca']) {
      const cookie = await signIn(app, other);
      const refused = await get<ErrorReply>(app, '/api/users', cookie);
      expect(refused.status, other).toBe(403);
      expect(refused.body.code).toBe('FORBIDDEN');
    }
  });

  it('adds a partner account that signs in with only the partner view', async () => {
    const created = await send<Account>(app, 'POST', '/api/users', admin, {
      username: 'acc.partner',
      displayName: 'Conseil communal',
      password,
      role: 'partner',
      scope: '06.141',
      partnerKind: 'local_authority',
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ role: 'partner', partnerKind: 'local_authority', disabled: false });
    const me = await attempt(app, 'acc.partner', password);
    expect(me.status).toBe(200);
    expect(me.body.permissions).toEqual(['partner.read']);
    expect(me.body.partnerKind).toBe('local_authority');
    expect((await get(app, '/api/stats/overview', me.cookie)).status).toBe(403);
    const entries = await listAudit(t.db, { action: 'user.create', limit: 50 });
    expect(entries.some((e) => (e.details as { username?: string }).username === 'acc.partner')).toBe(true);
  });

  it('names the field at fault when a role, scope or partner kind do not go together', async () => {
    const base = { password, displayName: 'x' };
    const cases: [Record<string, unknown>, string][] = [
      [{ username: 'acc.bad1', role: 'partner', scope: '06.141' }, 'partnerKind'],
      [{ username: 'acc.bad2', role: 'wali', scope: '06.141', partnerKind: null }, 'scope'],
      [{ username: 'acc.bad3', role: 'analyst', scope: 'NOPE' }, 'scope'],
      [{ username: 'acc.bad4', role: 'analyst', scope: '06', partnerKind: 'prosecutor' }, 'partnerKind'],
      [{ username: 'acc.bad5', role: 'auditor', scope: '06.141' }, 'scope'],
      [{ username: 'a', role: 'analyst', scope: '06' }, 'username'],
      [{ username: 'acc.bad6', role: 'superuser', scope: '06' }, 'role'],
    ];
    for (const [body, field] of cases) {
      const reply = await send(app, 'POST', '/api/users', admin, { ...base, ...body });
      expect(reply.status, JSON.stringify(body)).toBe(400);
      expect(reply.body.field, JSON.stringify(body)).toBe(field);
    }
    const taken = await send(app, 'POST', '/api/users', admin, {
      ...base,
      username: 'dg',
      role: 'analyst',
      scope: '06',
    });
    expect(taken.status).toBe(409);
    expect(taken.body.code).toBe('USERNAME_TAKEN');
    const list = await get<AccountList>(app, '/api/users', admin);
    expect(list.body.items.filter((a) => a.username.startsWith('acc.bad'))).toEqual([]);
  });

  it('refuses an administrator changing their own role or disabling themselves', async () => {
    const reply = await send(app, 'PATCH', '/api/users/admin', admin, { role: 'analyst', scope: '06' });
    expect(reply.status).toBe(400);
    expect(reply.body.field).toBe('role');
    const disable = await send(app, 'PATCH', '/api/users/admin', admin, { disabled: true });
    expect(disable.body.field).toBe('disabled');
  });

  it('locks a name after repeated failures, whether or not an account has it, until an administrator unlocks it', async () => {
    const throttled = await testApp(t.db, { signInThrottle: { maxFailures: 3, lockMinutes: 15 } });
    try {
      await send(app, 'POST', '/api/users', admin, {
        username: 'acc.locked',
        password,
        role: 'analyst',
        scope: '06',
      });
      for (const name of ['acc.locked', 'acc.nobody']) {
        expect((await attempt(throttled, name, 'wrong password 1')).status).toBe(401);
        expect((await attempt(throttled, name, 'wrong password 2')).status).toBe(401);
        const third = await attempt(throttled, name, 'wrong password 3');
        expect(third.status, name).toBe(429);
        expect(third.body.code).toBe('ACCOUNT_LOCKED');
        expect(Number(third.headers['retry-after'])).toBeGreaterThan(800);
      }
      const right = await attempt(throttled, 'ACC.Locked', password);
      expect(right.status).toBe(429);
      const listed = await get<AccountList>(app, '/api/users', admin);
      expect(listed.body.items.find((a) => a.username === 'acc.locked')?.lockedUntil).not.toBeNull();
      const unlocked = await send<Account>(app, 'POST', '/api/users/acc.locked/unlock', admin);
      expect(unlocked.status).toBe(200);
      expect(unlocked.body.lockedUntil).toBeNull();
      expect((await attempt(throttled, 'acc.locked', password)).status).toBe(200);
      const actions = (await listAudit(t.db, { limit: 200 })).map((e) => `${e.action} ${e.actorName}`);
      expect(actions).toContain('auth.lockout acc.locked');
      expect(actions).toContain('auth.lockout acc.nobody');
      expect(actions).toContain('auth.login_locked ACC.Locked');
      expect(actions).toContain('user.unlock admin');
    } finally {
      await throttled.close();
    }
  });

  it('a successful sign-in clears earlier failures', async () => {
    const throttled = await testApp(t.db, { signInThrottle: { maxFailures: 2, lockMinutes: 15 } });
    try {
      await send(app, 'POST', '/api/users', admin, { username: 'acc.clears', password, role: 'analyst', scope: '06' });
      expect((await attempt(throttled, 'acc.clears', 'wrong password')).status).toBe(401);
      expect((await attempt(throttled, 'acc.clears', password)).status).toBe(200);
      expect((await attempt(throttled, 'acc.clears', 'wrong password')).status).toBe(401);
    } finally {
      await throttled.close();
    }
  });

  it('lists sessions with their origin and ends one, all, or those of an account whose role changes', async () => {
    await withApp(async (app) => {
      await send(app, 'POST', '/api/users', admin, {
        username: 'acc.sessions',
        password,
        role: 'analyst',
        scope: '06',
      });
      const first = (await attempt(app, 'acc.sessions', password)).cookie;
      const second = (await attempt(app, 'acc.sessions', password)).cookie;
      const listed = await get<SessionList>(app, '/api/sessions?username=acc.sessions', admin);
      expect(listed.status).toBe(200);
      expect(listed.body.items).toHaveLength(2);
      expect(listed.body.items.every((s) => s.ip === '127.0.0.1' && s.current === false)).toBe(true);
      const own = await get<SessionList>(app, '/api/auth/sessions', first);
      expect(own.body.items.filter((s) => s.current)).toHaveLength(1);
      const firstId = own.body.items.find((s) => s.current)?.id ?? '';

      expect((await send(app, 'DELETE', `/api/sessions/${firstId}`, admin)).status).toBe(204);
      expect((await get(app, '/api/auth/me', first)).status).toBe(401);
      expect((await get(app, '/api/auth/me', second)).status).toBe(200);
      expect((await send(app, 'DELETE', `/api/sessions/${firstId}`, admin)).body.code).toBe('SESSION_NOT_FOUND');

      const revoked = await send<{ revoked: number }>(app, 'DELETE', '/api/users/acc.sessions/sessions', admin);
      expect(revoked.body.revoked).toBe(1);
      expect((await get(app, '/api/auth/me', second)).status).toBe(401);

      const third = (await attempt(app, 'acc.sessions', password)).cookie;
      const changed = await send<Account>(app, 'PATCH', '/api/users/acc.sessions', admin, {
        role: 'judicial_police',
      });
      expect(changed.status).toBe(200);
      expect(changed.body).toMatchObject({ role: 'judicial_police', activeSessions: 0 });
      expect((await get(app, '/api/auth/me', third)).status).toBe(401);
      const me = await attempt(app, 'acc.sessions', password);
      expect(me.body.permissions).toEqual(rolePermissions.judicial_police);

      const everywhere = await send<{ revoked: number }>(app, 'DELETE', '/api/auth/sessions', me.cookie);
      expect(everywhere.body.revoked).toBe(1);
      expect((await get(app, '/api/auth/me', me.cookie)).status).toBe(401);
      const actions = await listAudit(t.db, { action: 'session.revoke', limit: 50 });
      expect(actions.length).toBeGreaterThanOrEqual(3);
    });
  });

  it('keeps a disabled account out and lets it back in when enabled', async () => {
    await withApp(async (app) => {
      await send(app, 'POST', '/api/users', admin, {
        username: 'acc.disabled',
        password,
        role: 'analyst',
        scope: '06',
      });
      const cookie = (await attempt(app, 'acc.disabled', password)).cookie;
      expect((await send(app, 'PATCH', '/api/users/acc.disabled', admin, { disabled: true })).status).toBe(200);
      expect((await get(app, '/api/auth/me', cookie)).status).toBe(401);
      expect((await attempt(app, 'acc.disabled', password)).status).toBe(401);
      expect((await send(app, 'PATCH', '/api/users/acc.disabled', admin, { disabled: false })).status).toBe(200);
      expect((await attempt(app, 'acc.disabled', password)).status).toBe(200);
    });
  });
});
