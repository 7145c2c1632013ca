import { describe, expect, it } from 'vitest';
import reference from '../../test/fixtures/projection/reference.json' with { type: 'json' };
import { codeRanges, crsFamilies, crsName, projectionFor, supportedEpsg, type CrsUnit } from './projection.js';

// reference.json: points transformed by PROJ's cs2cs (see make-reference.sh beside it, and its "proj" field).

const earthRadiusMetres = 6_371_008.8;
const radians = Math.PI / 180;

function haversineMetres(lon1: number, lat1: number, lon2: number, lat2: number): number {
  const dLat = (lat2 - lat1) * radians;
  const dLon = (lon2 - lon1) * radians;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * radians) * Math.cos(lat2 * radians) * Math.sin(dLon / 2) ** 2;
  return 2 * earthRadiusMetres * Math.asin(Math.min(1, Math.sqrt(h)));
}

const metresPer: Record<CrsUnit, number> = { metre: 1, 'US survey foot': 1200 / 3937, degree: NaN };

/** The distance between two points of a system, in metres. */
function distanceMetres(unit: CrsUnit, [x1, y1]: [number, number], [x2, y2]: [number, number]): number {
  if (unit === 'degree') return haversineMetres(x1, y1, x2, y2);
  return Math.hypot(x2 - x1, y2 - y1) * metresPer[unit];
}

const families = [...new Set(reference.points.map((point) => point.family))];

describe('projectionFor against PROJ', () => {
  it('has reference points for every supported code', () => {
    const covered = new Set(reference.points.map((point) => point.epsg));
    expect(supportedEpsg().filter((epsg) => !covered.has(epsg))).toEqual([]);
  });

  for (const family of families) {
    it(`lands within 1 m of cs2cs both ways for ${family}`, () => {
      let worst = { metres: 0, at: '' };
      for (const point of reference.points.filter((p) => p.family === family)) {
        const projection = projectionFor(point.epsg);
        const [lon, lat] = projection.toWgs84(point.x, point.y);
        const inverse = haversineMetres(lon, lat, point.lon, point.lat);
        const forward = distanceMetres(projection.unit, projection.fromWgs84(point.lon, point.lat), [point.x, point.y]);
        for (const metres of [inverse, forward]) {
          if (!(metres <= worst.metres)) worst = { metres, at: `EPSG:${point.epsg} at ${point.lon}, ${point.lat}` };
        }
      }
      expect(worst.metres, worst.at).toBeLessThan(1);
    });
  }

  it('puts every 1000th Vancouver theft (UTM 10N) within 1 m of where cs2cs puts it', () => {
    const utm10n = projectionFor(32610);
    expect(reference.vancouver).toHaveLength(21);
    for (const row of reference.vancouver) {
      const [lon, lat] = utm10n.toWgs84(row.x, row.y);
      expect(haversineMetres(lon, lat, row.lon, row.lat), `row ${row.row}`).toBeLessThan(1);
    }
  });

  it('reads US survey feet as 1200/3937 m: a point is 3.28083… times further from the origin in ftUS', () => {
    const [xFeet, yFeet] = projectionFor(3435).fromWgs84(-87.63, 41.88);
    const [xMetres, yMetres] = projectionFor(26971).fromWgs84(-87.63, 41.88);
    expect(xFeet * (1200 / 3937)).toBeCloseTo(xMetres, 3);
    expect(yFeet * (1200 / 3937)).toBeCloseTo(yMetres, 3);
  });
});

describe('projectionFor', () => {
  it('throws a RangeError naming an unknown code', () => {
    expect(() => projectionFor(2154)).toThrow(RangeError);
    expect(() => projectionFor(2154)).toThrow(/EPSG:2154.*32601–32660/);
    expect(() => projectionFor(32661)).toThrow(/EPSG:32661/);
  });

  it('names each system as the EPSG registry does and gives its unit', () => {
    expect(projectionFor(32610)).toMatchObject({ epsg: 32610, name: 'WGS 84 / UTM zone 10N', unit: 'metre' });
    expect(projectionFor(32733)).toMatchObject({ name: 'WGS 84 / UTM zone 33S' });
    expect(projectionFor(26191)).toMatchObject({ name: 'Merchich / Nord Maroc', unit: 'metre' });
    expect(projectionFor(2263)).toMatchObject({ name: 'NAD83 / New York Long Island (ftUS)', unit: 'US survey foot' });
    expect(projectionFor(4686)).toMatchObject({ name: 'MAGNA-SIRGAS', unit: 'degree' });
  });

  it('gives the same object for the same code', () => {
    expect(projectionFor(27700)).toBe(projectionFor(27700));
  });

  it('gives NaN for coordinates that are not finite numbers', () => {
    expect(projectionFor(32610).toWgs84(NaN, 5_458_606)).toEqual([NaN, NaN]);
    expect(projectionFor(32610).fromWgs84(-123, Infinity)).toEqual([NaN, NaN]);
  });

  it('takes MAGNA-SIRGAS / Colombia Bogota zone easting first, although EPSG lists its northing first', () => {
    // Bogotá lies just west and north of the zone's origin (1 000 000 m, 1 000 000 m).
    const [x, y] = projectionFor(3116).fromWgs84(-74.08, 4.6);
    expect(x).toBeGreaterThan(999_000);
    expect(x).toBeLessThan(1_000_000);
    expect(y).toBeGreaterThan(1_000_000);
  });
});

describe('supportedEpsg, crsName and crsFamilies', () => {
  it('lists every code once, in increasing order', () => {
    const codes = supportedEpsg();
    expect(codes).toEqual([...new Set(codes)].sort((a, b) => a - b));
    expect(codes).toHaveLength(2 + 120 + 23 + 11 + 5 + 1 + 3 + 7);
  });

  it('groups every supported code in exactly one family', () => {
    const grouped = crsFamilies().flatMap((family) => family.epsg);
    expect(grouped.sort((a, b) => a - b)).toEqual(supportedEpsg());
    expect(crsFamilies().find((family) => family.name.startsWith('Merchich'))?.epsg).toEqual([
      26191, 26192, 26193, 26194, 26195,
    ]);
  });

  it('names a supported code and gives null for another', () => {
    expect(crsName(26195)).toBe('Merchich / Sahara Sud');
    expect(crsName(9377)).toBe('MAGNA-SIRGAS / Origen-Nacional');
    expect(crsName(2154)).toBeNull();
  });

  it('writes runs of consecutive codes as ranges', () => {
    expect(codeRanges([3857, 4326, 26191, 26192, 26193, 32601, 32602])).toBe('3857, 4326, 26191–26193, 32601–32602');
    expect(codeRanges([])).toBe('');
  });
});
