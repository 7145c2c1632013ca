/**
 * Every preset on the real file it was written for (../shared/data): each row lands or is rejected with a reason,
 * a second import adds nothing, and what each data set is known for comes out right — Chicago's police districts
 * and local days, police.uk's months, Vancouver's UTM coordinates.
 */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportSummary } from '../../src/contract/import.js';
import { importFile } from '../../src/ingest/import/run-import.js';
import { presets } from '../../src/ingest/import/presets.js';
import { findAreaByCode } from '../../src/store/areas.js';
import { engines, freshDb, type TestDb } from '../db.js';
import { readmeRows, sharedFile } from '../shared-data.js';

const chicagoFolder = 'chicago-aggravated-assaults';
const samplesFolder = 'crimemappingdata-samples';

/** Each preset with its file; the istibaq presets read Istibaq's own format (test/import/native.test.ts). */
const files: { preset: string; folder: string; file: string }[] = [
  { preset: 'chicago-aggravated-assaults', folder: chicagoFolder, file: 'chicago_aggravated_assaults.csv.gz' },
  { preset: 'cincinnati-burglary', folder: samplesFolder, file: 'cincinnati_burglary.csv.gz' },
  { preset: 'vancouver-thefts', folder: samplesFolder, file: 'vancouver_thefts.csv.gz' },
  { preset: 'san-francisco-robbery', folder: samplesFolder, file: 'san_francisco_robbery.csv' },
  { preset: 'nyc-homicides', folder: samplesFolder, file: 'nyc_homicides.csv' },
  { preset: 'nyc-shootings', folder: samplesFolder, file: 'nyc_shootings.csv' },
  { preset: 'nottingham-burglary', folder: samplesFolder, file: 'nottingham_burglary.csv.gz' },
  { preset: 'nottingham-robbery', folder: samplesFolder, file: 'nottingham_robbery.csv.gz' },
  { preset: 'lancashire-asb', folder: samplesFolder, file: 'lancashire_asb.tab' },
  { preset: 'medellin-homicides', folder: samplesFolder, file: 'medellin_homicides.csv' },
];

/** The lines of a text file, gzip or not, without the header and the final empty line. */
function dataLines(path: string): string[] {
  const bytes = readFileSync(path);
  const text = (path.endsWith('.gz') ? gunzipSync(bytes) : bytes).toString('utf8');
  return text.split(/\r?\n/).slice(1, -1);
}

/** Metres between two WGS 84 points (haversine on the mean Earth radius: well under a millimetre off at 1 m). */
function metresBetween(lon1: number, lat1: number, lon2: number, lat2: number): number {
  const rad = Math.PI / 180;
  const a =
    Math.sin(((lat2 - lat1) * rad) / 2) ** 2 +
    Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(((lon2 - lon1) * rad) / 2) ** 2;
  return 2 * 6_371_008.8 * Math.asin(Math.sqrt(a));
}

interface VancouverReference {
  row: number;
  lon: number;
  lat: number;
}

const reference = JSON.parse(
  readFileSync(new URL('../fixtures/projection/reference.json', import.meta.url), 'utf8'),
) as { vancouver: VancouverReference[] };

