import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, defaultTimeZone, zonedInstant } from '../../src/domain/time.js';
import { h3Hex } from '../../src/ingest/locate.js';
import type { App } from '../../src/server/app.js';
import { findAreaByCode, listAreasWithin } from '../../src/store/areas.js';
import { listCalls } from '../../src/store/calls.js';
import { listIncidents } from '../../src/store/incidents.js';
import { unrestricted } from '../../src/store/scope.js';
import { engines, seededDb, type TestDb } from '../db.js';
import { allPages, codesWithin, get, signIn, testApp, type ErrorReply } from './helpers.js';

/** The scoped demo accounts, the area each sees, areas outside it, and an area inside it small enough for cells. */
const scopedUsers = [
  {
    username: 'wali.marrakech',
    scope: '07',
    outside: ['06', '06.141.01.0', '06.141.01.01', 'MA'],
    cellArea: '07.351',
  },
  {
    username: 'chief.anfa',
    scope: '06.141.01.01',
    outside: ['06', '06.141.01.0', '06.141.01.00', '06.141.01.03', '07'],
    cellArea: '06.141.01.01',
  },
  {
    username: 'analyst.rabat',
    scope: '04.421.01.0',
    outside: ['06', '06.141.01.0', '06.141.01.01', '04', '04.421.01.07'],
    cellArea: '04.421.01.0',
  },
] as const;

/** Every list endpoint, with the area filter set to `area`. */
const endpoints = [
  { name: 'incidents', url: (area: string) => `/api/incidents?area=${area}` },
  { name: 'incidents as GeoJSON', url: (area: string) => `/api/incidents?format=geojson&area=${area}` },
  { name: 'calls', url: (area: string) => `/api/calls?area=${area}` },
  { name: 'stats/overview', url: (area: string) => `/api/stats/overview?area=${area}` },
  { name: 'stats/areas', url: (area: string) => `/api/stats/areas?level=district&area=${area}` },
  { name: 'stats/cells', url: (area: string) => `/api/stats/cells?area=${area}` },
] as const;

const cases = scopedUsers.flatMap((user) =>
  user.outside.flatMap((area) => endpoints.map((endpoint) => ({ ...user, area, endpoint }))),
);

interface Located {
  area: string;
}

