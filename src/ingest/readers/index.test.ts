import { copyFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixture, readAll } from '../../../test/fixtures/import/read-all.js';
import { SourceReadError, openSource } from './index.js';
import type { SourceFormat } from './types.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'istibaq-open-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const arabicRows = [
  { رقم: '1', النوع: 'سرقة', المدينة: 'الدار البيضاء' },
  { رقم: '2', النوع: 'سرقة بالعنف', المدينة: 'الرباط' },
  { رقم: '3', النوع: 'اعتداء', المدينة: 'فاس' },
];

describe('encodings', () => {
  it('decode Arabic from UTF-8, UTF-8 with a BOM and Windows-1256 to the same strings', async () => {
    for (const [name, encoding] of [
      ['incidents-ar-utf8.csv', 'utf-8'],
      ['incidents-ar-utf8-bom.csv', 'utf-8'],
      ['incidents-ar-windows-1256.csv', 'windows-1256'],
    ] as const) {
      const { source, records } = await readAll(fixture(name));
      expect(source.encoding, name).toBe(encoding);
      expect(source.columns, name).toEqual(['رقم', 'النوع', 'المدينة', 'التاريخ', 'خط الطول', 'خط العرض']);
      expect(
        records.map(({ fields }) => ({ رقم: fields['رقم'], النوع: fields['النوع'], المدينة: fields['المدينة'] })),
        name,
      ).toEqual(arabicRows);
    }
  });

  it('decode French from Latin-1 (Windows-1252 œ included) and UTF-8 with a BOM to the same strings', async () => {
    for (const [name, encoding] of [
      ['incidents-fr-latin1.csv', 'latin1'],
      ['incidents-fr-latin1.csv.gz', 'latin1'],
      ['incidents-fr-utf8-bom.csv', 'utf-8'],
    ] as const) {
      const { source, records } = await readAll(fixture(name));
      expect(source.encoding, name).toBe(encoding);
      expect(source.columns?.[0], name).toBe('numéro');
      expect(
        records.map((r) => [r.fields.type, r.fields.quartier]),
        name,
      ).toEqual([
        ["Vol à l'arraché", 'Médina'],
        ['Cambriolage', 'Maârif'],
        ["Vol d'œuvres d'art", 'Aïn Chock'],
      ]);
    }
  });

  it('can be given, overriding the detection', async () => {
    const { source, records } = await readAll(fixture('incidents-fr-latin1.csv'), { encoding: 'utf-8' });
    expect(source.encoding).toBe('utf-8');
    expect(records[0]?.fields.quartier).toBe('M\ufffddina');
  });
});

describe('format detection', () => {
  it('goes by the extension, looking through .gz', async () => {
    const cases: [string, SourceFormat][] = [
      ['quoted.csv', 'csv'],
      ['pipes.txt', 'csv'],
      ['incidents.jsonl', 'jsonl'],
      ['collection.geojson', 'geojson'],
      ['geometry.json', 'geojson'],
      ['placemarks.kml', 'kml'],
      ['districts.shp', 'shapefile'],
      ['incidents-fr-latin1.csv.gz', 'csv'],
    ];
    for (const [name, format] of cases) {
      const source = await openSource(fixture(name));
      expect(source.format, name).toBe(format);
      await source.close();
    }
  });

  it('sniffs the first bytes when the name says nothing', async () => {
    const cases: [string, SourceFormat][] = [
      ['collection.geojson', 'geojson'],
      ['feature.geojson', 'geojson'],
      ['incidents.jsonl', 'jsonl'],
      ['placemarks.kml', 'kml'],
      ['quoted.csv', 'csv'],
    ];
    for (const [name, format] of cases) {
      const path = join(dir, `${name}.export`);
      await copyFile(fixture(name), path);
      const source = await openSource(path);
      expect(source.format, name).toBe(format);
      await source.close();
    }
  });

  it('can be told the format, overriding the name', async () => {
    const path = join(dir, 'points.txt');
    await copyFile(fixture('incidents.jsonl'), path);
    const { source, records } = await readAll(path, { format: 'jsonl' });
    expect(source.format).toBe('jsonl');
    expect(records[0]?.fields.id).toBe(1);
  });
});

describe('files that cannot be read', () => {
  it('throw a SourceReadError naming the file', async () => {
    const binary = join(dir, 'photo.csv');
    await writeFile(binary, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49]));
    const workbook = join(dir, 'incidents.csv');
    await writeFile(workbook, Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0, 0x06, 0]));
    const cases: [string, RegExp][] = [
      [join(dir, 'missing.csv'), /cannot be opened \(no such file\)/],
      [dir, /is a directory/],
      [fixture('truncated.csv.gz'), /is a truncated gzip file/],
      [binary, /is binary/],
      [workbook, /is a zip archive/],
      [fixture('districts.dbf'), /give the \.shp/],
    ];
    for (const [path, reason] of cases) {
      const error = await openSource(path).then(
        () => null,
        (e: unknown) => e,
      );
      expect(error, path).toBeInstanceOf(SourceReadError);
      expect((error as SourceReadError).message, path).toMatch(reason);
      expect((error as SourceReadError).message.startsWith(`${path}: `), path).toBe(true);
    }
  });

  it('are told apart from bad options, which are a RangeError', async () => {
    const path = fixture('quoted.csv');
    await expect(openSource(path, { delimiter: '' })).rejects.toThrow(RangeError);
    await expect(openSource(path, { delimiter: '"' })).rejects.toThrow(/invalid delimiter/);
    await expect(openSource(path, { format: 'xlsx' as SourceFormat })).rejects.toThrow(/invalid format: xlsx/);
  });
});
