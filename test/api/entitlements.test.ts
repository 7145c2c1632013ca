/**
 * Roles × endpoints × areas, on both engines: every operation of the API against every role (one demo account
 * each) and a caller without a session, checked against the entitlements written in test/api/route-table.ts; then
 * the area-scoped reads inside and outside each scoped account's area; then what partners, the public and the
 * exports return, searched for any row of the restricted register or any individual incident.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rolePermissions, roles, type Permission, type Role } from '../../src/domain/role.js';
import type { App } from '../../src/server/app.js';
import { engines, seededDb, type TestDb } from '../db.js';
import { get, signIn, testApp } from './helpers.js';

interface OpenApi {
  paths: Record<string, Record<string, unknown>>;
}
import { documentedEntitlements, requestOf, routeTable, type RouteLine } from './route-table.js';

const hasPermission = (role: Role, permission: Permission) => documentedEntitlements[role].includes(permission);

/** The demo account of each role. */
const accounts: Record<Role, string> = {
  director_general: 'dg',
  wali: 'wali.casablanca',
  district_chief: 'chief.anfa',
  analyst: 'analyst.rabat',
  judicial_police: 'opj.casablanca',
  partner: 'commune.casablanca',
  auditor: 'auditor',
  administrator: 'admin',
};

/**
 * Operations not run for an entitled caller, with why: they end the caller's session, or hold the connection
 * open. They are still checked for everyone not entitled. test/api/accounts.test.ts and monitoring.test.ts run them.
 */
const notRunWhenEntitled = new Set(['POST /api/auth/logout', 'DELETE /api/auth/sessions', 'GET /api/alerts/stream']);

/** An entitled caller's request: made invalid on purpose where it would write, so that nothing changes. */
function probe(line: RouteLine): {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  url: string;
  payload?: object;
} {
  const { method, url } = requestOf(line);
  return method === 'GET' || method === 'DELETE'
    ? { method, url }
    : { method, url, payload: { entitlementProbe: true } };
}

/** Whether an answer is the refusal of the route's access rule (as opposed to anything the route itself said). */
function refusedByAccess(status: number, body: string): boolean {
  if (status === 401) return true;
  return status === 403 && /"code":"FORBIDDEN"/.test(body) && /does not have/.test(body);
}

