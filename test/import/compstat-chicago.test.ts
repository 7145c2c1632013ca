/**
 * CompStat on real data: Chicago's aggravated assaults 2010–2019 imported with their preset, and the table of a
 * police district and of the city checked against counts taken straight from the raw file (PGlite only: the
 * import takes most of a minute, and the API tests run both engines).
 *
 * The independent computation. Each row's local day is the first ten characters of its `date` (the file gives
 * Chicago time), no time-zone code involved. The preset places an assault in a district by point-in-polygon on
 * chicago_police_districts.kml, not by the row's `district` column, and the two disagree for about 2 % of rows
 * (presets.test.ts: CPD districts at the time of the report against the 2018 boundaries, and points rounded to
 * 10 m), so counting by the column could not agree exactly. This test counts by point-in-polygon too, with its own
 * parsing of the KML and its own even-odd ray casting (not the project's AreaDirectory), which must agree with the
 * import for every assault that does not sit exactly on a boundary. The import's rule is followed to the end: a point
 * inside two districts' polygons (they overlap by slivers) goes to the smaller one, and a point in none to the
 * district its row names (`placeOf` in run-import.ts: the point's area, else the named area). The city's counts
 * need no geometry at all.
 */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compstatReport } from '../../src/analysis/compstat.js';
import type { Compstat } from '../../src/contract/compstat.js';
import { importFile } from '../../src/ingest/import/run-import.js';
import { areaSummary } from '../../src/server/area-access.js';
import { findAreaByCode } from '../../src/store/areas.js';
import { unrestricted } from '../../src/store/scope.js';
import { freshDb, type TestDb } from '../db.js';
import { sharedFile } from '../shared-data.js';

const folder = 'chicago-aggravated-assaults';

type Ring = [number, number][];

/** Each placemark's district number and rings (outer and inner alike: even-odd counts them the same way). */
function districtRings(kml: string): Map<string, Ring[]> {
  const districts = new Map<string, Ring[]>();
  for (const placemark of kml.split('<Placemark>').slice(1)) {
    const name = /<name>([^<]*)<\/name>/.exec(placemark)?.[1]?.trim() ?? '';
    const rings = [...placemark.matchAll(/<coordinates>([^<]*)<\/coordinates>/g)].map((m) =>
      (m[1] ?? '')
        .trim()
        .split(/\s+/)
        .map((pair) => pair.split(',').map(Number).slice(0, 2) as [number, number]),
    );
    districts.set(name, [...(districts.get(name) ?? []), ...rings]);
  }
  return districts;
}

/** Area in square degrees (shoelace; enough to rank overlapping districts by size). */
function ringsArea(rings: Ring[]): number {
  let total = 0;
  for (const ring of rings) {
    let twice = 0;
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [xi, yi] = ring[i] as [number, number];
      const [xj, yj] = ring[j] as [number, number];
      twice += xj * yi - xi * yj;
    }
    total += Math.abs(twice) / 2;
  }
  return total;
}

/** Even-odd ray casting over every ring of a district. */
function inside(lon: number, lat: number, rings: Ring[]): boolean {
  let odd = false;
  for (const ring of rings) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [xi, yi] = ring[i] as [number, number];
      const [xj, yj] = ring[j] as [number, number];
      if (yi > lat !== yj > lat && lon < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) odd = !odd;
    }
  }
  return odd;
}

describe('CompStat on Chicago’s assaults, against the raw file', () => {
  let t: TestDb;
  /** Local day and the district code point-in-polygon gives (null outside every district) of each assault. */
  const assaults: { day: string; district: string | null }[] = [];
  beforeAll(async () => {
    t = await freshDb('pglite');
    const file = sharedFile(folder, 'chicago_aggravated_assaults.csv.gz');
    await importFile(t.db, file, { preset: 'chicago-aggravated-assaults' });
    const districts = districtRings(readFileSync(sharedFile(folder, 'chicago_police_districts.kml'), 'utf8'));
    const sizes = new Map([...districts].map(([name, rings]) => [name, ringsArea(rings)]));
    const located = new Map<string, string | null>();
    const lines = gunzipSync(readFileSync(file)).toString('utf8').split(/\r?\n/).slice(1, -1);
    for (const line of lines) {
      const [date = '', , lon = '', lat = '', named = ''] = line.split(',');
      const key = `${lon},${lat},${named}`;
      let district = located.get(key);
      if (district === undefined) {
        const found = [...districts]
          .filter(([, rings]) => inside(Number(lon), Number(lat), rings))
          .sort((a, b) => (sizes.get(a[0]) ?? 0) - (sizes.get(b[0]) ?? 0));
        const number = found[0]?.[0] ?? (districts.has(named) ? named : null);
        district = number === null ? null : `chicago-${number.padStart(2, '0')}`;
        located.set(key, district);
      }
      assaults.push({ day: date.slice(0, 10), district });
    }
    expect(assaults).toHaveLength(148_636);
  }, 300_000);
  afterAll(() => t?.drop());

  const count = (district: string | null, w: { from: string; to: string }) =>
    assaults.filter((a) => (district === null || a.district === district) && a.day >= w.from && a.day <= w.to).length;

  async function report(code: string, asOf: string, baselineYear?: number): Promise<Compstat> {
    const area = await findAreaByCode(t.db, code);
    if (!area) throw new Error(`no area ${code}`);
    return compstatReport(
      t.db,
      unrestricted,
      { area, asOf, now: new Date('2026-01-01T00:00:00Z'), ...(baselineYear ? { baselineYear } : {}) },
      { summary: areaSummary, synthetic: false },
    );
  }

  it.each([
    ['chicago-11', '2019-06-30'],
    ['chicago-11', '2016-02-29'],
    ['chicago-08', '2012-12-31'],
    ['chicago', '2019-06-30'],
    ['chicago', '2016-02-29'],
  ])('reproduces the raw counts of %s as of %s in every window', async (code, asOf) => {
    const r = await report(code, asOf);
    // The data start on 1 January 2010 and end on 31 December 2019: 2010 is the first full year.
    expect(r.baselineYear).toBe(2010);
    const district = code === 'chicago' ? null : code;
    expect(r.rows.map((row) => row.category)).toEqual(['assault_serious']);
    for (const period of ['weekToDate', 'days28', 'yearToDate'] as const) {
      const w = r.periods[period];
      const cell = r.total[period];
      expect(cell.incidents, `${period} now`).toBe(count(district, w.current));
      expect(cell.lastYear.incidents, `${period} last year`).toBe(count(district, w.lastYear));
      expect(cell.twoYearsAgo.incidents, `${period} two years`).toBe(count(district, w.twoYearsAgo));
      expect(cell.baseline?.incidents, `${period} baseline`).toBe(count(district, w.baseline ?? w.current));
      expect(r.rows[0]?.[period]).toEqual(cell);
    }
    expect(r.total.days28.incidents).toBeGreaterThan(code === 'chicago' ? 500 : 20);
  });

  it('reproduces every district’s 2018 count', async () => {
    const day = { from: '2018-01-01', to: '2018-12-31' };
    for (let n = 1; n <= 31; n++) {
      const code = `chicago-${String(n).padStart(2, '0')}`;
      if (!(await findAreaByCode(t.db, code))) continue;
      const r = await report(code, '2018-12-31', 2010);
      expect(r.total.yearToDate.incidents, code).toBe(count(code, day));
    }
  });
});
