import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, zonedDay } from '../../src/domain/time.js';
import { locate } from '../../src/ingest/locate.js';
import type { App } from '../../src/server/app.js';
import { findAreaByCode, listAreas, loadAreaDirectory } from '../../src/store/areas.js';
import { listCalls } from '../../src/store/calls.js';
import { listIncidents } from '../../src/store/incidents.js';
import { writeBatch, type Place } from '../../src/store/records.js';
import { unrestricted } from '../../src/store/scope.js';
import { countByAreaFromIncidents, type WindowCounts } from '../../src/store/stats.js';
import { engines, seededDb, type TestDb } from '../db.js';
import { makeIncident } from '../factories.js';
import { allPages, get, signIn, testApp } from './helpers.js';

interface Incident {
  id: number;
  occurredAt: string;
  area: string;
  lat: number | null;
  lon: number | null;
  category: string;
  [key: string]: unknown;
}
interface Counts {
  current: number;
  previous: number;
  solved: number;
  changePct: number | null;
  ratePer100k: number | null;
}
interface Overview {
  area: { code: string; population: number | null };
  asOf: string;
  window: { from: string; to: string };
  previousWindow: { from: string; to: string };
  synthetic: boolean;
  total: Counts;
  children: (Counts & { area: { code: string } })[];
  categories: { category: string; current: number; previous: number }[];
}

/** Five incidents at the very same instant, so that pages must break ties by id. */
const tiedAt = new Date('2026-11-12T08:30:00Z');