describe.each(engines)('the presets on their real files, on %s', (engine) => {
  let t: TestDb;
  const firsts = new Map<string, ImportSummary>();
  beforeAll(async () => {
    t = await freshDb(engine);
  });
  afterAll(() => t.drop());

  it('has a real file for every preset but the native ones', () => {
    expect(files.map((f) => f.preset).sort()).toEqual(
      presets
        .map((p) => p.name)
        .filter((name) => !name.startsWith('istibaq'))
        .sort(),
    );
  });

  it.each(files)(
    'lands every row of $file or rejects it with a reason, and adds nothing the second time',
    { timeout: 120_000 },
    async ({ preset, folder, file }) => {
      const path = sharedFile(folder, file);
      const rows = readmeRows(folder, file);
      const first = await importFile(t.db, path, { preset });
      firsts.set(preset, first);
      expect(first.rows).toBe(rows);
      expect(first.inserted + first.rejected).toBe(rows);
      expect(first.errors).toHaveLength(first.rejected);
      for (const error of first.errors) {
        expect(error.line).toBeGreaterThan(1);
        expect(error.reason).toMatch(/\w/);
      }
      const second = await importFile(t.db, path, { preset });
      expect(second).toMatchObject({
        rows,
        inserted: 0,
        updated: 0,
        duplicates: first.inserted,
        rejected: first.rejected,
      });
    },
  );

  describe('Chicago', () => {
    const path = () => sharedFile(chicagoFolder, 'chicago_aggravated_assaults.csv.gz');
    const source = 'chicago-cpd';

    it('lands all 148,636 assaults, the 111 rows repeated field for field included', async () => {
      const lines = dataLines(path());
      expect(lines).toHaveLength(148_636);
      expect(lines.length - new Set(lines).size).toBe(111);
      expect(firsts.get('chicago-aggravated-assaults')).toMatchObject({ inserted: 148_636, rejected: 0 });
      const stored = await sql<{ n: number; keys: number }>`
        select count(*) as n, count(distinct external_id) as keys from incident where source = ${source}`.execute(t.db);
      expect(stored.rows[0]).toEqual({ n: 148_636, keys: 148_636 });
    });

    it('creates chicago and its 23 police districts, district 31 as one area of three polygons', async () => {
      const chicago = await findAreaByCode(t.db, 'chicago');
      expect(chicago).toMatchObject({ level: 'city', timeZone: 'America/Chicago', population: 2_746_388 });
      const districts = await t.db
        .selectFrom('area')
        .select(['code', 'level', 'timeZone', 'boundary'])
        .where('parentId', '=', chicago?.id ?? -1)
        .orderBy('code')
        .execute();
      const numbers = [...Array.from({ length: 25 }, (_, i) => i + 1).filter((d) => ![13, 21, 23].includes(d)), 31];
      expect(districts.map((d) => d.code)).toEqual(numbers.map((d) => `chicago-${String(d).padStart(2, '0')}`));
      for (const district of districts) {
        expect(district).toMatchObject({ level: 'district', timeZone: 'America/Chicago' });
      }
      const d31 = districts.find((d) => d.code === 'chicago-31')?.boundary;
      expect(d31?.type).toBe('MultiPolygon');
      expect(d31?.coordinates).toHaveLength(3);
    });

    it('places most assaults in the district their own district column names', async () => {
      // The area of each stored point; a point's district is found by point-in-polygon, the same for every
      // incident at that point.
      const placed = await sql<{ lon: number; lat: number; code: string }>`
        select distinct i.lon, i.lat, a.code
          from incident i join area a on a.id = i.area_id
         where i.source = ${source}`.execute(t.db);
      const areaAt = new Map(placed.rows.map((r) => [`${r.lon},${r.lat}`, r.code]));
      let agree = 0;
      let outside = 0;
      const lines = dataLines(path());
      for (const line of lines) {
        const [, , lon, lat, district] = line.split(',');
        const code = areaAt.get(`${Number(lon)},${Number(lat)}`);
        if (code === undefined) throw new Error(`no stored incident at ${lon}, ${lat}`);
        if (code === 'chicago') outside++;
        if (code === `chicago-${(district ?? '').padStart(2, '0')}`) agree++;
      }
      const share = agree / lines.length;
      console.log(
        `Chicago on ${engine}: ${agree.toLocaleString('en')} of ${lines.length.toLocaleString('en')} assaults ` +
          `(${(share * 100).toFixed(2)} %) fall in the district their row names; ${outside} in no district`,
      );
      // The rows' districts are the CPD's at the time of each report, the boundaries those of 2018 (README), and
      // points are rounded to 4 decimals (about 10 m): a point near a boundary, or recorded before a boundary
      // moved, can fall in the neighbouring district. The floor sits a little under the share this file gives.
      expect(share).toBeGreaterThanOrEqual(0.97);
    });

    it('counts each assault on its local day in Chicago', async () => {
      const chicago = await findAreaByCode(t.db, 'chicago');
      const id = chicago?.id ?? -1;
      // The file's last assault, 2019-12-31 23:54 in Chicago, is 2020-01-01 05:54 in UTC.
      const last = await t.db
        .selectFrom('incident')
        .select((eb) => eb.fn.max('occurredAt').as('at'))
        .where('source', '=', source)
        .executeTakeFirstOrThrow();
      expect(new Date(last.at).toISOString()).toBe('2020-01-01T05:54:00.000Z');
      const days = await sql<{ first: string; last: string; total: number }>`
        select min(day)::text as first, max(day)::text as last, sum(incidents) as total
          from rollup_daily where area_id = ${id} and incidents > 0`.execute(t.db);
      expect(days.rows[0]).toEqual({ first: '2010-01-01', last: '2019-12-31', total: 148_636 });
      const newYearsEve = dataLines(path()).filter((line) => line.startsWith('2019-12-31 ')).length;
      const onThatDay = await sql<{ n: number }>`
        select coalesce(sum(incidents), 0) as n from rollup_daily where area_id = ${id} and day = '2019-12-31'`.execute(
        t.db,
      );
      expect(onThatDay.rows[0]?.n).toBe(newYearsEve);
    });
  });

  it('keeps police.uk incidents to their month: all in the monthly roll-up, none on a day', async () => {
    const precisions = await sql<{ precision: string; n: number }>`
      select occurred_precision as precision, count(*) as n from incident where source = 'police-uk' group by 1`.execute(
      t.db,
    );
    const police = ['nottingham-burglary', 'nottingham-robbery', 'lancashire-asb'].map(
      (preset) => firsts.get(preset)?.inserted ?? 0,
    );
    const [burglaries = 0, robberies = 0, asb = 0] = police;
    expect(precisions.rows).toEqual([{ precision: 'month', n: burglaries + robberies + asb }]);
    for (const [code, total] of [
      ['nottingham', burglaries + robberies],
      ['lancashire', asb],
    ] as const) {
      const id = (await findAreaByCode(t.db, code))?.id ?? -1;
      const daily = await sql<{ n: number }>`
        select coalesce(sum(incidents), 0) as n from rollup_daily where area_id = ${id}`.execute(t.db);
      expect(daily.rows[0]?.n).toBe(0);
      const monthly = await sql<{ months: number; n: number }>`
        select count(distinct month) as months, sum(incidents) as n from rollup_monthly where area_id = ${id}`.execute(
        t.db,
      );
      expect(monthly.rows[0]).toEqual({ months: 12, n: total });
    }
  });

  it('puts Vancouver thefts where PROJ puts their UTM coordinates, within a metre', async () => {
    const lines = dataLines(sharedFile(samplesFolder, 'vancouver_thefts.csv.gz'));
    expect(reference.vancouver.length).toBeGreaterThan(10);
    for (const point of reference.vancouver) {
      // TYPE,YEAR,MONTH,DAY,HOUR,MINUTE,…: the row's local time picks out the thefts it may be.
      const [, year, month, day, hour, minute] = (lines[point.row - 1] ?? '').split(',');
      const local = `${year}-${month?.padStart(2, '0')}-${day?.padStart(2, '0')} ${hour?.padStart(2, '0')}:${minute?.padStart(2, '0')}`;
      const candidates = await sql<{ lon: number; lat: number }>`
        select lon, lat from incident
         where source = 'vancouver-pd'
           and occurred_at = (${local}::timestamp at time zone 'America/Vancouver')`.execute(t.db);
      const nearest = Math.min(...candidates.rows.map((c) => metresBetween(c.lon, c.lat, point.lon, point.lat)));
      expect(nearest, `row ${point.row}, ${local}`).toBeLessThan(1);
    }
  });
});
