/**
 * The public transparency figures through the API, on both engines, without sign-in: on the small demo, every
 * published count is exact (the roll-up's) and at least k, the withheld counts of any line whose margin is
 * published hold at least k between them, nothing finer than an area's outline is ever sent, and bad requests
 * name their field.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { areaSummaryOf } from '../../src/analysis/plans.js';
import { clearanceReport, responseReport } from '../../src/analysis/response.js';
import type { PublicHeadlines, PublicStats } from '../../src/contract/public.js';
import { findAreaByCode, type AreaRow } from '../../src/store/areas.js';
import { unrestricted } from '../../src/store/scope.js';
import type { App } from '../../src/server/app.js';
import { engines, seededDb, type TestDb } from '../db.js';
import { get, testApp, type ErrorReply } from './helpers.js';

const k = 10;
const month = '2026-10';

interface Truth {
  code: string;
  category: string;
  incidents: number;
}

describe.each(engines)('the public figures on %s', (engine) => {
  let t: TestDb;
  let app: App;
  /** The roll-up's own counts per area code and category for the month. */
  const truth = new Map<string, Map<string, number>>();

  beforeAll(async () => {
    t = await seededDb(engine);
    app = await testApp(t.db);
    const rows = await sql<Truth>`
      select a.code, r.category, sum(r.incidents)::int as incidents
        from rollup_daily r join area a on a.id = r.area_id
       where r.day between '2026-10-01' and '2026-10-31'
       group by a.code, r.category
    `.execute(t.db);
    for (const r of rows.rows) {
      const byCategory = truth.get(r.code) ?? new Map<string, number>();
      byCategory.set(r.category, r.incidents);
      truth.set(r.code, byCategory);
    }
  }, 180_000);

  afterAll(async () => {
    await app.close();
    await t.drop();
  });

  const count = (code: string, category?: string) => {
    const byCategory = truth.get(code);
    if (!byCategory) return 0;
    if (category !== undefined) return byCategory.get(category) ?? 0;
    return [...byCategory.values()].reduce((s, x) => s + x, 0);
  };

  it.each(['region', 'province', 'city', 'district'] as const)(
    'publishes %s figures that are exact and never below k, and withholds what would give one back',
    async (level) => {
      const reply = await get<PublicStats>(app, `/api/public/stats?level=${level}&month=${month}`);
      expect(reply.status, JSON.stringify(reply.body)).toBe(200);
      expect(reply.body).toMatchObject({ month, from: '2026-10-01', to: '2026-10-31', level, k, synthetic: true });
      let published = 0;
      let withheld = 0;
      const byParent = new Map<string | null, PublicStats['areas']>();
      for (const a of reply.body.areas) {
        byParent.set(a.parent, [...(byParent.get(a.parent) ?? []), a]);
        for (const f of [{ category: undefined, ...a.total }, ...a.categories]) {
          if (f.withheld) {
            withheld++;
            expect(f).toMatchObject({ count: null, ratePer100k: null });
          } else {
            published++;
            expect(f.count).toBe(count(a.area.code, f.category));
            expect(f.count).toBeGreaterThanOrEqual(k);
          }
        }
        if (!a.total.withheld) {
          // Against the published total, the withheld categories hold k or more (or none is withheld).
          const held = a.categories.filter((c) => c.withheld).reduce((s, c) => s + count(a.area.code, c.category), 0);
          if (a.categories.some((c) => c.withheld)) expect(held).toBeGreaterThanOrEqual(k);
        } else {
          expect(a.categories.some((c) => c.withheld)).toBe(true);
        }
      }
      // Against each parent's figures, the withheld totals of its children hold k or more, or all are withheld.
      for (const siblings of byParent.values()) {
        const held = siblings.filter((s) => s.total.withheld).map((s) => count(s.area.code));
        if (held.length > 0 && held.length < siblings.length) {
          expect(held.reduce((s, x) => s + x, 0)).toBeGreaterThanOrEqual(k);
        }
      }
      if (level === 'region') expect(published).toBeGreaterThan(0);
      expect(withheld).toBeGreaterThan(0);
    },
  );

  it('sends no incident, point or cell: only area codes, names and outlines rounded to 4 decimals', async () => {
    const stats = await get<PublicStats>(app, `/api/public/stats?level=district&parent=06&month=${month}`);
    expect(stats.status).toBe(200);
    expect(stats.body.areas.length).toBeGreaterThan(0);
    expect(stats.body.areas.every((a) => a.area.code.startsWith('06.'))).toBe(true);
    expect(JSON.stringify(stats.body)).not.toMatch(/"(lat|lon|centroid|coordinates|h3|cell|incidents?)"/);

    const response = await app.inject({
      method: 'GET',
      url: `/api/public/stats.geojson?level=province&month=${month}`,
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^application\/geo\+json/);
    const collection = response.json<{
      properties: Record<string, unknown>;
      features: { geometry: { type: string; coordinates: unknown }; properties: Record<string, unknown> }[];
    }>();
    expect(collection.properties).toMatchObject({ month, level: 'province', k, synthetic: true });
    expect(collection.features.length).toBeGreaterThan(0);
    const numbers = (value: unknown): number[] => (Array.isArray(value) ? value.flatMap(numbers) : [value as number]);
    for (const f of collection.features) {
      expect(['Polygon', 'MultiPolygon']).toContain(f.geometry.type);
      for (const x of numbers(f.geometry.coordinates)) expect(Math.round(x * 1e4) / 1e4).toBe(x);
      const figure = f.properties.count as number | null;
      expect(figure === null ? f.properties.withheld : figure >= k).toBe(true);
    }
  });

  it('gives the same figures as CSV open data, a row per month, area and category, withheld ones empty', async () => {
    const response = await app.inject({
      method: 'GET',
      url: `/api/public/stats.csv?level=region&from=2026-09&to=${month}`,
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/csv/);
    const [comment, header, ...rows] = response.body.trimEnd().split('\n');
    expect(comment).toBe('# synthetic demo data, not real incidents');
    // The download is in the audit trail, with what was asked for.
    const logged = await sql<{ actorName: string; details: { level: string; to: string } }>`
      select actor_name, details from audit_log where action = 'export.public_csv' order by id desc limit 1
    `.execute(t.db);
    expect(logged.rows[0]).toMatchObject({ actorName: 'public', details: { level: 'region', to: month } });
    expect(header).toBe('month,area,level,name_ar,name_fr,population,category,count,rate_per_100k,withheld');
    const json = await get<PublicStats>(app, `/api/public/stats?level=region&month=${month}`);
    const october = rows.filter((r) => r.startsWith(`${month},`));
    expect(october).toHaveLength(json.body.areas.length * (1 + (json.body.areas[0]?.categories.length ?? 0)));
    expect(rows.some((r) => r.startsWith('2026-09,'))).toBe(true);
    for (const row of rows) {
      const cells = row.split(',');
      const [figure, withheld] = [cells.at(-3), cells.at(-1)];
      if (withheld === 'true') expect(figure).toBe('');
      else expect(Number(figure)).toBeGreaterThanOrEqual(k);
    }
  });

  it('gives clearance and response headlines as the analyses compute them, each withheld below k', async () => {
    const context = { summary: areaSummaryOf, synthetic: true };
    for (const code of ['MA', '06', '12']) {
      const area = (await findAreaByCode(t.db, code)) as AreaRow;
      const reply = await get<PublicHeadlines>(app, `/api/public/headlines?area=${code}&month=${month}`);
      expect(reply.status, JSON.stringify(reply.body)).toBe(200);
      expect(reply.body).toMatchObject({ month, k, synthetic: true, area: { code } });
      const window = { area, from: '2026-10-01', to: '2026-10-31' };
      const r = (await responseReport(t.db, unrestricted, window, context)).summary;
      const c = (await clearanceReport(t.db, unrestricted, window, context)).headline;
      const share = (part: number, whole: number) => (part >= k && whole - part >= k ? (part / whole) * 100 : null);
      expect(reply.body.clearance).toEqual({
        incidents: c.overall.incidents >= k ? c.overall.incidents : null,
        solvedPct: share(c.overall.solved, c.overall.incidents),
        violentIncidents: c.violent.incidents >= k ? c.violent.incidents : null,
        violentSolvedPct: share(c.violent.solved, c.violent.incidents),
      });
      expect(reply.body.response.calls).toBe(r.calls >= k ? r.calls : null);
      expect(reply.body.response.withinStandardPct).toBe(share(r.withinStandard, r.calls));
      const median = r.toArrival.n >= k && r.toArrival.medianSeconds !== null ? r.toArrival.medianSeconds / 60 : null;
      expect(reply.body.response.arrivalMedianMinutes).toBe(median);
    }
    // The whole country publishes its calls and median arrival; some small figure somewhere is withheld.
    const national = await get<PublicHeadlines>(app, `/api/public/headlines?month=${month}`);
    expect(national.body.area.code).toBe('MA');
    expect(national.body.response.arrivalMedianMinutes).not.toBeNull();
  });

  it('answers a bad request with 400 naming the field, an unknown parent with 404', async () => {
    const cases: [string, number, string | undefined][] = [
      ['/api/public/stats?month=2026-13', 400, 'month'],
      ['/api/public/stats?month=2026-11', 400, 'month'], // not over on 20 November
      ['/api/public/stats?level=street', 400, 'level'],
      ['/api/public/stats?level=province&parent=06.141.01.0', 400, 'parent'],
      ['/api/public/stats?parent=99', 404, 'area'],
      ['/api/public/stats.csv?from=2026-10&to=2026-09', 400, 'from'],
      ['/api/public/stats?area=06', 400, undefined],
      ['/api/public/headlines?area=99', 404, 'area'],
      ['/api/public/headlines?month=2026-11', 400, 'month'],
    ];
    for (const [url, status, field] of cases) {
      const reply = await get<ErrorReply>(app, url);
      expect(reply.status, url).toBe(status);
      if (field !== undefined) expect(reply.body.field, url).toBe(field);
    }
  });
});