describe.each(engines)('incident and call lists and statistics on %s', (engine) => {
  let t: TestDb;
  let app: App;
  let dg: string;
  let tiedIds: number[];
  beforeAll(async () => {
    t = await seededDb(engine);
    const directory = await loadAreaDirectory(t.db);
    const record = makeIncident({ occurredAt: tiedAt, reportedAt: tiedAt });
    const place = locate(directory, record) as Place;
    tiedIds = await writeBatch(t.db, { incidents: Array.from({ length: 5 }, () => ({ record, place })), calls: [] });
    app = await testApp(t.db);
    dg = await signIn(app, 'dg');
  });
  afterAll(async () => {
    await app.close();
    await t.drop();
  });

  /** Raw counts for the same windows as an overview, by area id. */
  async function rawCounts(overview: Overview, codes: string[]): Promise<Map<string, WindowCounts>> {
    const areas = await listAreas(t.db, { codes });
    const rows = await countByAreaFromIncidents(
      t.db,
      areas.map((a) => a.id),
      overview.window,
      overview.previousWindow,
    );
    const byId = new Map(rows.map((r) => [r.areaId, r]));
    return new Map(
      areas.map((a) => [a.code, byId.get(a.id) ?? { areaId: a.id, current: 0, previous: 0, solved: 0 }] as const),
    );
  }

  describe('pagination', () => {
    it('pages through a region’s incidents newest first without duplicates or gaps', async () => {
      const items = await allPages<Incident>(app, '/api/incidents?area=06&limit=97', dg);
      const region = await findAreaByCode(t.db, '06');
      const expected = await listIncidents(t.db, unrestricted, {
        area: { id: region?.id ?? -1, level: 'region' },
        limit: 1_000_000,
      });
      expect(items.length).toBeGreaterThan(200);
      expect(new Set(items.map((i) => i.id)).size).toBe(items.length);
      expect(items.map((i) => i.id)).toEqual(expected.map((i) => i.id));
      for (let k = 1; k < items.length; k++) {
        const [a, b] = [items[k - 1] as Incident, items[k] as Incident];
        expect(a.occurredAt > b.occurredAt || (a.occurredAt === b.occurredAt && a.id > b.id)).toBe(true);
      }
    });

    it('breaks ties between incidents at the same instant by id across pages', async () => {
      const items = await allPages<Incident>(
        app,
        `/api/incidents?area=06.141.01.01&limit=2&from=${tiedAt.toISOString()}`,
        dg,
      );
      const tied = items.filter((i) => i.occurredAt === tiedAt.toISOString()).map((i) => i.id);
      expect(tied).toEqual([...tiedIds].sort((a, b) => b - a));
    });

    it('pages through filtered incidents: categories and a time range of local days, the last day included', async () => {
      const url = '/api/incidents?category=theft&category=assault_minor&from=2026-02-01&to=2026-04-01&limit=13';
      const items = await allPages<Incident>(app, url, dg);
      expect(items.length).toBeGreaterThan(13);
      expect(new Set(items.map((i) => i.id)).size).toBe(items.length);
      for (const i of items) {
        expect(['theft', 'assault_minor']).toContain(i.category);
        const day = zonedDay(new Date(i.occurredAt));
        expect(day >= '2026-02-01' && day <= '2026-04-01', `${i.occurredAt} on ${day}`).toBe(true);
      }
      const all = await listIncidents(t.db, unrestricted, { limit: 1_000_000 });
      const expected = all.filter((i) => {
        const day = zonedDay(i.occurredAt);
        return ['theft', 'assault_minor'].includes(i.category) && day >= '2026-02-01' && day <= '2026-04-01';
      });
      expect(items.map((i) => i.id)).toEqual(expected.map((i) => i.id));
    });

    it('keeps incidents inside a bounding box', async () => {
      const bbox = [-7.7, 33.5, -7.5, 33.65];
      const items = await allPages<Incident>(app, `/api/incidents?bbox=${bbox.join(',')}&limit=500`, dg);
      expect(items.length).toBeGreaterThan(0);
      for (const i of items) {
        expect(i.lon).toBeGreaterThanOrEqual(bbox[0] as number);
        expect(i.lat).toBeGreaterThanOrEqual(bbox[1] as number);
        expect(i.lon).toBeLessThanOrEqual(bbox[2] as number);
        expect(i.lat).toBeLessThanOrEqual(bbox[3] as number);
      }
    });

    it('pages through calls newest first without duplicates or gaps', async () => {
      const items = await allPages<{ id: number; receivedAt: string }>(app, '/api/calls?area=07&limit=41', dg);
      const region = await findAreaByCode(t.db, '07');
      const expected = await listCalls(t.db, unrestricted, {
        area: { id: region?.id ?? -1, level: 'region' },
        limit: 1_000_000,
      });
      expect(items.length).toBeGreaterThan(41);
      expect(items.map((c) => c.id)).toEqual(expected.map((c) => c.id));
    });

    it('pages through calls of the highest priorities only', async () => {
      const items = await allPages<{ id: number; priority: number }>(app, '/api/calls?priority=1&limit=25', dg);
      expect(items.length).toBeGreaterThan(25);
      expect(items.every((c) => c.priority === 1)).toBe(true);
      expect(new Set(items.map((c) => c.id)).size).toBe(items.length);
    });

    it('gives no next cursor on the last page', async () => {
      const { body } = await get<{ items: unknown[]; nextCursor: string | null }>(
        app,
        `/api/incidents?area=06.141.01.01&from=${tiedAt.toISOString()}&limit=1000`,
        dg,
      );
      expect(body.items.length).toBeGreaterThanOrEqual(5);
      expect(body.nextCursor).toBeNull();
    });
  });

  describe('GeoJSON', () => {
    it('gives the same page as JSON, as point features with the same properties and cursor', async () => {
      const json = await get<{ items: Incident[]; nextCursor: string }>(app, '/api/incidents?area=07&limit=50', dg);
      const geo = await get<{
        type: string;
        features: {
          type: string;
          id: number;
          geometry: { type: string; coordinates: number[] };
          properties: Incident;
        }[];
        nextCursor: string;
      }>(app, '/api/incidents?area=07&limit=50&format=geojson', dg);
      expect(geo.status).toBe(200);
      expect(geo.body.type).toBe('FeatureCollection');
      expect(geo.body.features).toHaveLength(50);
      expect(geo.body.nextCursor).toBe(json.body.nextCursor);
      geo.body.features.forEach((feature, k) => {
        const { lat, lon, ...properties } = json.body.items[k] as Incident;
        expect(feature.type).toBe('Feature');
        expect(feature.id).toBe(properties.id);
        expect(feature.geometry).toEqual({ type: 'Point', coordinates: [lon, lat] });
        expect(feature.properties).toEqual(properties);
      });
    });

    it('follows its own cursor to the next page', async () => {
      const first = await get<{ features: { id: number }[]; nextCursor: string }>(
        app,
        '/api/incidents?area=07&limit=30&format=geojson',
        dg,
      );
      const second = await get<{ features: { id: number }[] }>(
        app,
        `/api/incidents?area=07&limit=30&format=geojson&cursor=${first.body.nextCursor}`,
        dg,
      );
      const json = await get<{ items: { id: number }[] }>(app, '/api/incidents?area=07&limit=60', dg);
      expect([...first.body.features, ...second.body.features].map((f) => f.id)).toEqual(
        json.body.items.map((i) => i.id),
      );
    });
  });

  describe('statistics', () => {
    it.each([
      ['the country', 'MA', undefined],
      ['Casablanca-Settat', '06', undefined],
      ['Casablanca', '06.141.01.0', undefined],
      ['Marrakech-Safi during Ramadan', '07', '2026-03-01'],
      ['the country on 29 February', 'MA', '2024-02-29'],
    ])('gives %s the overview counts computed from raw incidents', async (_, code, asOf) => {
      const url = `/api/stats/overview?area=${code}${asOf ? `&asOf=${asOf}` : ''}`;
      const { status, body } = await get<Overview>(app, url, dg);
      expect(status).toBe(200);
      expect(body.area.code).toBe(code);
      if (asOf) expect(body.asOf).toBe(asOf);
      expect(body.window.to).toBe(body.asOf);
      expect(body.window.from).toBe(addDays(body.asOf, -27));
      const raw = await rawCounts(body, [code, ...body.children.map((c) => c.area.code)]);
      const pick = (c: Counts) => ({ current: c.current, previous: c.previous, solved: c.solved });
      expect(pick(body.total)).toEqual(
        pick({ ...(raw.get(code) as WindowCounts), changePct: null, ratePer100k: null }),
      );
      for (const child of body.children) {
        const r = raw.get(child.area.code) as WindowCounts;
        expect(pick(child), child.area.code).toEqual({ current: r.current, previous: r.previous, solved: r.solved });
      }
      expect(body.categories.reduce((s, c) => s + c.current, 0)).toBe(body.total.current);
      expect(body.categories.reduce((s, c) => s + c.previous, 0)).toBe(body.total.previous);
      expect(body.total.current).toBeGreaterThan(0);
    });

    it('compares a window ending on 29 February with one ending on 28 February', async () => {
      const { body } = await get<Overview>(app, '/api/stats/overview?asOf=2024-02-29', dg);
      expect(body.window).toEqual({ from: '2024-02-02', to: '2024-02-29' });
      expect(body.previousWindow).toEqual({ from: '2023-02-01', to: '2023-02-28' });
    });

    it('ends the default window on the last day with data, never after the clock’s today', async () => {
      const { body } = await get<Overview>(app, '/api/stats/overview', dg);
      const health = await get<{ dataUntil: string }>(app, '/api/health');
      expect(body.asOf).toBe(health.body.dataUntil);
      expect(body.asOf <= '2026-11-20').toBe(true);
      expect(body.synthetic).toBe(true);
    });

    it('gives each area of a level its current count from raw incidents and its rate per 100,000', async () => {
      const { status, body } = await get<{
        asOf: string;
        window: { from: string; to: string };
        items: { area: { code: string; population: number | null }; current: number; ratePer100k: number | null }[];
      }>(app, '/api/stats/areas?area=06&level=province', dg);
      expect(status).toBe(200);
      expect(body.items).toHaveLength(9);
      const raw = await rawCounts(
        { window: body.window, previousWindow: body.window } as Overview,
        body.items.map((i) => i.area.code),
      );
      for (const item of body.items) {
        expect(item.current, item.area.code).toBe(raw.get(item.area.code)?.current);
        expect(item.ratePer100k).toBeCloseTo((item.current / (item.area.population as number)) * 100_000, 9);
      }
      expect(body.items.reduce((s, i) => s + i.current, 0)).toBeGreaterThan(0);
    });
  });
});
