/**
 * Equity through the API, on both engines, over the small demo: each province's figures are those the response
 * and clearance reports give for the same area and days; the disparity is src/analytics/disparity.ts over them;
 * the patrol hours per 100,000 are the patrol log's (a few entries written here); the monthly trend is the report
 * month by month; the provinces the generator made remote come out worst on arrival time; then scope and errors.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fairnessReport, patrolLog } from '../../src/analysis/patrols.js';
import { disparity } from '../../src/analytics/disparity.js';
import type { EquityMeasure, EquityReport, EquityTrend } from '../../src/contract/equity.js';
import type { ClearanceReport, ResponseReport } from '../../src/contract/response.js';
import { countryCode } from '../../src/geo/morocco.js';
import type { App } from '../../src/server/app.js';
import { findAreaByCode, listAreasWithin, type AreaRow } from '../../src/store/areas.js';
import { remotenessOf } from '../../src/synthetic/plan.js';
import { engines, seededDb, type TestDb } from '../db.js';
import { get, signIn, testApp, type ErrorReply } from './helpers.js';

/** The demo's last year of local days (it ends on 20 November 2026). */
const lastYear = 'from=2025-11-21&to=2026-11-20';
/** Its whole three years: enough calls in the small demo for a remote province's median to stand out. */
const threeYears = 'from=2023-11-21&to=2026-11-20';
const marrakechSafi = '07';

/** The value, or a failed test saying what was missing. */
function must<T>(value: T | undefined | null, what: string): T {
  if (value === undefined || value === null) throw new Error(`missing: ${what}`);
  return value;
}