describe.each(engines)('roles, endpoints and areas on %s', (engine) => {
  let t: TestDb;
  let app: App;
  const cookies = {} as Record<Role, string>;

  beforeAll(async () => {
    t = await seededDb(engine);
    app = await testApp(t.db);
    for (const role of roles) cookies[role] = await signIn(app, accounts[role]);
  }, 300_000);

  afterAll(async () => {
    await app?.close();
    await t?.drop();
  });

  it('gives each role the permissions docs/roles.md documents, and no other', () => {
    for (const role of roles) {
      expect([...rolePermissions[role]].sort(), role).toEqual([...documentedEntitlements[role]].sort());
    }
  });

  it('has a line in the route table for every operation of the API, and no line for an operation it lacks', async () => {
    const doc = (await get<OpenApi>(app, '/api/openapi.json')).body;
    const operations = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`),
    );
    expect(operations.sort()).toEqual(Object.keys(routeTable).sort());
  });

  it('answers every role on every operation exactly as its entitlements say', { timeout: 300_000 }, async () => {
    const wrong: string[] = [];
    for (const [operation, line] of Object.entries(routeTable)) {
      const anonymous = await app.inject(requestOf(line));
      const anonymousRefused = anonymous.statusCode === 401 || anonymous.statusCode === 403;
      if (anonymousRefused !== (line.access !== 'public')) {
        wrong.push(`${operation} without a session: ${anonymous.statusCode}`);
      }
      for (const role of roles) {
        const entitled = line.access === 'public' || line.access === 'signed_in' || hasPermission(role, line.access);
        if (entitled && notRunWhenEntitled.has(operation)) continue;
        const reply = await app.inject({ ...probe(line), headers: { cookie: cookies[role] } });
        const refused = refusedByAccess(reply.statusCode, reply.body);
        if (refused === entitled) {
          wrong.push(`${operation} as ${role}: ${reply.statusCode} ${reply.body.slice(0, 120)}`);
        }
        if (
          !entitled &&
          reply.json<{ message: string }>().message !== `your role (${role}) does not have ${line.access}`
        ) {
          wrong.push(`${operation} as ${role}: refused without naming ${line.access}`);
        }
      }
    }
    expect(wrong).toEqual([]);
  });

  /** Reads that take an area, with the permission they need. */
  const scopedReads: readonly { access: Permission; url: (area: string) => string }[] = [
    { access: 'stats.read', url: (a) => `/api/stats/overview?area=${a}` },
    { access: 'stats.read', url: (a) => `/api/compstat?area=${a}` },
    { access: 'stats.read', url: (a) => `/api/response?area=${a}&from=2026-11-01&to=2026-11-07` },
    { access: 'stats.read', url: (a) => `/api/hotspots/black-spots?area=${a}&from=2026-10-01&to=2026-10-31` },
    { access: 'incidents.read', url: (a) => `/api/incidents?area=${a}&limit=5` },
    { access: 'plans.read', url: (a) => `/api/plans?area=${a}` },
    { access: 'patrols.read', url: (a) => `/api/patrol-units?area=${a}` },
    { access: 'citizen_reports.read', url: (a) => `/api/perception?area=${a}&from=2026-11-01&to=2026-11-07` },
    { access: 'partner.read', url: (a) => `/api/partner/overview?area=${a}` },
  ];

  /** Each role's account, an area inside its scope and one outside (none for the national roles). */
  const areas: Record<Role, { inside: string; outside: string | null }> = {
    director_general: { inside: '07', outside: null },
    wali: { inside: '06.141', outside: '07' },
    district_chief: { inside: '06.141.01.01', outside: '06.141.01.13' },
    analyst: { inside: '04.421.01.0', outside: '06' },
    judicial_police: { inside: '06.141.01.01', outside: '07' },
    partner: { inside: '06.141.01.01', outside: '06' },
    auditor: { inside: '07', outside: null },
    administrator: { inside: '07', outside: null },
  };

  it('gives each scoped role the reads it is entitled to inside its area and 403 OUT_OF_SCOPE outside', async () => {
    const wrong: string[] = [];
    for (const role of roles) {
      for (const read of scopedReads) {
        if (!hasPermission(role, read.access)) continue;
        const inside = await get(app, read.url(areas[role].inside), cookies[role]);
        if (inside.status !== 200) wrong.push(`${role} inside ${read.url(areas[role].inside)}: ${inside.status}`);
        const outsideArea = areas[role].outside;
        if (outsideArea === null) continue;
        const outside = await get<{ code: string }>(app, read.url(outsideArea), cookies[role]);
        if (outside.status !== 403 || outside.body.code !== 'OUT_OF_SCOPE') {
          wrong.push(`${role} outside ${read.url(outsideArea)}: ${outside.status} ${outside.body.code}`);
        }
      }
    }
    expect(wrong).toEqual([]);
  });

  it('never shows a register entry or an individual incident to a partner, the public or in an export', async () => {
    const names = await sql<{ text: string }>`
      select full_name as text from register_entry where full_name <> ''
      union select unnest(aliases) from register_entry
    `.execute(t.db);
    const needles = names.rows.flatMap((r) => r.text.split(' — ')).filter((n) => n.length >= 4);
    expect(needles.length).toBeGreaterThanOrEqual(6);

    // A citizen's report in Anfa, followed by its code as the public may.
    const filed = await app.inject({
      method: 'POST',
      url: '/api/open311/v2/requests.json',
      payload: { service_code: 'theft', lat: 33.5883, long: -7.6314, description: 'Un vol près du marché' },
      remoteAddress: '198.51.100.77',
    });
    expect(filed.statusCode, filed.body).toBe(201);
    const codes = [filed.json<{ service_request_id: string }[]>()[0]?.service_request_id ?? ''];
    const readers: { cookie: string | undefined; url: string }[] = [
      { cookie: undefined, url: `/api/open311/v2/requests.json?service_request_id=${codes.join(',')}` },
      ...codes.map((code) => ({ cookie: undefined, url: `/api/open311/v2/requests/${code}.json` })),
      ...Object.values(routeTable)
        .filter((line) => line.access === 'public' && requestOf(line).method === 'GET')
        .filter((line) => !line.request.includes('ABCDEFGHJK'))
        .map((line) => ({ cookie: undefined, url: line.request })),
      { cookie: undefined, url: '/api/public/stats.csv?level=district&from=2026-01&to=2026-10' },
      { cookie: undefined, url: '/api/public/stats?level=district&parent=06.141.01.0' },
      { cookie: cookies.partner, url: '/api/partner/overview' },
      { cookie: cookies.partner, url: '/api/partner/actions' },
      { cookie: cookies.director_general, url: '/api/reports/brief.html?area=06' },
      { cookie: cookies.wali, url: '/api/reports/brief?area=06' },
      { cookie: cookies.wali, url: '/api/stats/overview?area=06' },
    ];
    const incidentKeys = new Set(['incidentId', 'incidentIds', 'occurredAt', 'reportedAt', 'externalId', 'fullName']);
    const found: string[] = [];
    const walk = (url: string, value: unknown): void => {
      if (Array.isArray(value)) value.forEach((v) => walk(url, v));
      else if (value !== null && typeof value === 'object') {
        for (const [key, inner] of Object.entries(value)) {
          if (incidentKeys.has(key) && !url.startsWith('/api/reports/')) found.push(`${url}: key ${key}`);
          walk(url, inner);
        }
      }
    };
    for (const { cookie, url } of readers) {
      const reply = await app.inject({ method: 'GET', url, headers: cookie ? { cookie } : {} });
      expect(reply.statusCode, url).toBe(200);
      for (const needle of needles) if (reply.body.includes(needle)) found.push(`${url}: ${needle}`);
      if (reply.headers['content-type']?.toString().includes('json')) walk(url, reply.json());
    }
    expect(found).toEqual([]);
  });
});
