/**
 * `istibaq import` and `istibaq areas import` as a user runs them: a child process (npx tsx src/cli/main.ts) on a
 * PostgreSQL database of the file's own, which the test reads beside it. Files are a few rows each.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import iconv from 'iconv-lite';
import { sql } from 'kysely';
import { Value } from 'typebox/value';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ImportSummary } from '../../src/contract/import.js';
import { ensureMoroccoGeography } from '../../src/ingest/geography.js';
import { insertAreas } from '../../src/store/areas.js';
import { runCli } from '../cli-run.js';
import { freshDb, type TestDb } from '../db.js';

const broken = join(import.meta.dirname, '..', 'fixtures', 'native', 'broken.csv');

/** The rows of broken.csv rejected without --strict (test/fixtures/native/README.md): N-2…N-5 and N-10. */
const brokenLines = [3, 4, 5, 6, 11];

interface ReferencePoint {
  epsg: number;
  lon: number;
  lat: number;
  x: number;
  y: number;
}

/** Points PROJ's cs2cs transformed (test/fixtures/projection/README.md): independent of src/geo/projection.ts. */
const lambertPoints = (
  JSON.parse(readFileSync(join(import.meta.dirname, '..', 'fixtures', 'projection', 'reference.json'), 'utf8')) as {
    points: ReferencePoint[];
  }
).points.filter((p) => p.epsg === 26191);

/** Metres between two WGS 84 points (haversine on the mean radius: plenty for a 1 m tolerance). */
function metresBetween(a: { lat: number; lon: number }, b: { lat: number; lon: number }): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLon = (b.lon - a.lon) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * 6_371_008.8 * Math.asin(Math.sqrt(h));
}

let t: TestDb;
let dir: string;
let env: Record<string, string>;
const file = (name: string) => join(dir, name);

/** The incidents of one source, with the code of their area and of their city. */
async function incidentsOf(source: string) {
  return t.db
    .selectFrom('incident')
    .innerJoin('area', 'area.id', 'incident.areaId')
    .leftJoin('area as city', 'city.id', 'incident.cityId')
    .select([
      'incident.externalId',
      'incident.category',
      'incident.occurredAt',
      'incident.lat',
      'incident.lon',
      'area.code as area',
      'city.nameFr as city',
    ])
    .where('incident.source', '=', source)
    .orderBy('incident.externalId')
    .execute();
}

async function incidentCount(): Promise<number> {
  const row = await sql<{ n: number }>`select count(*)::int as n from incident`.execute(t.db);
  return row.rows[0]?.n ?? -1;
}

/** Five good incidents of the native format: central Casablanca, Marrakech, Rabat and Fès. */
const cleanCsv = [
  'id,category,occurred_at,lat,lon',
  'C-1,theft,2026-11-02T21:15:00+01:00,33.5823,-7.6836',
  'C-2,burglary,2026-11-03T02:40:00+01:00,33.5825,-7.6830',
  'C-3,robbery,2026-11-04T18:05:00+01:00,31.6292,-7.9876',
  'C-4,fraud,2026-11-05,34.0209,-6.8498',
  'C-5,assault_minor,2026-11-06T09:00:00Z,34.03,-5.0',
].join('\n');

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'istibaq-import-cli-'));
  writeFileSync(file('clean.csv'), `${cleanCsv}\n`);
  t = await freshDb('postgres');
  // Every `istibaq import` loads Morocco's areas into an empty database; doing it once here keeps the tests
  // independent of their order (two imports starting together on an empty database would both load them).
  await ensureMoroccoGeography(t.db);
  env = { DATABASE_URL: t.url };
});
afterAll(async () => {
  await t.drop();
  await rm(dir, { recursive: true, force: true });
});