describe.each(engines)('equity on %s', (engine) => {
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

  const ok = async <T>(url: string, cookie = dg): Promise<T> => {
    const reply = await get<T>(app, url, cookie);
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    return reply.body;
  };

  it('gives each province the figures of the response and clearance reports for the same area and days', async () => {
    const equity = await ok<EquityReport>(`/api/equity?level=province&area=${marrakechSafi}&${lastYear}`);
    const provinces = await listAreasWithin(
      t.db,
      must(await findAreaByCode(t.db, marrakechSafi), marrakechSafi).id,
      'province',
    );
    expect(equity.areas.map((a) => a.area.code).sort()).toEqual(provinces.map((p) => p.code).sort());
    for (const { area, figures } of [
      ...equity.areas,
      { area: equity.standard.area, figures: null }, // the national figure is the country's report
    ]) {
      // exact: the raw calls' percentile_cont, as equity computes; the roll-up's binned answer is within 2 % of it.
      const response = await ok<ResponseReport>(`/api/response?area=${area.code}&${lastYear}&exact=true`);
      const clearance = await ok<ClearanceReport>(`/api/clearance?area=${area.code}&${lastYear}`);
      const expected: Record<Exclude<EquityMeasure, 'patrolHours'>, { value: number | null; n: number }> = {
        arrivalMedian: { value: response.summary.toArrival.medianSeconds, n: response.summary.toArrival.n },
        arrivalP90: { value: response.summary.toArrival.p90Seconds, n: response.summary.toArrival.n },
        withinStandard: { value: response.summary.withinStandardPct, n: response.summary.calls },
        clearance: { value: clearance.headline.overall.solvedPct, n: clearance.headline.overall.incidents },
        violentClearance: { value: clearance.headline.violent.solvedPct, n: clearance.headline.violent.incidents },
      };
      for (const [measure, { value, n }] of Object.entries(expected)) {
        if (figures === null) {
          const national = equity.measures.find((m) => m.measure === measure);
          expect({ value: national?.national, n: national?.nationalN }, `national ${measure}`).toEqual({ value, n });
        } else {
          const figure = figures[measure as EquityMeasure];
          expect({ value: figure.value, n: figure.n }, `${area.code} ${measure}`).toEqual({ value, n });
        }
      }
    }
    expect(equity.standard).toMatchObject({ kind: 'national', area: { code: countryCode } });
  });

  it('measures the gap to the national figure, ranks worst first and computes the disparity over the ranked areas', async () => {
    const equity = await ok<EquityReport>(`/api/equity?level=province&${lastYear}&measure=withinStandard&minN=3`);
    expect(equity.areas.length).toBe(75);
    for (const summary of equity.measures) {
      const m = summary.measure;
      const ranked = equity.areas.filter((a) => a.figures[m].rank !== null);
      // Ranked: a figure, enough behind it (patrol presence needs none) and a population.
      for (const a of equity.areas) {
        const f = a.figures[m];
        const eligible = f.value !== null && (m === 'patrolHours' || f.n >= 3) && (a.area.population ?? 0) > 0;
        expect(f.rank !== null, `${a.area.code} ${m}`).toBe(eligible);
        if (f.value !== null && summary.national !== null) {
          expect(f.difference).toBeCloseTo(f.value - summary.national, 9);
          if (summary.national > 0) expect(f.ratio).toBeCloseTo(f.value / summary.national, 12);
          expect(f.worse).toBe(summary.worse === 'higher' ? f.value > summary.national : f.value < summary.national);
        }
      }
      const byRank = [...ranked].sort((a, b) => (a.figures[m].rank ?? 0) - (b.figures[m].rank ?? 0));
      expect(byRank.map((a) => a.figures[m].rank)).toEqual(ranked.map((_, i) => i + 1));
      const values = byRank.map((a) => a.figures[m].value as number);
      expect(values).toEqual([...values].sort((x, y) => (summary.worse === 'higher' ? y - x : x - y)));
      const expected = disparity(
        ranked.map((a) => ({ value: a.figures[m].value as number, weight: a.area.population as number })),
        summary.worse,
      );
      // The same sums in another order: equal to the last bits or so.
      for (const key of Object.keys(expected) as (keyof typeof expected)[]) {
        const value = expected[key];
        const got = summary.disparity[key];
        if (value === null) expect(got, `${m} ${key}`).toBeNull();
        else expect(got, `${m} ${key}`).toBeCloseTo(value, 12);
      }
    }
    // The list follows the chosen measure: ranked areas first, worst first.
    const ranks = equity.areas.map((a) => a.figures.withinStandard.rank);
    const firstUnranked = ranks.indexOf(null);
    expect(ranks.slice(0, firstUnranked === -1 ? undefined : firstUnranked)).toEqual(
      ranks.slice(0, firstUnranked === -1 ? undefined : firstUnranked).map((_, i) => i + 1),
    );
    if (firstUnranked !== -1) expect(ranks.slice(firstUnranked).every((r) => r === null)).toBe(true);
  });

  it('finds the remote provinces the demo was generated with at the bottom on time to arrival', async () => {
    // Remoteness as the generator assigns it (src/synthetic/plan.ts): a city's distance to the nearest city of
    // 500,000 or more over 400 km, capped at 1. A remote province has every city at r = 1 (Laâyoune, Es-Semara…).
    const country = must(await findAreaByCode(t.db, countryCode), countryCode);
    const cities = (await listAreasWithin(t.db, country.id, 'city')).flatMap((c) =>
      c.centroid === null ? [] : [{ ...c, centre: c.centroid, population: c.population ?? 0 }],
    );
    const remoteness = new Map(remotenessOf(cities).map((r, i) => [cities[i]?.id, r]));
    const remote = new Set<string>();
    for (const province of await listAreasWithin(t.db, country.id, 'province')) {
      const inside = cities.filter((c) => c.parentId === province.id);
      if (inside.length > 0 && inside.every((c) => remoteness.get(c.id) === 1)) remote.add(province.code);
    }
    expect(remote.size).toBeGreaterThanOrEqual(3);

    // The small demo has about 600 calls a year for 75 provinces: over its three years, a province with at least
    // five arrivals is ranked.
    const equity = await ok<EquityReport>(`/api/equity?level=province&${threeYears}&minN=5`);
    const ranked = equity.areas.filter((a) => a.figures.arrivalMedian.rank !== null);
    expect(ranked.length).toBeGreaterThan(40);
    const remoteRanked = ranked.filter((a) => remote.has(a.area.code));
    expect(remoteRanked.length).toBeGreaterThanOrEqual(2);
    expect(remote.has(must(ranked[0], 'the worst').area.code)).toBe(true);
    // Every remote province with enough calls is among the worst five of the ranked, well behind the nation.
    for (const a of remoteRanked) {
      expect(a.figures.arrivalMedian.rank, a.area.nameFr).toBeLessThanOrEqual(5);
      expect(a.figures.arrivalMedian.ratio, a.area.nameFr).toBeGreaterThan(1.5);
    }
    const arrival = must(
      equity.measures.find((m) => m.measure === 'arrivalMedian'),
      'arrivalMedian',
    );
    expect(arrival.disparity.worstToMedian).toBeGreaterThan(2);
  });

  it('gives actual patrol hours per 100,000 residents from the log, as the fairness report sums them', async () => {
    // The demo logs its units' shifts over its last four weeks.
    const from = '2026-10-24';
    const to = '2026-11-20';
    const equity = await ok<EquityReport>(`/api/equity?level=province&area=${marrakechSafi}&from=${from}&to=${to}`);
    const actualEntries = async (area: AreaRow) =>
      (await patrolLog(t.db, area, from, to)).items.filter((e) => e.source === 'actual').length;
    let patrolled = 0;
    for (const row of equity.areas) {
      const province = must(await findAreaByCode(t.db, row.area.code), row.area.code);
      const fairness = await fairnessReport(t.db, province, from, to);
      if (fairness.patrolHours > 0) patrolled++;
      const expected = (fairness.patrolHours / must(province.population, 'population')) * 100_000;
      expect(row.figures.patrolHours.value, province.code).toBeCloseTo(expected, 9);
      expect(row.figures.patrolHours.n, province.code).toBe(await actualEntries(province));
    }
    expect(patrolled).toBeGreaterThan(1);
    const country = must(await findAreaByCode(t.db, countryCode), countryCode);
    const nationalHours = (await fairnessReport(t.db, country, from, to)).patrolHours;
    const national = must(
      equity.measures.find((m) => m.measure === 'patrolHours'),
      'patrolHours',
    );
    expect(national.national).toBeCloseTo((nationalHours / must(country.population, 'population')) * 100_000, 9);
    expect(national.nationalN).toBe(await actualEntries(country));
    // Patrol presence needs no sample: every province with a population counts.
    expect(national.disparity.areas).toBe(equity.areas.length);
  });

  it('tracks the disparity month by month, each month as the report over its days', async () => {
    const trend = await ok<EquityTrend>(`/api/equity/trend?level=province&measure=clearance&minN=3`);
    expect(trend.months.map((m) => m.month)).toEqual([
      '2025-12',
      '2026-01',
      '2026-02',
      '2026-03',
      '2026-04',
      '2026-05',
      '2026-06',
      '2026-07',
      '2026-08',
      '2026-09',
      '2026-10',
      '2026-11',
    ]);
    expect(trend.months.at(-1)).toMatchObject({ from: '2026-11-01', to: '2026-11-20' });
    for (const month of [must(trend.months[0], 'first'), must(trend.months.at(-2), 'last but one')]) {
      const report = await ok<EquityReport>(
        `/api/equity?level=province&from=${month.from}&to=${month.to}&measure=clearance&minN=3`,
      );
      const summary = must(
        report.measures.find((m) => m.measure === 'clearance'),
        'clearance',
      );
      expect(month.disparity).toEqual(summary.disparity);
      expect(month.national).toBe(summary.national);
      expect(month.disparity.areas).toBeGreaterThan(5);
    }
    const three = await ok<EquityTrend>(`/api/equity/trend?level=city&area=${marrakechSafi}&months=3&to=2026-06-15`);
    expect(three.months.map((m) => [m.month, m.from, m.to])).toEqual([
      ['2026-04', '2026-04-01', '2026-04-30'],
      ['2026-05', '2026-05-01', '2026-05-31'],
      ['2026-06', '2026-06-01', '2026-06-15'],
    ]);
  });

  it('shows a wali the provinces of the region, and refuses other areas, strangers and unknown codes', async () => {
    const own = await ok<EquityReport>(`/api/equity?${lastYear}`, wali);
    expect(own.area.code).toBe(marrakechSafi);
    expect(own.areas.every((a) => a.area.code.startsWith(`${marrakechSafi}.`))).toBe(true);
    // The national figure is the standard, whatever the caller's scope.
    const national = await ok<EquityReport>(`/api/equity?${lastYear}`);
    expect(own.measures.map((m) => m.national)).toEqual(national.measures.map((m) => m.national));
    for (const route of ['equity', 'equity/trend']) {
      const out = await get<ErrorReply>(app, `/api/${route}?area=06&${route === 'equity' ? lastYear : ''}`, wali);
      expect(out.status, route).toBe(403);
      expect(out.body).toMatchObject({ code: 'OUT_OF_SCOPE', field: 'area' });
      const missing = await get<ErrorReply>(
        app,
        `/api/${route}?area=nowhere&${route === 'equity' ? lastYear : ''}`,
        dg,
      );
      expect(missing.status, route).toBe(404);
      expect(missing.body).toMatchObject({ code: 'AREA_NOT_FOUND', field: 'area' });
      expect((await get(app, `/api/${route}?${route === 'equity' ? lastYear : ''}`)).status, route).toBe(401);
    }
  });

  it.each([
    ['equity', 'to=2026-11-20', 'from'],
    ['equity', 'from=2026-02-30&to=2026-03-31', 'from'],
    ['equity', 'from=2026-11-20&to=2026-11-01', 'to'],
    ['equity', 'from=2000-01-01&to=2026-11-20', 'to'],
    ['equity', `${lastYear}&level=district`, 'level'],
    ['equity', `${lastYear}&level=province&area=07.351`, 'level'],
    ['equity', `${lastYear}&measure=speed`, 'measure'],
    ['equity', `${lastYear}&minN=0`, 'minN'],
    ['equity/trend', 'months=0', 'months'],
    ['equity/trend', 'months=37', 'months'],
    ['equity/trend', 'to=2026-13-01', 'to'],
    ['equity/trend', 'level=city&area=06.141.01.0', 'level'],
  ])('rejects %s?%s naming %s', async (route, query, field) => {
    const reply = await get<ErrorReply>(app, `/api/${route}?${query}`, dg);
    expect(reply.status).toBe(400);
    expect(reply.body).toMatchObject({ code: 'VALIDATION_FAILED', field });
  });
});
