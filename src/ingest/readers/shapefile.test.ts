import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixture, readAll } from '../../../test/fixtures/import/read-all.js';
import { openSource } from './index.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'istibaq-shp-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const square = (x0: number, y0: number, x1: number, y1: number) => [
  [x0, y0],
  [x0, y1],
  [x1, y1],
  [x1, y0],
  [x0, y0],
];

describe('a shapefile', () => {
  it('gives each shape with its dbf attributes, numbered from 1', async () => {
    const { source, records, errors } = await readAll(fixture('districts.shp'));
    expect(source.format).toBe('shapefile');
    expect(source.encoding).toBe('utf-8');
    expect(errors).toEqual([]);
    expect(records.map((r) => [r.line, r.fields])).toEqual([
      [1, { CODE: 'MA-CAS-01', NAME_AR: 'أنفا', NAME_FR: 'Anfa', AREA_KM2: 12.5, CREATED: '2024-03-01', ACTIVE: true }],
      [
        2,
        {
          CODE: 'MA-CAS-02',
          NAME_AR: 'المدينة',
          NAME_FR: 'Médina',
          AREA_KM2: 3.25,
          CREATED: '2024-03-02',
          ACTIVE: false,
        },
      ],
      [
        3,
        {
          CODE: 'MA-CAS-03',
          NAME_AR: 'بدون شكل',
          NAME_FR: 'Sans géométrie',
          AREA_KM2: 0,
          CREATED: '2024-03-03',
          ACTIVE: true,
        },
      ],
    ]);
  });

  it('gives a polygon with its hole, a polygon of two parts as a MultiPolygon, and a null shape as null', async () => {
    const { records } = await readAll(fixture('districts.shp'));
    expect(records[0]?.geometry).toEqual({
      type: 'Polygon',
      coordinates: [
        square(-7.62, 33.59, -7.6, 33.61),
        [
          [-7.615, 33.595],
          [-7.605, 33.595],
          [-7.605, 33.605],
          [-7.615, 33.605],
          [-7.615, 33.595],
        ],
      ],
    });
    expect(records[1]?.geometry).toEqual({
      type: 'MultiPolygon',
      coordinates: [[square(-7.6, 33.6, -7.59, 33.61)], [square(-7.58, 33.6, -7.57, 33.61)]],
    });
    expect(records[2]?.geometry).toBeNull();
  });

  it('counts the .shp and .dbf together for progress', async () => {
    const { source } = await readAll(fixture('districts.shp'));
    expect(source.totalBytes).toBe(552 + 526);
    expect(source.bytesRead()).toBe(source.totalBytes);
  });

  it('reads gzipped parts, and sniffs the dbf encoding when there is no .cpg', async () => {
    await writeFile(join(dir, 'zones.shp.gz'), gzipSync(await readFile(fixture('districts.shp'))));
    await copyFile(fixture('districts.dbf'), join(dir, 'zones.dbf'));
    const { source, records } = await readAll(join(dir, 'zones.shp.gz'));
    expect(source.gzip).toBe(true);
    expect(source.encoding).toBe('utf-8');
    expect(records.map((r) => r.fields.NAME_AR)).toEqual(['أنفا', 'المدينة', 'بدون شكل']);
  });

  it('cannot be read without its .dbf', async () => {
    const path = join(dir, 'alone.shp');
    await copyFile(fixture('districts.shp'), path);
    await expect(openSource(path)).rejects.toThrow(`${path}: has no ${join(dir, 'alone')}.dbf beside it`);
  });
});
