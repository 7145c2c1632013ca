import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixture, readAll } from '../../../test/fixtures/import/read-all.js';
import { openSource } from './index.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'istibaq-geojson-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('a FeatureCollection', () => {
  it('gives each feature its properties as fields and its geometry, on the line its brace opens', async () => {
    const { records } = await readAll(fixture('collection.geojson'));
    expect(records[0]).toEqual({
      line: 5,
      fields: { id: 1, name: 'Anfa', tags: '["a","b"]', meta: '{"source":"test"}' },
      geometry: { type: 'Point', coordinates: [-7.6192, 33.5731] },
    });
    expect(records[1]).toEqual({
      line: 7,
      fields: { id: 2, name: 'المدينة', ok: true, note: null },
      geometry: {
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
      },
    });
    expect(records.at(-1)).toEqual({
      line: 23,
      fields: { id: 7 },
      geometry: {
        type: 'MultiPoint',
        coordinates: [
          [1, 2],
          [3, 4],
        ],
      },
    });
  });

  it('gives features without an object geometry with geometry null', async () => {
    const { records } = await readAll(fixture('collection.geojson'));
    expect(records.filter((r) => r.geometry === null).map((r) => [r.line, r.fields.id])).toEqual([
      [18, 3],
      [19, 4],
    ]);
  });

  it('makes error items of bad geometries and of members that are not objects, and goes on', async () => {
    const { items } = await readAll(fixture('collection.geojson'));
    expect(items.filter((item) => item.kind === 'error')).toEqual([
      { kind: 'error', line: 20, column: 'geometry', reason: 'the geometry is a Point with malformed coordinates' },
      { kind: 'error', line: 21, column: 'geometry', reason: 'the geometry has an unknown type "Circle"' },
      { kind: 'error', line: 22, reason: 'feature 7 is not a JSON object' },
    ]);
    expect(items.at(-1)?.kind).toBe('record');
  });

  it('on one line puts every feature on line 1', async () => {
    const { records } = await readAll(fixture('collection-minified.geojson'));
    expect(records.map((r) => [r.line, r.fields.n])).toEqual([
      [1, 1],
      [1, 2],
    ]);
  });

  it('that breaks off throws naming the file, after the features before the break', async () => {
    const path = fixture('truncated.geojson');
    const source = await openSource(path);
    const lines: number[] = [];
    const reading = (async () => {
      for await (const item of source.items) lines.push(item.kind === 'record' ? item.record.line : item.line);
    })();
    await expect(reading).rejects.toThrow(`${path}: breaks off at line 18 (truncated?)`);
    await source.close();
    expect(lines).toEqual([5, 7]);
  });

  it('with broken JSON throws naming the file and the line', async () => {
    const path = join(dir, 'broken.geojson');
    await writeFile(
      path,
      '{"type":"FeatureCollection","features":[\n{"type":"Feature","properties":{}},\n{oops}\n]}\n',
    );
    const source = await openSource(path);
    const reading = (async () => {
      for await (const item of source.items) expect(item.kind).toBe('record');
    })();
    await expect(reading).rejects.toThrow(`${path}: is not valid JSON at line 3`);
    await source.close();
  });

  it('of many features is streamed, features coming with their lines', async () => {
    const path = join(dir, 'many.geojson');
    const out = createWriteStream(path);
    out.write('{"type":"FeatureCollection","features":[\n');
    const count = 20_000;
    for (let i = 0; i < count; i++) {
      const feature = `{"type":"Feature","properties":{"i":${i}},"geometry":{"type":"Point","coordinates":[${i % 180},${i % 90}]}}`;
      if (!out.write(`${feature}${i < count - 1 ? ',' : ''}\n`)) await once(out, 'drain');
    }
    out.end(']}\n');
    await once(out, 'finish');
    const { records, errors } = await readAll(path);
    expect(errors).toEqual([]);
    expect(records).toHaveLength(count);
    expect(records[12_345]).toEqual({
      line: 12_347,
      fields: { i: 12_345 },
      geometry: { type: 'Point', coordinates: [12_345 % 180, 12_345 % 90] },
    });
  });
});

describe('a lone Feature or geometry', () => {
  it('is one record', async () => {
    const feature = await readAll(fixture('feature.geojson'));
    expect(feature.records).toEqual([
      {
        line: 1,
        fields: { name: 'Hay Hassani', code: 'MA-CAS-05' },
        geometry: {
          type: 'LineString',
          coordinates: [
            [-7.65, 33.56],
            [-7.64, 33.57],
          ],
        },
      },
    ]);
    const geometry = await readAll(fixture('geometry.json'));
    expect(geometry.records).toHaveLength(1);
    expect(geometry.records[0]?.fields).toEqual({});
    expect(geometry.records[0]?.geometry?.type).toBe('MultiPolygon');
  });

  it('must be GeoJSON: other JSON throws naming the file', async () => {
    const path = join(dir, 'settings.json');
    await writeFile(path, '{"theme":"dark"}');
    const source = await openSource(path);
    const reading = (async () => {
      for await (const item of source.items) expect(item).toBeUndefined();
    })();
    await expect(reading).rejects.toThrow(`${path}: is JSON but neither a FeatureCollection, a Feature nor a geometry`);
    await source.close();
  });
});