describe('istibaq import', () => {
  it('exits 0 for a clean file, lands every row, and prints with --json a summary following the ImportSummary schema', async () => {
    const run = await runCli(
      ['import', file('clean.csv'), '--preset', 'istibaq', '--source', 'cli-clean', '--json'],
      env,
    );
    expect(run.code, run.stderr).toBe(0);
    const summary: unknown = JSON.parse(run.stdout);
    expect([...Value.Errors(ImportSummary, summary)]).toEqual([]);
    expect(summary).toMatchObject({
      file: 'clean.csv',
      kind: 'incidents',
      preset: 'istibaq',
      source: 'cli-clean',
      format: 'csv',
      encoding: 'utf-8',
      dryRun: false,
      rows: 5,
      inserted: 5,
      duplicates: 0,
      updated: 0,
      rejected: 0,
      errors: [],
      errorsTruncated: false,
      unmappedCategories: {},
    });
    const rows = await incidentsOf('cli-clean');
    expect(rows.map((r) => [r.externalId, r.category, r.city])).toEqual([
      ['C-1', 'theft', 'Casablanca'],
      ['C-2', 'burglary', 'Casablanca'],
      ['C-3', 'robbery', 'Marrakech'],
      ['C-4', 'fraud', 'Rabat'],
      ['C-5', 'assault_minor', 'Fès'],
    ]);
  });

  let brokenSummary: ImportSummary | undefined;

  it('exits 0 when some rows are rejected (docs/import.md), and the good rows still land', async () => {
    const errors = file('rejected.csv');
    const run = await runCli(
      ['import', broken, '--preset', 'istibaq', '--source', 'cli-broken', '--errors', errors, '--json'],
      env,
    );
    expect(run.code, run.stderr).toBe(0);
    brokenSummary = JSON.parse(run.stdout) as ImportSummary;
    expect(brokenSummary).toMatchObject({ rows: 10, inserted: 5, duplicates: 0, rejected: 5 });
    expect(brokenSummary.errors.map((e) => e.line)).toEqual(brokenLines);
    expect((await incidentsOf('cli-broken')).map((r) => r.externalId)).toEqual(['N-1', 'N-6', 'N-7', 'N-8', 'N-9']);
  });

  it('writes with --errors FILE a CSV of the rejected rows: file, line, column, reason, one line each', () => {
    const text = readFileSync(file('rejected.csv'), 'utf8');
    const [header, ...lines] = text.trimEnd().split('\n');
    expect(header).toBe('file,line,column,reason');
    expect(lines).toHaveLength(brokenLines.length);
    // Reasons hold commas and quotes: the file must be real CSV, read back by a CSV parser.
    const rows = parse<{ file: string; line: string; column: string; reason: string }>(text, { columns: true });
    expect(rows.map((r) => r.file)).toEqual(brokenLines.map(() => broken));
    expect(rows.map((r) => Number(r.line))).toEqual(brokenLines);
    expect(rows.map((r) => r.reason)).toEqual(brokenSummary?.errors.map((e) => e.reason));
    expect(rows.map((r) => r.column)).toEqual(brokenSummary?.errors.map((e) => e.column ?? ''));
    expect(rows[0]).toMatchObject({ line: '3', column: 'occurred_at' });
    expect(rows[0]?.reason).toMatch(/30th of February/);
    expect(rows[4]?.reason).toMatch(/no location and no area/);
  });

  it('reports with --dry-run the counts a real run gives, and writes nothing to the database', async () => {
    const before = await incidentCount();
    const run = await runCli(
      ['import', broken, '--preset', 'istibaq', '--source', 'cli-dry', '--dry-run', '--json'],
      env,
    );
    expect(run.code, run.stderr).toBe(0);
    const summary = JSON.parse(run.stdout) as ImportSummary;
    expect(summary.dryRun).toBe(true);
    const counts = (s: ImportSummary | undefined) => ({
      rows: s?.rows,
      inserted: s?.inserted,
      duplicates: s?.duplicates,
      updated: s?.updated,
      rejected: s?.rejected,
      errors: s?.errors,
      unmappedCategories: s?.unmappedCategories,
    });
    expect(counts(summary)).toEqual({ ...counts(brokenSummary), rows: 10, inserted: 5, rejected: 5 });
    expect(await incidentsOf('cli-dry')).toEqual([]);
    expect(await incidentCount()).toBe(before);
  });

  it('counts with --dry-run the rows already stored as duplicates, as a real run would', async () => {
    const run = await runCli(
      ['import', broken, '--preset', 'istibaq', '--source', 'cli-broken', '--dry-run', '--json'],
      env,
    );
    expect(run.code, run.stderr).toBe(0);
    const summary = JSON.parse(run.stdout) as ImportSummary;
    expect(summary).toMatchObject({ dryRun: true, rows: 10, inserted: 0, duplicates: 5, rejected: 5 });
  });

  it('exits 2 for a usage error (unknown preset, bad --kind, unreadable --mapping), naming the problem and importing nothing', async () => {
    const clean = file('clean.csv');
    const [preset, kind, mapping] = await Promise.all([
      runCli(['import', clean, '--preset', 'no-such-preset', '--source', 'cli-usage'], env),
      runCli(['import', clean, '--preset', 'istibaq', '--kind', 'robberies', '--source', 'cli-usage'], env),
      runCli(['import', clean, '--mapping', file('no-such-mapping.json'), '--source', 'cli-usage'], env),
    ]);
    expect(preset.code).toBe(2);
    expect(preset.stderr).toBe('istibaq: no preset named no-such-preset\n');
    expect(kind.code).toBe(2);
    expect(kind.stderr).toBe('istibaq: --kind: expected incidents or calls, got robberies\n');
    expect(mapping.code).toBe(2);
    expect(mapping.stderr).toMatch(/^istibaq: --mapping: cannot read \S*no-such-mapping\.json: ENOENT/);
    for (const run of [preset, kind, mapping]) expect(run.stdout).toBe('');
    expect(await incidentsOf('cli-usage')).toEqual([]);
  });

  it('exits 1 when a file cannot be read (a missing file), naming it, and still imports the readable ones', async () => {
    const missing = file('no-such-file.csv');
    const run = await runCli(
      ['import', missing, file('clean.csv'), '--preset', 'istibaq', '--source', 'cli-partial'],
      env,
    );
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`istibaq: ${missing}: could not be read: `);
    expect(run.stderr).toContain('no such file');
    expect(run.stdout).toContain('inserted 5, duplicates 0, updated 0, rejected 0 (source cli-partial)');
    expect(await incidentsOf('cli-partial')).toHaveLength(5);
  });

  it('reads EPSG:26191 (Merchich Lambert Nord Maroc) coordinates through --mapping, storing points within 1 m of PROJ’s', async () => {
    expect(lambertPoints).toHaveLength(5);
    // The mapping of docs/import.md, for a French-language export of a prefecture.
    const mapping = {
      kind: 'incidents',
      source: 'sp-lambert',
      timeZone: 'Africa/Casablanca',
      externalId: { column: 'num_affaire' },
      occurredAt: { column: 'date_faits', format: 'DD/MM/YYYY HH:mm' },
      location: { x: 'x_lambert', y: 'y_lambert', crs: 26191 },
      category: {
        column: 'infraction',
        map: { 'Vol simple': 'theft', 'Vol avec violence': 'robbery', Cambriolage: 'burglary' },
        default: 'other',
      },
      provenance: { value: 'citizen_report' },
    };
    writeFileSync(file('lambert-mapping.json'), JSON.stringify(mapping, null, 2));
    const infractions = ['Vol simple', 'Vol avec violence', 'Cambriolage'];
    // Exports write Lambert coordinates to the centimetre.
    const lines = lambertPoints.map(
      (p, i) =>
        `SP-${i + 1};2${i}/11/2026 21:15;${p.x.toFixed(2)};${p.y.toFixed(2)};${infractions[i % infractions.length] ?? ''}`,
    );
    writeFileSync(file('lambert.csv'), ['num_affaire;date_faits;x_lambert;y_lambert;infraction', ...lines].join('\n'));

    const run = await runCli(['import', file('lambert.csv'), '--mapping', file('lambert-mapping.json'), '--json'], env);
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({
      rows: lambertPoints.length,
      inserted: lambertPoints.length,
      rejected: 0,
      source: 'sp-lambert',
    });
    const rows = await incidentsOf('sp-lambert');
    expect(rows).toHaveLength(lambertPoints.length);
    rows.forEach((row, i) => {
      const expected = lambertPoints[i] as ReferencePoint;
      expect(metresBetween({ lat: Number(row.lat), lon: Number(row.lon) }, expected)).toBeLessThan(1);
      expect(row.category).toBe(['theft', 'robbery', 'burglary'][i % 3]);
      // 21:15 in Casablanca in November is 20:15 UTC (UTC+1).
      expect(new Date(row.occurredAt).toISOString()).toBe(`2026-11-2${i}T20:15:00.000Z`);
    });
    expect(rows.map((r) => r.city)).toEqual(['Casablanca', 'Rabat', 'Tanger', 'Fès', 'Oujda']);
  });

  it('reads a Windows-1256 CSV with Arabic headers and categories through the mapping’s table, reporting the unmapped one with its count', async () => {
    const mapping = {
      kind: 'incidents',
      source: 'sp-arabic',
      externalId: { column: 'رقم_القضية' },
      occurredAt: { column: 'تاريخ_الوقائع', format: 'DD/MM/YYYY HH:mm' },
      location: { x: 'خط_الطول', y: 'خط_العرض' },
      category: { column: 'الجريمة', map: { سرقة: 'theft', 'سرقة بالعنف': 'robbery', 'سرقة بالكسر': 'burglary' } },
    };
    writeFileSync(file('arabic-mapping.json'), JSON.stringify(mapping, null, 2));
    const rows = [
      ['ع-1', 'سرقة'],
      ['ع-2', 'سرقة بالعنف'],
      ['ع-3', 'سرقة بالكسر'],
      ['ع-4', 'حريق'],
      ['ع-5', 'سرقة'],
      ['ع-6', 'حريق'],
    ];
    const text = [
      'رقم_القضية,تاريخ_الوقائع,خط_العرض,خط_الطول,الجريمة',
      ...rows.map(([id, category], i) => `${id},0${i + 1}/11/2026 10:30,33.5823,-7.6836,${category}`),
    ].join('\r\n');
    const bytes = iconv.encode(text, 'windows-1256');
    // The file really is Windows-1256 (one byte per Arabic letter), not UTF-8.
    expect(bytes.length).toBeLessThan(Buffer.byteLength(text, 'utf8'));
    writeFileSync(file('arabic.csv'), bytes);

    const run = await runCli(['import', file('arabic.csv'), '--mapping', file('arabic-mapping.json'), '--json'], env);
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({
      encoding: 'windows-1256',
      rows: 6,
      inserted: 6,
      rejected: 0,
      unmappedCategories: { حريق: 2 },
    });
    const stored = await incidentsOf('sp-arabic');
    expect(Object.fromEntries(stored.map((r) => [r.externalId, r.category]))).toEqual({
      'ع-1': 'theft',
      'ع-2': 'robbery',
      'ع-3': 'burglary',
      'ع-4': 'other',
      'ع-5': 'theft',
      'ع-6': 'other',
    });
  });
});

