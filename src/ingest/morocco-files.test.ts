import { beforeAll, describe, expect, it } from 'vitest';
import { areaLevels, type AreaGeometry, type AreaRecord, type Position } from '../domain/area.js';
import { seededRandom } from '../analytics/random.js';
import { bboxOf, containsPoint, polygonsOf, PreparedGeometry } from '../geo/geometry.js';
import { illustrativeOrganisation } from '../geo/police-organisation.js';
import { readMoroccoAreas } from './morocco-files.js';

let areas: AreaRecord[];
const byCode = new Map<string, AreaRecord>();
const atLevel = (level: AreaRecord['level']) => areas.filter((a) => a.level === level);
const arabic = /[\u0600-\u06ff]/;

beforeAll(async () => {
  areas = await readMoroccoAreas();
  for (const area of areas) byCode.set(area.code, area);
});

function districtsOf(code: string): AreaRecord[] {
  return areas
    .filter((a) => a.parentCode === code)
    .flatMap((a) => (a.level === 'district' ? [a] : districtsOf(a.code)));
}

function geometryOf(code: string): AreaGeometry {
  const geometry = byCode.get(code)?.geometry;
  if (!geometry) throw new Error(`no boundary for ${code}`);
  return geometry;
}

describe("Morocco's geography built from geo/morocco", () => {
  it('has one country, 12 regions, 75 provinces and prefectures, and Casablanca’s 8 arrondissement prefectures', () => {
    expect(atLevel('country').map((a) => a.code)).toEqual(['MA']);
    expect(atLevel('region')).toHaveLength(12);
    expect(atLevel('province')).toHaveLength(75);
    expect(atLevel('arrondissement_prefecture')).toHaveLength(8);
    expect(atLevel('arrondissement_prefecture').every((a) => a.parentCode === '06.141.01.0')).toBe(true);
  });

  it('has 242 cities and the 41 official arrondissements among the districts', () => {
    expect(atLevel('city')).toHaveLength(242);
    expect(areas.filter((a) => a.kind === 'arrondissement')).toHaveLength(41);
    expect(districtsOf('06.141.01.0').filter((a) => a.kind === 'arrondissement')).toHaveLength(16);
  });

  it('names every region in Arabic and French', () => {
    for (const region of atLevel('region')) {
      expect(region.nameAr, region.code).toMatch(arabic);
      expect(region.nameFr, region.code).not.toBe('');
    }
    expect(byCode.get('06')?.nameAr).toBe('الدار البيضاء-سطات');
    expect(byCode.get('07')?.nameEn).toBe('Marrakesh-Safi');
  });

  it('adds the regions’ 2024 populations up to 36,828,330, the country’s', () => {
    const total = atLevel('region').reduce((s, a) => s + (a.population ?? 0), 0);
    expect(total).toBe(36_828_330);
    expect(byCode.get('MA')?.population).toBe(36_828_330);
  });

  it('adds each city’s districts’ populations up to the city’s', () => {
    const mismatches = atLevel('city').flatMap((city) => {
      const districts = districtsOf(city.code);
      const sum = districts.reduce((s, d) => s + (d.population ?? 0), 0);
      return districts.length > 0 && sum === city.population ? [] : [`${city.code}: ${city.population} ≠ ${sum}`];
    });
    expect(mismatches).toEqual([]);
  });

  it('marks every generated sector synthetic with a generated boundary, and nothing else synthetic', () => {
    const sectors = areas.filter((a) => a.kind === 'sector');
    expect(sectors.length).toBeGreaterThan(200);
    for (const sector of sectors) {
      expect(sector.synthetic, sector.code).toBe(true);
      expect(sector.boundarySource, sector.code).toBe('generated');
      expect(sector.level, sector.code).toBe('district');
    }
    expect(areas.filter((a) => a.synthetic && a.kind !== 'sector')).toEqual([]);
  });

  it('puts every city’s point inside its footprint', () => {
    const outside = atLevel('city').filter((city) => {
      const [lon, lat] = city.centroid as Position;
      return city.geometry === null || !containsPoint(city.geometry, lon, lat);
    });
    expect(outside.map((c) => `${c.code} ${c.nameFr}`)).toEqual([]);
  });

  it('gives each area a unique code and a parent one level up that comes before it', () => {
    expect(new Set(areas.map((a) => a.code)).size).toBe(areas.length);
    const seen = new Set<string>();
    for (const area of areas) {
      if (area.parentCode !== null) {
        const parent = byCode.get(area.parentCode);
        expect(parent, area.code).toBeDefined();
        expect(seen.has(area.parentCode), `${area.code} after its parent`).toBe(true);
        expect(areaLevels.indexOf(parent?.level ?? 'district'), area.code).toBeLessThan(areaLevels.indexOf(area.level));
      }
      seen.add(area.code);
    }
  });

  it('hangs Casablanca’s arrondissements under their arrondissement prefectures', () => {
    expect(byCode.get('06.141.01.01')?.parentCode).toBe('06.141.01.00');
    expect(byCode.get('06.141.01.13')?.parentCode).toBe('06.141.01.10');
    expect(byCode.get('03.231.01.01')?.parentCode).toBe('03.231.01.0');
  });

  it('draws a boundary for every region, province, city and district', () => {
    for (const level of ['region', 'province', 'arrondissement_prefecture', 'city', 'district'] as const) {
      expect(
        atLevel(level)
          .filter((a) => a.geometry === null)
          .map((a) => a.code),
        level,
      ).toEqual([]);
    }
  });
});

