import { getResolution } from 'h3-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  BlackSpotList,
  ClassifyResult,
  FeatureCollection,
  GistarResult,
  KdeResult,
  KnoxResult,
  SpotIncidents,
} from '../../src/contract/hotspots.js';
import type { App } from '../../src/server/app.js';
import { engines, seededDb, type TestDb } from '../db.js';
import { codesWithin, get, signIn, testApp, type ErrorReply } from './helpers.js';

/** Casablanca (the city) over the small demo's three years, with 500 m cells. */
const casablanca = '06.141.01.0';
const window = `from=2023-11-21&to=2026-11-19&cellSize=500`;
const study = `area=${casablanca}&${window}`;

describe.each(engines)('the black-spot API on %s', (engine) => {
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

  it('gives the kernel density of a city: a value per cell inside, none outside, summing to about its incidents', async () => {
    const reply = await get<KdeResult>(app, `/api/hotspots/kde?${study}&bandwidth=1000`, dg);
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    const r = reply.body;
    expect(r.grid.nx * r.grid.ny).toBe(r.values.length);
    expect(r.values.filter((v) => v !== null)).toHaveLength(r.grid.cellsInside);
    expect(r.incidents).toBeGreaterThan(50);
    expect(r.synthetic).toBe(true);
    expect(r.bandwidth).toEqual({ metres: 1000, meaning: 'radius', rule: 'given' });
    // Kernels near the boundary spill over it, so the cells inside hold somewhat less than every incident.
    const sum = r.values.reduce<number>((a, v) => a + (v ?? 0), 0);
    expect(sum).toBeGreaterThan(r.incidents * 0.6);
    expect(sum).toBeLessThanOrEqual(r.incidents * 1.001);
    expect(Math.max(...r.values.map((v) => v ?? 0))).toBeCloseTo(r.peakPerCell, 1);
  });

  it('weighs incidents by category: the surface with one category weighing 3 is the plain one plus twice that category’s', async () => {
    const plain = await get<KdeResult>(app, `/api/hotspots/kde?${study}&bandwidth=1000`, dg);
    const category = plain.body.categories.find((c) => c === 'theft') ?? 'theft';
    const only = await get<KdeResult>(app, `/api/hotspots/kde?${study}&bandwidth=1000&category=${category}`, dg);
    const weighted = await get<KdeResult>(app, `/api/hotspots/kde?${study}&bandwidth=1000&weights=${category}:3`, dg);
    expect(weighted.status, JSON.stringify(weighted.body)).toBe(200);
    expect(weighted.body.weights).toEqual({ [category]: 3 });
    expect(only.body.incidents).toBeGreaterThan(0);
    const peak = weighted.body.peakPerCell;
    weighted.body.values.forEach((value, cell) => {
      if (value === null) return;
      const expected = (plain.body.values[cell] ?? 0) + 2 * (only.body.values[cell] ?? 0);
      // Values come rounded to four significant digits.
      expect(Math.abs(value - expected)).toBeLessThan(peak * 1e-3);
    });
    const unknown = await get<ErrorReply>(app, `/api/hotspots/kde?${study}&weights=arson:2`, dg);
    expect(unknown.status).toBe(400);
    expect(unknown.body.field).toBe('weights');
  });

  it('gives the same density on H3 cells: each a resolution-8 cell, adding up to what the square cells hold', async () => {
    const squares = await get<KdeResult>(app, `/api/hotspots/kde?${study}&bandwidth=1000`, dg);
    const reply = await get<KdeResult>(app, `/api/hotspots/kde?${study}&bandwidth=1000&h3Resolution=8`, dg);
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    const h3 = reply.body.h3;
    expect(h3?.resolution).toBe(8);
    expect(h3?.cells.length).toBeGreaterThan(100);
    for (const c of h3?.cells ?? []) expect(getResolution(c.cell)).toBe(8);
    // Two samplings of one surface over (nearly) one area: their totals agree to a few per cent.
    const onSquares = squares.body.values.reduce<number>((a, v) => a + (v ?? 0), 0);
    const onHexagons = (h3?.cells ?? []).reduce((a, c) => a + c.expected, 0);
    expect(Math.abs(onHexagons - onSquares) / onSquares).toBeLessThan(0.05);
    const geo = await get<FeatureCollection>(app, `/api/hotspots/kde?${study}&h3Resolution=8&format=geojson`, dg);
    expect(geo.body.features.length).toBe(h3?.cells.length);
    expect(geo.body.features[0]?.geometry.type).toBe('Polygon');
    const tooFine = await get<ErrorReply>(
      app,
      `/api/hotspots/kde?area=MA&from=2026-01-01&to=2026-01-31&cellSize=5000&h3Resolution=11`,
      dg,
    );
    expect(tooFine.status).toBe(400);
    expect(tooFine.body.field).toBe('h3Resolution');
  });

  it('finds Gi* hot spots whose counts tally with the bins, and draws them as GeoJSON cells', async () => {
    const reply = await get<GistarResult>(app, `/api/hotspots/gistar?${study}`, dg);
    expect(reply.status).toBe(200);
    const r = reply.body;
    const hot = r.cells.filter((c) => c.bin > 0).length;
    expect(hot).toBe(r.bins['1'] + r.bins['2'] + r.bins['3']);
    expect(hot).toBeGreaterThan(0);
    for (const cell of r.cells) {
      expect(Math.sign(cell.z)).toBe(Math.sign(cell.bin));
      expect(cell.pAdjusted).toBeGreaterThanOrEqual(cell.p);
    }
    const geo = await get<FeatureCollection>(app, `/api/hotspots/gistar?${study}&format=geojson`, dg);
    expect(geo.body.type).toBe('FeatureCollection');
    expect(geo.body.features).toHaveLength(r.cells.length);
  });

  it('lists black spots ranked by incidents, each in a district of the city, and one click gives their incidents', async () => {
    const reply = await get<BlackSpotList>(app, `/api/hotspots/black-spots?${study}&confidence=95`, dg);
    expect(reply.status).toBe(200);
    const { spots, incidents } = reply.body;
    expect(spots.length).toBeGreaterThan(0);
    const inCity = await codesWithin(t.db, casablanca);
    let total = 0;
    spots.forEach((spot, i) => {
      expect(spot.rank).toBe(i + 1);
      if (i > 0) expect(spot.incidents).toBeLessThanOrEqual(spots[i - 1]?.incidents ?? Infinity);
      expect(spot.share).toBeCloseTo(spot.incidents / incidents, 10);
      expect(spot.areaKm2).toBeCloseTo(spot.cells * 0.25, 10);
      expect(spot.hotPeriods).toBeLessThanOrEqual(spot.hotPeriodsInAll);
      expect(spot.hotPeriodsInAll).toBeLessThanOrEqual(spot.periods);
      if (spot.district) expect(inCity.has(spot.district.code)).toBe(true);
      total += spot.incidents;
    });
    expect(total).toBeLessThanOrEqual(incidents);
    const first = spots[0];
    const inside = await get<SpotIncidents>(app, `/api/hotspots/black-spots/1/incidents?${study}&confidence=95`, dg);
    expect(inside.status).toBe(200);
    expect(inside.body.items).toHaveLength(first?.incidents ?? -1);
    const [minLon, minLat, maxLon, maxLat] = first?.bbox ?? [0, 0, 0, 0];
    for (const item of inside.body.items) {
      expect(item.lon).toBeGreaterThanOrEqual(minLon);
      expect(item.lon).toBeLessThanOrEqual(maxLon);
      expect(item.lat).toBeGreaterThanOrEqual(minLat);
      expect(item.lat).toBeLessThanOrEqual(maxLat);
    }
    const missing = await get<ErrorReply>(app, `/api/hotspots/black-spots/999/incidents?${study}`, dg);
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({ code: 'NOT_FOUND', field: 'rank' });
  });

  it('classifies cells over months by both schemes, every cell of the city counted once', async () => {
    for (const scheme of ['sfhotspot', 'ehsa'] as const) {
      const reply = await get<ClassifyResult>(app, `/api/hotspots/classify?${study}&scheme=${scheme}`, dg);
      expect(reply.status, JSON.stringify(reply.body)).toBe(200);
      const r = reply.body;
      expect(r.periods).toHaveLength(37);
      expect(Object.values(r.classes).reduce((a, b) => a + b, 0)).toBe(r.grid.cellsInside);
      const patterned = Object.entries(r.classes)
        .filter(([label]) => !label.startsWith('no pattern'))
        .reduce((a, [, n]) => a + n, 0);
      expect(r.cells).toHaveLength(patterned);
      for (const cell of r.cells) expect(cell.hotPeriods + cell.coldPeriods).toBeLessThanOrEqual(37);
    }
  });

  it('gives the Knox table of near repeats, its pairs adding up to every pair of incidents', async () => {
    const reply = await get<KnoxResult>(
      app,
      `/api/hotspots/knox?${study}&spaceBands=250,500&timeBands=7,14&permutations=19`,
      dg,
    );
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    const r = reply.body;
    expect(r.spatialBands).toEqual([
      { from: 0, to: 250 },
      { from: 250, to: 500 },
      { from: 500, to: null },
    ]);
    const observed = r.observed.flat().reduce<number>((a, b) => a + (b ?? 0), 0);
    expect(observed).toBe((r.events * (r.events - 1)) / 2);
    expect(r.pairs).toBe(observed);
    const reversed = await get<ErrorReply>(app, `/api/hotspots/knox?${study}&spaceBands=500,250`, dg);
    expect(reversed.status).toBe(400);
    expect(reversed.body.field).toBe('spaceBands');
  });

  it('answers 400 naming the field for a reversed window, an unknown kernel or a grid too fine for the area', async () => {
    const cases = [
      { url: `/api/hotspots/kde?area=${casablanca}&from=2026-01-02&to=2026-01-01`, field: 'to' },
      { url: `/api/hotspots/kde?${study}&kernel=box`, field: 'kernel' },
      { url: `/api/hotspots/gistar?area=MA&from=2026-01-01&to=2026-01-31&cellSize=25`, field: 'cellSize' },
      { url: `/api/hotspots/black-spots?${study}&confidence=80`, field: 'confidence' },
    ];
    for (const { url, field } of cases) {
      const reply = await get<ErrorReply>(app, url, dg);
      expect(reply.status, url).toBe(400);
      expect(reply.body, url).toMatchObject({ code: 'VALIDATION_FAILED', field });
    }
  });

  it('keeps a wali of Marrakech-Safi out of Casablanca (403) and everyone signed out (401)', async () => {
    const outside = await get<ErrorReply>(app, `/api/hotspots/black-spots?${study}`, wali);
    expect(outside.status).toBe(403);
    expect(outside.body.code).toBe('OUT_OF_SCOPE');
    const own = await get<BlackSpotList>(
      app,
      `/api/hotspots/black-spots?area=07&${window.replace('500', '2500')}`,
      wali,
    );
    expect(own.status).toBe(200);
    const anonymous = await get<ErrorReply>(app, `/api/hotspots/kde?${study}`);
    expect(anonymous.status).toBe(401);
  });
});