describe.each(engines)('scope enforcement on %s', (engine) => {
  let t: TestDb;
  let app: App;
  const cookies = new Map<string, string>();
  const inside = new Map<string, Set<string>>();
  beforeAll(async () => {
    t = await seededDb(engine);
    app = await testApp(t.db);
    for (const user of [...scopedUsers, { username: 'dg', scope: 'MA' }]) {
      cookies.set(user.username, await signIn(app, user.username));
      inside.set(user.username, await codesWithin(t.db, user.scope));
    }
  });
  afterAll(async () => {
    await app.close();
    await t.drop();
  });

  const cookieOf = (username: string) => cookies.get(username) as string;
  const insideOf = (username: string) => inside.get(username) as Set<string>;

  it.each(cases)('returns 403 OUT_OF_SCOPE when $username asks $endpoint.name for $area', async (c) => {
    const { status, body } = await get<ErrorReply>(app, c.endpoint.url(c.area), cookieOf(c.username));
    expect(status).toBe(403);
    expect(body).toMatchObject({ code: 'OUT_OF_SCOPE', field: 'area' });
  });

  describe.each(scopedUsers)('for $username, scoped to $scope', (user) => {
    it('lists, unfiltered, every incident inside the scope and none outside it', async () => {
      const items = await allPages<Located & { id: number }>(app, '/api/incidents?limit=1000', cookieOf(user.username));
      expect(items.length).toBeGreaterThan(0);
      expect(items.filter((i) => !insideOf(user.username).has(i.area))).toEqual([]);
      const all = await listIncidents(t.db, unrestricted, { limit: 1_000_000 });
      const expected = all.filter((i) => insideOf(user.username).has(i.areaCode)).map((i) => i.id);
      expect(items.map((i) => i.id).sort((a, b) => a - b)).toEqual(expected.sort((a, b) => a - b));
    });

    it('gives, unfiltered, GeoJSON features inside the scope only', async () => {
      const { status, body } = await get<{ features: { properties: Located }[] }>(
        app,
        '/api/incidents?format=geojson&limit=1000',
        cookieOf(user.username),
      );
      expect(status).toBe(200);
      expect(body.features.length).toBeGreaterThan(0);
      expect(body.features.filter((f) => !insideOf(user.username).has(f.properties.area))).toEqual([]);
    });

    it('lists, unfiltered, every call inside the scope and none outside it', async () => {
      const items = await allPages<Located & { id: number }>(app, '/api/calls?limit=1000', cookieOf(user.username));
      expect(items.length).toBeGreaterThan(0);
      expect(items.filter((i) => !insideOf(user.username).has(i.area))).toEqual([]);
      const all = await listCalls(t.db, unrestricted, { limit: 1_000_000 });
      expect(items.length).toBe(all.filter((c) => insideOf(user.username).has(c.areaCode)).length);
    });

    it('answers the overview for the scope area by default, with children inside it', async () => {
      const { status, body } = await get<{ area: { code: string }; children: { area: { code: string } }[] }>(
        app,
        '/api/stats/overview',
        cookieOf(user.username),
      );
      expect(status).toBe(200);
      expect(body.area.code).toBe(user.scope);
      expect(body.children.filter((c) => !insideOf(user.username).has(c.area.code))).toEqual([]);
    });

    it('counts, unfiltered, the districts of the scope area only', async () => {
      const { status, body } = await get<{ items: { area: { code: string } }[] }>(
        app,
        '/api/stats/areas?level=district',
        cookieOf(user.username),
      );
      expect(status).toBe(200);
      const scope = await findAreaByCode(t.db, user.scope);
      const districts = await listAreasWithin(t.db, scope?.id ?? -1, 'district');
      expect(body.items.map((i) => i.area.code).sort()).toEqual(districts.map((d) => d.code).sort());
    });

    it('counts cells from the incidents of its area in the window, and answers inside areas', async () => {
      const { status, body } = await get<{
        window: { from: string; to: string };
        cells: { h3: string; count: number }[];
      }>(app, `/api/stats/cells?area=${user.cellArea}&resolution=9`, cookieOf(user.username));
      expect(status).toBe(200);
      const area = await findAreaByCode(t.db, user.cellArea);
      const rows = await listIncidents(t.db, unrestricted, {
        area: { id: area?.id ?? -1, level: area?.level ?? 'district' },
        from: zonedInstant(body.window.from, 0, defaultTimeZone),
        to: zonedInstant(addDays(body.window.to, 1), 0, defaultTimeZone),
        limit: 1_000_000,
      });
      const expected = new Map<string, number>();
      for (const r of rows) if (r.h3R9) expected.set(h3Hex(r.h3R9), (expected.get(h3Hex(r.h3R9)) ?? 0) + 1);
      expect(new Map(body.cells.map((c) => [c.h3, c.count]))).toEqual(expected);
    });
  });

  it('lets the director-general see every region, which makes the scoped lists above meaningful', async () => {
    const { body } = await get<{ items: Located[] }>(app, '/api/incidents?limit=1000', cookieOf('dg'));
    const regions = new Set(body.items.map((i) => i.area.slice(0, 2)));
    expect(regions.size).toBeGreaterThan(6);
    expect(regions).toContain('06');
    expect(regions).toContain('07');
    const overview = await get<{ area: { code: string } }>(app, '/api/stats/overview', cookieOf('dg'));
    expect(overview.body.area.code).toBe('MA');
  });

  it('lets a wali filter to an area inside the region', async () => {
    const { status, body } = await get<{ items: Located[] }>(
      app,
      '/api/incidents?area=07.351&limit=1000',
      cookieOf('wali.marrakech'),
    );
    expect(status).toBe(200);
    expect(body.items.length).toBeGreaterThan(0);
    const marrakech = await codesWithin(t.db, '07.351');
    expect(body.items.every((i) => marrakech.has(i.area))).toBe(true);
  });

  it('tells a wali asking for cells of the whole region that it is too large rather than out of scope', async () => {
    const { status, body } = await get<ErrorReply>(app, '/api/stats/cells?area=07', cookieOf('wali.marrakech'));
    expect(status).toBe(400);
    expect(body.code).toBe('AREA_TOO_LARGE');
  });
});