describe('real boundaries prepared for point-in-polygon tests', () => {
  function disagreements(geometry: AreaGeometry, count: number, seed: number): Position[] {
    const prepared = new PreparedGeometry(geometry);
    const box = bboxOf(geometry);
    const random = seededRandom(seed, 'probe');
    const points: Position[] = [];
    for (let i = 0; i < count; i++) {
      points.push([
        box.minLon + random() * (box.maxLon - box.minLon),
        box.minLat + random() * (box.maxLat - box.minLat),
      ]);
    }
    // Points exactly at vertex latitudes, where a band boundary or an edge end could trip the prepared test.
    for (const polygon of polygonsOf(geometry)) {
      for (const ring of polygon) {
        for (const [, lat] of ring) points.push([box.minLon + random() * (box.maxLon - box.minLon), lat]);
      }
    }
    return points.filter(([lon, lat]) => prepared.contains(lon, lat) !== containsPoint(geometry, lon, lat));
  }

  it.each([
    ['Casablanca (the union of its arrondissements, with holes)', '06.141.01.0'],
    ['Agadir (a generated footprint)', '09.001.01.01'],
    ['the Agadir Ida-Outanane prefecture (an OpenStreetMap boundary)', '09.001'],
    ['Mers-Sultan (an arrondissement with a hole)', '06.141.01.13'],
    ['the Casablanca-Settat region', '06'],
  ])('agree with containsPoint on 5,000 seeded points over %s', (_, code) => {
    expect(disagreements(geometryOf(code), 5000, code.length)).toEqual([]);
  });

  it('include Casablanca’s holes, so the comparison covers them', () => {
    expect(polygonsOf(geometryOf('06.141.01.0')).some((p) => p.length > 1)).toBe(true);
  });
});

describe('the illustrative police organisation', () => {
  it('has a directorate, a wilaya per region, a provincial service per province and a unit per district', () => {
    const units = illustrativeOrganisation(areas);
    const count = (kind: string) => units.filter((u) => u.kind === kind).length;
    expect(count('directorate')).toBe(1);
    expect(count('wilaya')).toBe(12);
    // Casablanca's prefecture is replaced by its 8 préfectures d'arrondissements.
    expect(count('provincial_service')).toBe(75 - 1 + 8);
    expect(count('district')).toBe(atLevel('district').length);
  });

  it('lists every unit after its parent and marks each illustrative', () => {
    const seen = new Set<string>();
    for (const unit of illustrativeOrganisation(areas)) {
      if (unit.parentCode !== null) expect(seen.has(unit.parentCode), unit.code).toBe(true);
      expect(unit.illustrative).toBe(true);
      seen.add(unit.code);
    }
  });
});
