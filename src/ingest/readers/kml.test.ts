import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixture, readAll } from '../../../test/fixtures/import/read-all.js';
import { openSource } from './index.js';
import { parseCoordinates } from './kml.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'istibaq-kml-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('KML placemarks', () => {
  it('give name, description and ExtendedData values as fields, on the line of the Placemark tag', async () => {
    const { records } = await readAll(fixture('placemarks.kml'));
    expect(records[0]).toEqual({
      line: 7,
      fields: {
        name: 'Point with data',
        description: "<b>Vol</b> à l'arraché",
        code: 'MA-CAS-01',
        quartier: 'المدينة',
      },
      geometry: { type: 'Point', coordinates: [-7.6192, 33.5731] },
    });
    expect(records[1]).toEqual({
      line: 16,
      fields: { name: 'Road', kind: 'route', lanes: '2' },
      geometry: {
        type: 'LineString',
        coordinates: [
          [-7.62, 33.59],
          [-7.61, 33.6],
          [-7.6, 33.61],
        ],
      },
    });
  });

  it('read a Polygon with its outer and inner boundaries', async () => {
    const { records } = await readAll(fixture('placemarks.kml'));
    const polygon = records.find((r) => r.fields.name === 'Polygon with a hole');
    expect(polygon?.line).toBe(24);
    expect(polygon?.geometry).toEqual({
      type: 'Polygon',
      coordinates: [
        [
          [-7.62, 33.59],
          [-7.6, 33.59],
          [-7.6, 33.61],
          [-7.62, 33.61],
          [-7.62, 33.59],
        ],
        [
          [-7.615, 33.595],
          [-7.605, 33.595],
          [-7.605, 33.605],
          [-7.615, 33.605],
          [-7.615, 33.595],
        ],
      ],
    });
  });

  it('make a MultiPolygon of a MultiGeometry of polygons and a GeometryCollection of a mixed one', async () => {
    const { records } = await readAll(fixture('placemarks.kml'));
    const square = (x: number) => [
      [
        [x, 0],
        [x, 1],
        [x + 1, 1],
        [x + 1, 0],
        [x, 0],
      ],
    ];
    expect(records.find((r) => r.fields.name === 'Two polygons')?.geometry).toEqual({
      type: 'MultiPolygon',
      coordinates: [square(0), square(2)],
    });
    expect(records.find((r) => r.fields.name === 'Mixed')?.geometry).toEqual({
      type: 'GeometryCollection',
      geometries: [
        { type: 'Point', coordinates: [5, 5] },
        {
          type: 'LineString',
          coordinates: [
            [5, 5],
            [6, 6],
          ],
        },
      ],
    });
  });

  it('come without geometry, or as an error item for a coordinate that is not a number', async () => {
    const { records, errors } = await readAll(fixture('placemarks.kml'));
    expect(records.find((r) => r.fields.name === 'No geometry')).toEqual({
      line: 45,
      fields: { name: 'No geometry' },
      geometry: null,
    });
    expect(errors).toEqual([{ kind: 'error', line: 48, reason: 'a coordinate that is not a number in "-7.6,abc"' }]);
  });

  it('start on the line of the tag name when the tag runs over several lines, and match prefixed names', async () => {
    const { records } = await readAll(fixture('placemarks.kml'));
    expect(records.slice(-2)).toEqual([
      { line: 52, fields: { name: 'Multi-line tag' }, geometry: { type: 'Point', coordinates: [-7.5, 33.5] } },
      { line: 57, fields: { name: 'Prefixed' }, geometry: { type: 'Point', coordinates: [1, 2] } },
    ]);
  });
});

describe('parseCoordinates', () => {
  it('reads lon,lat[,alt] tuples separated by any whitespace, keeping lon and lat', () => {
    expect(parseCoordinates('\n  1,2,3\t4,5\n6 , 7 ')).toEqual([
      [1, 2],
      [4, 5],
      [6, 7],
    ]);
  });

  it('gives null for a missing or non-numeric value', () => {
    expect(parseCoordinates('1,2 3')).toBeNull();
    expect(parseCoordinates('1,x')).toBeNull();
    expect(parseCoordinates(',2')).toBeNull();
  });
});

describe('XML that is not well formed', () => {
  it('throws naming the file and the line', async () => {
    const path = join(dir, 'broken.kml');
    await writeFile(path, '<kml>\n<Placemark><name>a</name></Placemark>\n<Placemark><name>b</Placemark>\n</kml>\n');
    const source = await openSource(path);
    const reading = (async () => {
      for await (const item of source.items) expect(item.kind).toBe('record');
    })();
    await expect(reading).rejects.toThrow(new RegExp(`^${path}: is not well-formed XML \\(.*3:`));
    await source.close();
  });
});

describe("Chicago's police districts", () => {
  const path = resolve('../shared/data/chicago-aggravated-assaults/chicago_police_districts.kml');

  it('are 25 placemarks named by district number and described by district name', async () => {
    if (!existsSync(path)) throw new Error(`missing ${path}: these tests read the shared data beside the repository`);
    const { records, errors } = await readAll(path);
    expect(errors).toEqual([]);
    expect(records).toHaveLength(25);
    for (const { fields, geometry } of records) {
      expect(Object.keys(fields)).toEqual(['name', 'description']);
      expect(fields.description).toBe(`District ${String(fields.name)}`);
      // GDAL wrapped each polygon in a MultiGeometry of one.
      expect(geometry?.type).toBe('Polygon');
    }
    const names = records.map((r) => Number(r.fields.name)).sort((a, b) => a - b);
    expect(names).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 14, 15, 16, 17, 18, 19, 20, 22, 24, 25, 31, 31, 31]);
  });

  it('give district 31 three placemarks, which fill the holes of districts 16 and 22', async () => {
    if (!existsSync(path)) throw new Error(`missing ${path}: these tests read the shared data beside the repository`);
    const { records } = await readAll(path);
    const rings = (name: string) =>
      records.flatMap((r) =>
        r.fields.name === name && r.geometry?.type === 'Polygon' ? [r.geometry.coordinates] : [],
      );
    const key = (ring: number[][] | undefined) =>
      (ring ?? [])
        .map((p) => p.join(','))
        .sort()
        .join(' ');
    const district31 = rings('31');
    expect(district31).toHaveLength(3);
    expect(records.filter((r) => r.fields.name === '31').map((r) => r.line)).toEqual([17, 23, 47]);
    const holes = [...rings('16'), ...rings('22')].flatMap((polygon) => polygon.slice(1)).map(key);
    expect(holes).toHaveLength(3);
    expect(district31.map((polygon) => key(polygon[0])).sort()).toEqual([...holes].sort());
  });
});