describe('istibaq areas import', () => {
  /** Two 0.01° squares in the Po valley, far from every Moroccan area, a gap of 0.01° between them. */
  const square = (minLon: number, minLat: number) => [
    [
      [minLon, minLat],
      [minLon + 0.01, minLat],
      [minLon + 0.01, minLat + 0.01],
      [minLon, minLat + 0.01],
      [minLon, minLat],
    ],
  ];
  const squares = {
    type: 'FeatureCollection',
    features: [
      {
        type: 'Feature',
        properties: { num: 1, nom: 'Secteur ouest' },
        geometry: { type: 'Polygon', coordinates: square(10, 45) },
      },
      {
        type: 'Feature',
        properties: { num: 2, nom: 'Secteur est' },
        geometry: { type: 'Polygon', coordinates: square(10.02, 45) },
      },
    ],
  };

  it('adds the areas of a GeoJSON under a parent with --level, --parent, --code-field, --name-field, --prefix and --pad', async () => {
    writeFileSync(file('squares.geojson'), JSON.stringify(squares));
    // The parent, as `istibaq areas add tv --level city --name Testville --time-zone Europe/Rome` makes it.
    await insertAreas(
      t.db,
      [
        {
          code: 'tv',
          level: 'city',
          kind: 'imported',
          parentCode: null,
          nameAr: 'Testville',
          nameFr: 'Testville',
          nameEn: null,
          population: null,
          isoCode: null,
          synthetic: false,
          boundarySource: 'none',
          centroid: null,
          geometry: null,
        },
      ],
      'Europe/Rome',
    );
    const run = await runCli(
      [
        'areas',
        'import',
        file('squares.geojson'),
        '--level',
        'district',
        '--parent',
        'tv',
        '--code-field',
        'num',
        '--name-field',
        'nom',
        '--prefix',
        'tv-',
        '--pad',
        '2',
        '--json',
      ],
      env,
    );
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({ read: 2, added: 2, existing: 0, errors: [] });
    const areas = await t.db
      .selectFrom('area')
      .leftJoin('area as parent', 'parent.id', 'area.parentId')
      .select(['area.code', 'area.level', 'area.nameFr', 'area.timeZone', 'parent.code as parent'])
      .where('area.code', 'like', 'tv-%')
      .orderBy('area.code')
      .execute();
    expect(areas).toEqual([
      { code: 'tv-01', level: 'district', nameFr: 'Secteur ouest', timeZone: 'Europe/Rome', parent: 'tv' },
      { code: 'tv-02', level: 'district', nameFr: 'Secteur est', timeZone: 'Europe/Rome', parent: 'tv' },
    ]);
  });

  it('places incidents imported afterwards in those areas by their points, and rejects a point between them', async () => {
    writeFileSync(
      file('in-squares.csv'),
      [
        'id,category,occurred_at,lat,lon',
        'S-1,theft,2026-11-10T10:00:00+01:00,45.005,10.005',
        'S-2,theft,2026-11-10T11:00:00+01:00,45.001,10.009',
        'S-3,robbery,2026-11-10T12:00:00+01:00,45.009,10.001',
        'S-4,burglary,2026-11-10T13:00:00+01:00,45.005,10.025',
        'S-5,theft,2026-11-10T14:00:00+01:00,45.002,10.028',
        'S-6,theft,2026-11-10T15:00:00+01:00,45.005,10.015',
      ].join('\n'),
    );
    const run = await runCli(
      ['import', file('in-squares.csv'), '--preset', 'istibaq', '--source', 'cli-squares', '--json'],
      env,
    );
    expect(run.code, run.stderr).toBe(0);
    const summary = JSON.parse(run.stdout) as ImportSummary;
    expect(summary).toMatchObject({ rows: 6, inserted: 5, rejected: 1 });
    expect(summary.errors).toEqual([
      { line: 7, reason: 'location: the point (10.015, 45.005) falls in no known area' },
    ]);
    const rows = await incidentsOf('cli-squares');
    expect(rows.map((r) => [r.externalId, r.area, r.city])).toEqual([
      ['S-1', 'tv-01', 'Testville'],
      ['S-2', 'tv-01', 'Testville'],
      ['S-3', 'tv-01', 'Testville'],
      ['S-4', 'tv-02', 'Testville'],
      ['S-5', 'tv-02', 'Testville'],
    ]);
  });
});
