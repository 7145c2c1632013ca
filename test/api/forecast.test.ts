/**
 * The forecast API on both engines, over the small demo: the flagged cells are those the analysis gives for the
 * same request, police-initiated records come in only when asked for, GeoJSON carries the provenance note, and
 * bad input, sign-in, scope and unknown areas get their usual answers.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forecastCells } from '../../src/analysis/forecast.js';
import { flaggedCount } from '../../src/analytics/forecast/metrics.js';
import type { Forecast } from '../../src/contract/forecast.js';
import type { FeatureCollection } from '../../src/contract/hotspots.js';
import type { App } from '../../src/server/app.js';
import { findAreaByCode } from '../../src/store/areas.js';
import { unrestricted } from '../../src/store/scope.js';
import { engines, seededDb, type TestDb } from '../db.js';
import { get, signIn, testApp, type ErrorReply } from './helpers.js';

/** Casablanca-Anfa (the prefecture), a day's horizon after 30 September 2026. */
const area = '06.141.01.0';
const request = `area=${area}&asOf=2026-09-30&horizon=day&share=0.02`;

describe.each(engines)('the forecast API on %s', (engine) => {
  let t: TestDb;
  let app: App;
  let dg: string;
  let wali: string;
  beforeAll(async () => {
    t = await seededDb(engine);
    app = await testApp(t.db);
    dg = await signIn(app, 'dg');
    wali = await signIn(app, 'wali.marrakech');
  }, 180_000);
  afterAll(async () => {
    await app?.close();
    await t?.drop();
  });

  it('flags the same cells as the analysis for the same request, the share of the cells inside asked for', async () => {
    const reply = await get<Forecast>(app, `/api/forecast?${request}`, dg);
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    const f = reply.body;
    const row = await findAreaByCode(t.db, area);
    if (!row) throw new Error(`no area ${area}`);
    const direct = await forecastCells(t.db, unrestricted, {
      area: row,
      asOf: '2026-09-30',
      horizon: 'day',
      model: 'etas',
      share: 0.02,
    });
    expect(f.cells).toHaveLength(flaggedCount(0.02, f.cellsInside));
    expect(f.cells.length).toBeGreaterThan(1);
    expect(f.cellsInside).toBe(direct.cellsInside);
    expect(f.cells.map((c) => [c.rank, c.cell])).toEqual(direct.cells.map((c) => [c.rank, c.cell]));
    f.cells.forEach((c, i) => expect(c.score).toBeCloseTo(direct.cells[i]?.score ?? NaN, 9));
    expect(f.total).toBeCloseTo(direct.total, 9);
    expect(f.incidents).toBe(direct.incidents);
    expect(f.etas?.theta).toBeCloseTo(direct.etas?.theta ?? NaN, 9);
    expect(f.etas?.omega).toBeCloseTo(direct.etas?.omega ?? NaN, 9);
    expect(f).toMatchObject({ asOf: '2026-09-30', horizon: 'day', horizonDays: 1, model: 'etas', synthetic: true });
    expect(f.area).toMatchObject({ code: area, name: direct.area.name, nameFr: row.nameFr });
    expect(f.features.type).toBe('FeatureCollection');
    expect(f.features.features.map((x) => x.properties.rank)).toEqual(f.cells.map((c) => c.rank));
    expect(f.features.features.map((x) => x.properties.score)).toEqual(f.cells.map((c) => c.score));
  });

  it('learns from citizen reports and calls for service by default, and from police-initiated records when asked', async () => {
    const citizen = await get<Forecast>(app, `/api/forecast?${request}`, dg);
    const all = await get<Forecast>(app, `/api/forecast?${request}&includePoliceInitiated=true`, dg);
    expect(all.status, JSON.stringify(all.body)).toBe(200);
    expect(citizen.body.provenances).toEqual(['citizen_report', 'call_for_service']);
    expect(citizen.body.provenanceNote).toMatch(/police-initiated records left out/);
    expect(all.body.provenances).toEqual(['citizen_report', 'call_for_service', 'police_initiated']);
    expect(all.body.provenanceNote).toMatch(/police-initiated ones included/);
    expect(all.body.incidents).toBeGreaterThan(citizen.body.incidents);
  });

  it('modulates the ETAS background over the week when asked, and says so; none by default', async () => {
    const plain = await get<Forecast>(app, `/api/forecast?${request}`, dg);
    const weekly = await get<Forecast>(app, `/api/forecast?${request}&modulation=weekly`, dg);
    expect(weekly.status, JSON.stringify(weekly.body)).toBe(200);
    expect(plain.body.modulation).toBe('none');
    expect(weekly.body.modulation).toBe('weekly');
    expect(weekly.body.modulationNote).not.toBe(plain.body.modulationNote);
    expect(weekly.body.total).not.toBe(plain.body.total);
  });

  it('defaults to a week of ETAS over 1 % of the cells after the latest complete local day', async () => {
    const reply = await get<Forecast>(app, `/api/forecast?area=${area}`, dg);
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    // The test clock stops at noon on 20 November 2026: the 19th is the latest day that is over.
    expect(reply.body).toMatchObject({ asOf: '2026-11-19', horizon: 'week', model: 'etas', share: 0.01 });
    expect(reply.body.start).toBe('2026-11-19T23:00:00.000Z');
    expect(reply.body.cells).toHaveLength(flaggedCount(0.01, reply.body.cellsInside));
  });

  it('answers format=geojson with the flagged cells alone, as application/geo+json, the provenance note on top', async () => {
    const json = await get<Forecast>(app, `/api/forecast?${request}`, dg);
    const reply = await get<FeatureCollection>(app, `/api/forecast?${request}&format=geojson`, dg);
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    expect(String(reply.headers['content-type'])).toMatch(/^application\/geo\+json/);
    expect(Object.keys(reply.body).sort()).toEqual(['features', 'properties', 'type']);
    expect(reply.body.type).toBe('FeatureCollection');
    expect(reply.body.properties).toMatchObject({
      provenances: ['citizen_report', 'call_for_service'],
      provenanceNote: json.body.provenanceNote,
      synthetic: true,
      area,
      asOf: '2026-09-30',
    });
    expect(reply.body.features).toHaveLength(json.body.cells.length);
    const first = reply.body.features[0];
    expect(first?.geometry.type).toBe('Polygon');
    expect(first?.properties).toMatchObject({ rank: 1, score: json.body.cells[0]?.score });
  });

  it.each([
    ['horizon', 'horizon=year'],
    ['model', 'model=arima'],
    ['share', 'share=0.5'],
    ['share', 'share=0'],
    ['asOf', 'asOf=2026-02-30'],
    ['asOf', 'asOf=yesterday'],
    ['format', 'format=csv'],
    ['modulation', 'modulation=daily'],
  ])('answers 400 naming %s for %s', async (field, bad) => {
    const query = `area=${area}&${bad}`;
    const reply = await get<ErrorReply>(app, `/api/forecast?${query}`, dg);
    expect(reply.status, JSON.stringify(reply.body)).toBe(400);
    expect(reply.body).toMatchObject({ code: 'VALIDATION_FAILED', field });
  });

  it('answers 400 naming the area when none is given', async () => {
    const reply = await get<ErrorReply>(app, '/api/forecast?horizon=day', dg);
    expect(reply.status).toBe(400);
    expect(reply.body).toMatchObject({ code: 'VALIDATION_FAILED', field: 'area' });
  });

  it('answers 401 without a session, 403 outside the scope and 404 for an unknown area', async () => {
    const anonymous = await get<ErrorReply>(app, `/api/forecast?${request}`);
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.code).toBe('UNAUTHENTICATED');
    const outside = await get<ErrorReply>(app, `/api/forecast?${request}`, wali);
    expect(outside.status).toBe(403);
    expect(outside.body).toMatchObject({ code: 'OUT_OF_SCOPE', field: 'area' });
    const unknown = await get<ErrorReply>(app, '/api/forecast?area=99.999&horizon=day', dg);
    expect(unknown.status).toBe(404);
    expect(unknown.body).toMatchObject({ code: 'AREA_NOT_FOUND', field: 'area' });
  });
});
