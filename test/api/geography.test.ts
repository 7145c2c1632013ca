import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/server/app.js';
import { engines, seededDb, type TestDb } from '../db.js';
import { get, testApp, type ErrorReply } from './helpers.js';

interface Area {
  code: string;
  level: string;
  nameAr: string;
  nameFr: string;
  nameEn: string;
  parentCode: string | null;
  population: number | null;
  childCount: number;
  bbox: [number, number, number, number] | null;
  centroid: [number, number] | null;
  synthetic: boolean;
  boundarySource: string;
}
interface OpenApi {
  paths: Record<string, Record<string, { responses?: Record<string, { content?: unknown }> }>>;
}

describe.each(engines)('public geography and system routes on %s', (engine) => {
  let t: TestDb;
  let app: App;
  beforeAll(async () => {
    t = await seededDb(engine);
    app = await testApp(t.db);
  });
  afterAll(async () => {
    await app.close();
    await t.drop();
  });

  it('reports the engine, the demo mode and the last day with data on /api/health', async () => {
    const { status, body } = await get(app, '/api/health');
    expect(status).toBe(200);
    expect(body).toMatchObject({ status: 'ok', engine, version: 'test', demo: true, synthetic: true, tileUrl: null });
    expect(body.dataUntil).toMatch(/^2026-11-(1\d|20)$/);
  });

  it('lists the 12 regions with Arabic names and populations adding up to 36,828,330', async () => {
    const { status, body } = await get<{ items: Area[] }>(app, '/api/areas?level=region');
    expect(status).toBe(200);
    expect(body.items).toHaveLength(12);
    for (const region of body.items) {
      expect(region.nameAr, region.code).toMatch(/[\u0600-\u06ff]/);
      expect(region.parentCode).toBe('MA');
      expect(region.bbox).toHaveLength(4);
    }
    expect(body.items.reduce((s, r) => s + (r.population ?? 0), 0)).toBe(36_828_330);
    expect(body.items.map((r) => r.code)).toEqual([
      '01',
      '02',
      '03',
      '04',
      '05',
      '06',
      '07',
      '08',
      '09',
      '10',
      '11',
      '12',
    ]);
  });

  it('lists the children of a parent, as many as its child count', async () => {
    const region = await get<Area>(app, '/api/areas/06');
    const { status, body } = await get<{ items: Area[] }>(app, '/api/areas?parent=06');
    expect(status).toBe(200);
    expect(body.items).toHaveLength(region.body.childCount);
    expect(body.items.length).toBe(9);
    for (const area of body.items) {
      expect(area.parentCode).toBe('06');
      expect(area.level).toBe('province');
    }
  });

  it('combines the level and parent filters', async () => {
    const { body } = await get<{ items: Area[] }>(app, '/api/areas?parent=06.141.01.0&level=arrondissement_prefecture');
    expect(body.items).toHaveLength(8);
    const none = await get<{ items: Area[] }>(app, '/api/areas?parent=06.141.01.0&level=district');
    expect(none.body.items).toEqual([]);
  });

  it('gives an area with its ancestors from the country down', async () => {
    const { status, body } = await get<Area & { ancestors: Area[] }>(app, '/api/areas/06.141.01.01');
    expect(status).toBe(200);
    expect(body).toMatchObject({ code: '06.141.01.01', level: 'district', nameFr: 'Anfa', nameAr: 'أنفا' });
    expect(body.ancestors.map((a) => a.code)).toEqual(['MA', '06', '06.141', '06.141.01.0', '06.141.01.00']);
    expect(body.ancestors[0]?.nameEn).toBe('Morocco');
  });

  it('marks generated sectors synthetic with a generated boundary', async () => {
    const { body } = await get<Area>(app, '/api/areas/09.001.01.01.S01');
    expect(body).toMatchObject({ level: 'district', synthetic: true, boundarySource: 'generated' });
  });

  it('answers 404 AREA_NOT_FOUND for an unknown area or parent', async () => {
    const unknown = await get<ErrorReply>(app, '/api/areas/99.999');
    expect(unknown.status).toBe(404);
    expect(unknown.body).toMatchObject({ code: 'AREA_NOT_FOUND', field: 'code' });
    const parent = await get<ErrorReply>(app, '/api/areas?parent=99');
    expect(parent.status).toBe(404);
    expect(parent.body).toMatchObject({ code: 'AREA_NOT_FOUND', field: 'parent' });
  });

  it('serves region boundaries as a GeoJSON FeatureCollection that may be cached', async () => {
    const { status, body, headers } = await get<{
      type: string;
      features: { id: string; geometry: { type: string }; properties: { level: string; boundarySource: string } }[];
    }>(app, '/api/boundaries?level=region');
    expect(status).toBe(200);
    expect(body.type).toBe('FeatureCollection');
    expect(body.features).toHaveLength(12);
    for (const f of body.features) {
      expect(['Polygon', 'MultiPolygon']).toContain(f.geometry.type);
      expect(f.properties).toMatchObject({ level: 'region', boundarySource: 'osm' });
    }
    expect(headers['cache-control']).toBe('public, max-age=3600');
  });

  it('serves one boundary by code and the boundaries under a parent', async () => {
    const one = await get<{ features: { id: string }[] }>(app, '/api/boundaries?code=06.141.01.01');
    expect(one.body.features.map((f) => f.id)).toEqual(['06.141.01.01']);
    const districts = await get<{ features: { id: string }[] }>(app, '/api/boundaries?parent=06.141.01.00');
    expect(districts.body.features.length).toBeGreaterThan(0);
    expect(districts.body.features.every((f) => f.id.startsWith('06.141.01.0'))).toBe(true);
  });

  it('leaves areas without a boundary out of the boundaries', async () => {
    const { status, body } = await get<{ features: unknown[] }>(app, '/api/boundaries?level=country');
    expect(status).toBe(200);
    expect(body.features).toEqual([]);
  });

  it('asks for a level, a parent or a code before serving boundaries', async () => {
    const { status, body } = await get<ErrorReply>(app, '/api/boundaries');
    expect(status).toBe(400);
    expect(body).toMatchObject({ code: 'VALIDATION_FAILED', field: 'level' });
  });

  it('lists the 16 offence categories with ICCS codes and labels in three languages', async () => {
    const { status, body } = await get<{
      items: {
        code: string;
        iccs: string;
        violent: boolean;
        labels: Record<string, string>;
        section: { code: string };
      }[];
    }>(app, '/api/categories');
    expect(status).toBe(200);
    expect(body.items).toHaveLength(16);
    expect(new Set(body.items.map((c) => c.code)).size).toBe(16);
    for (const c of body.items) {
      expect(Object.keys(c.labels).sort()).toEqual(['ar', 'en', 'fr']);
      expect(c.iccs.startsWith(c.section.code)).toBe(true);
    }
    expect(body.items.filter((c) => c.violent)).toHaveLength(4);
  });

  it('lists the police organisation from the directorate down', async () => {
    const top = await get<{ items: { code: string; illustrative: boolean }[] }>(app, '/api/units');
    expect(top.body.items.map((u) => u.code)).toEqual(['DGSN']);
    const wilayas = await get<{ items: { code: string; areaCode: string; illustrative: boolean }[] }>(
      app,
      '/api/units?parent=DGSN',
    );
    expect(wilayas.body.items).toHaveLength(12);
    expect(wilayas.body.items.every((u) => u.illustrative && u.code === `W-${u.areaCode}`)).toBe(true);
  });

  it('serves the OpenAPI document, in which every /api route declares its success response', async () => {
    const { status, body } = await get<OpenApi>(app, '/api/openapi.json');
    expect(status).toBe(200);
    const operations = Object.entries(body.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, op]) => ({ route: `${method.toUpperCase()} ${path}`, op })),
    );
    expect(operations.length).toBeGreaterThanOrEqual(14);
    for (const { route, op } of operations) {
      expect(route).toMatch(/^(GET|POST|PUT|PATCH|DELETE) \/api\//);
      // Signing out answers 204 with no body, an upload 202 with its import job, a creation 201 with what it
      // created; every other route 200 with a body.
      const created =
        /^POST \/api\/(plans|plans\/\{id\}\/(objectives|actions|partners)|patrols\/log|open311\/v2\/requests\.json|citizen-reports\/\{code\}\/incident|public\/perception|register|users)$/.test(
          route,
        );
      // Ending a session answers 204 with no body too.
      if (route === 'POST /api/auth/logout' || route === 'DELETE /api/sessions/{id}') {
        expect(Object.keys(op.responses ?? {}), route).toContain('204');
      } else if (route === 'POST /api/imports') expect(op.responses?.['202']?.content, route).toBeDefined();
      else if (created) expect(op.responses?.['201']?.content, route).toBeDefined();
      else expect(op.responses?.['200']?.content, route).toBeDefined();
    }
    expect(operations.map((o) => o.route)).toEqual(
      expect.arrayContaining([
        'GET /api/health',
        'GET /api/areas',
        'GET /api/areas/{code}',
        'GET /api/boundaries',
        'GET /api/incidents',
        'GET /api/calls',
        'GET /api/stats/overview',
        'GET /api/stats/areas',
        'GET /api/stats/cells',
      ]),
    );
  });

  it('answers 404 NOT_FOUND for a route the API does not have', async () => {
    const { status, body } = await get<ErrorReply>(app, '/api/nothing-here');
    expect(status).toBe(404);
    expect(body.code).toBe('NOT_FOUND');
  });
});
