import { readFileSync } from 'node:fs';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { fixture } from '../../../test/fixtures/import/read-all.js';
import {
  arabicShare,
  detectEncoding,
  formatFromContent,
  formatFromName,
  sniffDelimiter,
  unreadableReason,
} from './detect.js';

const bytesOf = (name: string) => readFileSync(fixture(name));

describe('detectEncoding', () => {
  it('says UTF-8 for UTF-8 with and without a BOM, Arabic or French', () => {
    for (const name of ['incidents-ar-utf8.csv', 'incidents-ar-utf8-bom.csv', 'incidents-fr-utf8-bom.csv']) {
      expect(detectEncoding(bytesOf(name), true), name).toBe('utf-8');
    }
  });

  it('says Windows-1256 for Arabic and Latin-1 for French exports', () => {
    expect(detectEncoding(bytesOf('incidents-ar-windows-1256.csv'), true)).toBe('windows-1256');
    expect(detectEncoding(bytesOf('incidents-fr-latin1.csv'), true)).toBe('latin1');
  });

  it('says Windows-1256 for a single short Arabic word, which chardet alone misses', () => {
    expect(detectEncoding(iconv.encode('id,type\n1,سرقة\n', 'windows-1256'), true)).toBe('windows-1256');
  });

  it('says Latin-1 for French in capitals, whose É and À are Arabic letters in Windows-1256', () => {
    const capitals = iconv.encode("TYPE;QUARTIER\nVOL À L'ARRACHÉ;MÉDINA\nDÉGRADATION;DERB SULTAN\n", 'latin1');
    expect(arabicShare(capitals)).toBeLessThan(0.5);
    expect(detectEncoding(capitals, true)).toBe('latin1');
  });

  it('does not hold a character cut by the end of a sample against UTF-8', () => {
    const sample = Buffer.from('type\nسرقة');
    expect(detectEncoding(sample.subarray(0, sample.length - 1), false)).toBe('utf-8');
    expect(detectEncoding(sample.subarray(0, sample.length - 1), true)).not.toBe('utf-8');
  });
});

describe('sniffDelimiter', () => {
  it("picks ';' over the decimal commas of Medellín's export", () => {
    const sample =
      'fecha_hecho;longitud;latitud;sexo\n2019-04-23T12:30:00Z;-75,569854;6,257225;Mujer\n2019-05-12;-75,61;6,22;Hombre\n';
    expect(sniffDelimiter(sample, true)).toBe(';');
  });

  it('picks tab, pipe and comma where the header and the rows agree', () => {
    expect(sniffDelimiter('month\tlongitude\tlocation\n2022-01-01\t-2.46\tHazelwood Close, Blackburn\n', true)).toBe(
      '\t',
    );
    expect(sniffDelimiter('code|name\nA1|Anfa, Casablanca\n', true)).toBe('|');
    expect(sniffDelimiter('id,name\n1,Anfa; Casablanca\n2,Médina\n', true)).toBe(',');
  });

  it('ignores delimiters inside quotes, quoted line ends included', () => {
    const sample = 'id;note\n1;"un, deux,\ntrois, quatre"\n2;"cinq, six"\n';
    expect(sniffDelimiter(sample, true)).toBe(';');
  });

  it('says comma when the header has none of the candidates', () => {
    expect(sniffDelimiter('name\nAnfa\n', true)).toBe(',');
  });
});

describe('formatFromName', () => {
  it('reads the extension, looking through .gz', () => {
    const cases: [string, string | null][] = [
      ['a.csv', 'csv'],
      ['a.TSV', 'csv'],
      ['lancashire_asb.tab', 'csv'],
      ['a.txt.gz', 'csv'],
      ['a.jsonl', 'jsonl'],
      ['a.ndjson.gz', 'jsonl'],
      ['a.geojson', 'geojson'],
      ['a.json', 'geojson'],
      ['districts.kml', 'kml'],
      ['districts.shp', 'shapefile'],
      ['districts.shp.gz', 'shapefile'],
      ['export', null],
      ['export.dat', null],
    ];
    for (const [name, format] of cases) expect(formatFromName(name), name).toBe(format);
  });
});

describe('formatFromContent', () => {
  const sniff = (text: string) => formatFromContent(text, Buffer.from(text));

  it('recognises GeoJSON, minified or pretty-printed, a lone Feature and a bare geometry', () => {
    expect(sniff('{"type":"FeatureCollection","features":[]}\n')).toBe('geojson');
    expect(sniff('{\n  "type": "FeatureCollection",\n  "features": [\n')).toBe('geojson');
    expect(sniff('{"type":"Feature","properties":{},"geometry":null}\n')).toBe('geojson');
    expect(sniff('{"type":"Point","coordinates":[1,2]}')).toBe('geojson');
  });

  it('recognises lines of JSON objects, GeoJSON features one a line included', () => {
    expect(sniff('{"id":1}\n{"id":2}\n')).toBe('jsonl');
    expect(sniff('{"type":"Feature","properties":{}}\n{"type":"Feature","properties":{}}\n')).toBe('jsonl');
  });

  it('recognises XML as KML and anything else as CSV', () => {
    expect(sniff('<?xml version="1.0"?>\n<kml>')).toBe('kml');
    expect(sniff('\n<kml xmlns="http://www.opengis.net/kml/2.2">')).toBe('kml');
    expect(sniff('id,name\n1,Anfa\n')).toBe('csv');
  });

  it('recognises a shapefile by its file code', () => {
    expect(formatFromContent('', bytesOf('districts.shp'))).toBe('shapefile');
  });
});

describe('unreadableReason', () => {
  it('names zip archives, UTF-16 text and binary files', () => {
    expect(unreadableReason(Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0]))).toMatch(/zip archive/);
    expect(unreadableReason(iconv.encode('\ufeffid\tname\n', 'utf-16le'))).toMatch(/UTF-16/);
    expect(unreadableReason(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]))).toMatch(
      /binary/,
    );
  });

  it('lets text through', () => {
    expect(unreadableReason(bytesOf('incidents-ar-windows-1256.csv'))).toBeNull();
    expect(unreadableReason(bytesOf('placemarks.kml'))).toBeNull();
  });
});
