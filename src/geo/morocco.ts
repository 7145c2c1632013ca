import polygonClipping from 'polygon-clipping';
import type { AreaGeometry, AreaRecord, PolygonCoordinates, Position } from '../domain/area.js';
import { seededRandom } from '../analytics/random.js';
import { cityFootprints } from './footprint.js';
import { areaKm2, centroidOf, geometryOf, polygonsOf, roundGeometry } from './geometry.js';
import { sectorCount, splitIntoSectors } from './sectors.js';

/**
 * Morocco's area hierarchy from the shipped HCP tables and OpenStreetMap boundaries (`geo/morocco/`): the
 * country, 12 regions, 75 provinces and prefectures, Casablanca's 8 préfectures d'arrondissements, the 242 urban
 * communes as cities, and as districts the 41 arrondissements plus generated sectors for every other city.
 */
export type CsvRow = Record<string, string>;
export interface ShapeCollection {
  features: { properties: Record<string, unknown>; geometry: AreaGeometry }[];
}

export interface MoroccoSources {
  regions: CsvRow[];
  provinces: CsvRow[];
  cities: CsvRow[];
  arrondissements: CsvRow[];
  regionShapes: ShapeCollection;
  provinceShapes: ShapeCollection;
  arrondissementShapes: ShapeCollection;
}

export const countryCode = 'MA';

/** English names only where they differ from the French ones (the common English exonyms). */
const englishNames: Record<string, string> = {
  Maroc: 'Morocco',
  'Tanger-Tétouan-Al Hoceima': 'Tangier-Tetouan-Al Hoceima',
  'Fès-Meknès': 'Fez-Meknes',
  'Marrakech-Safi': 'Marrakesh-Safi',
  'Tanger-Assilah': 'Tangier-Assilah',
  Tanger: 'Tangier',
  Fès: 'Fez',
  Marrakech: 'Marrakesh',
};

function required(row: CsvRow, column: string): string {
  const value = row[column];
  if (value === undefined || value === '') throw new RangeError(`missing ${column} in row ${JSON.stringify(row)}`);
  return value;
}

function population(row: CsvRow): number {
  const value = Number(required(row, 'population_2024'));
  if (!Number.isInteger(value) || value < 0) throw new RangeError(`invalid population_2024: ${row.population_2024}`);
  return value;
}

function shapesByCode(collection: ShapeCollection): Map<string, AreaGeometry> {
  return new Map(collection.features.map((f) => [String(f.properties.code), f.geometry]));
}

type Clip = Parameters<typeof polygonClipping.union>[0];

function unionOf(geometries: AreaGeometry[]): AreaGeometry | null {
  if (geometries.length === 0) return null;
  const [first, ...rest] = geometries.map((g) => polygonsOf(g) as Clip);
  const merged = polygonClipping.union(first as Clip, ...rest) as PolygonCoordinates[];
  const geometry = geometryOf(merged);
  return geometry ? roundGeometry(geometry, 5) : null;
}

function area(
  fields: Omit<AreaRecord, 'nameEn' | 'isoCode' | 'synthetic' | 'centroid'> &
    Partial<Pick<AreaRecord, 'isoCode' | 'synthetic' | 'centroid'>>,
): AreaRecord {
  return {
    ...fields,
    nameEn: englishNames[fields.nameFr] ?? null,
    isoCode: fields.isoCode ?? null,
    synthetic: fields.synthetic ?? false,
    centroid: fields.centroid ?? (fields.geometry ? centroidOf(fields.geometry) : null),
  };
}

/** Casablanca's préfecture d'arrondissements for an arrondissement code: 06.141.01.53 → 06.141.01.50. */
function arrondissementPrefectureCode(arrondissementCode: string): string {
  return arrondissementCode.slice(0, -1) + '0';
}

export function buildMoroccoAreas(sources: MoroccoSources, options: { seed?: number } = {}): AreaRecord[] {
  const seed = options.seed ?? 1;
  const regionShapes = shapesByCode(sources.regionShapes);
  const provinceShapes = shapesByCode(sources.provinceShapes);
  const arrondissementShapes = shapesByCode(sources.arrondissementShapes);
  const out: AreaRecord[] = [];

  const regionRows = sources.regions;
  out.push(
    area({
      code: countryCode,
      level: 'country',
      kind: 'country',
      parentCode: null,
      nameAr: 'المغرب',
      nameFr: 'Maroc',
      population: regionRows.reduce((sum, r) => sum + population(r), 0),
      isoCode: 'MA',
      boundarySource: 'none',
      geometry: null,
      centroid: [-7.09, 31.79],
    }),
  );
  for (const row of regionRows) {
    const code = required(row, 'code');
    out.push(
      area({
        code,
        level: 'region',
        kind: 'region',
        parentCode: countryCode,
        nameAr: required(row, 'name_ar'),
        nameFr: required(row, 'name_fr'),
        population: population(row),
        isoCode: row.iso_3166_2 || null,
        boundarySource: regionShapes.has(code) ? 'osm' : 'none',
        geometry: regionShapes.get(code) ?? null,
      }),
    );
  }

  const provinceRows = sources.provinces.filter((r) => r.type !== 'prefecture_of_arrondissements');
  for (const row of provinceRows) {
    const code = required(row, 'code');
    out.push(
      area({
        code,
        level: 'province',
        kind: required(row, 'type') === 'prefecture' ? 'prefecture' : 'province',
        parentCode: required(row, 'region_code'),
        nameAr: required(row, 'name_ar'),
        nameFr: required(row, 'name_fr'),
        population: population(row),
        isoCode: row.iso_3166_2 || null,
        boundarySource: provinceShapes.has(code) ? 'osm' : 'none',
        geometry: provinceShapes.get(code) ?? null,
      }),
    );
  }

  // Cities with official arrondissements take their boundary from them; the others get a generated footprint.
  const arrondissementsByCity = new Map<string, CsvRow[]>();
  for (const row of sources.arrondissements) {
    const city = required(row, 'commune_code');
    arrondissementsByCity.set(city, [...(arrondissementsByCity.get(city) ?? []), row]);
  }
  const unionByCity = new Map<string, AreaGeometry>();
  for (const [city, rows] of arrondissementsByCity) {
    const union = unionOf(
      rows.map((r) => arrondissementShapes.get(required(r, 'code'))).filter((g) => g !== undefined),
    );
    if (union) unionByCity.set(city, union);
  }
  const cityPoint = (row: CsvRow): Position => [Number(required(row, 'lon')), Number(required(row, 'lat'))];
  const footprints = cityFootprints(
    sources.cities
      .filter((row) => !unionByCity.has(required(row, 'code')))
      .map((row) => ({
        code: required(row, 'code'),
        point: cityPoint(row),
        population: population(row),
        province: provinceShapes.get(required(row, 'province_code')) ?? null,
      })),
    [...unionByCity.values()],
  );

  const prefectureRows = sources.provinces.filter((r) => r.type === 'prefecture_of_arrondissements');
  for (const row of [...sources.cities].sort((a, b) => required(a, 'code').localeCompare(required(b, 'code')))) {
    const code = required(row, 'code');
    const real = unionByCity.get(code);
    const geometry = real ?? footprints.get(code) ?? null;
    const cityRecord = area({
      code,
      level: 'city',
      kind: 'urban_commune',
      parentCode: required(row, 'province_code'),
      nameAr: required(row, 'name_ar'),
      nameFr: required(row, 'name_fr'),
      population: population(row),
      boundarySource: real ? 'union' : 'generated',
      geometry,
      centroid: cityPoint(row),
    });
    out.push(cityRecord);

    const arrondissements = arrondissementsByCity.get(code);
    if (arrondissements) {
      const groupCodes = new Set(
        arrondissements
          .map((r) => arrondissementPrefectureCode(required(r, 'code')))
          .filter((c) => prefectureRows.some((p) => p.code === c)),
      );
      for (const group of prefectureRows.filter((p) => groupCodes.has(required(p, 'code')))) {
        const groupCode = required(group, 'code');
        const members = arrondissements.filter((r) => arrondissementPrefectureCode(required(r, 'code')) === groupCode);
        const union = unionOf(
          members.map((r) => arrondissementShapes.get(required(r, 'code'))).filter((g) => g !== undefined),
        );
        out.push(
          area({
            code: groupCode,
            level: 'arrondissement_prefecture',
            kind: 'prefecture_of_arrondissements',
            parentCode: code,
            nameAr: required(group, 'name_ar'),
            nameFr: required(group, 'name_fr'),
            population: population(group),
            boundarySource: union ? 'union' : 'none',
            geometry: union,
          }),
        );
      }
      for (const district of [...arrondissements].sort((a, b) =>
        required(a, 'code').localeCompare(required(b, 'code')),
      )) {
        const districtCode = required(district, 'code');
        const groupCode = arrondissementPrefectureCode(districtCode);
        const shape = arrondissementShapes.get(districtCode) ?? null;
        out.push(
          area({
            code: districtCode,
            level: 'district',
            kind: 'arrondissement',
            parentCode: groupCodes.has(groupCode) ? groupCode : code,
            nameAr: required(district, 'name_ar'),
            nameFr: required(district, 'name_fr'),
            population: population(district),
            boundarySource: shape ? 'osm' : 'none',
            geometry: shape,
          }),
        );
      }
    } else if (geometry) {
      out.push(...citySectors(cityRecord, geometry, seededRandom(seed, 'sectors', code)));
    }
  }
  return out;
}

/** Generated sectors of a city without official districts; their population is shared by area. */
function citySectors(city: AreaRecord, footprint: AreaGeometry, random: () => number): AreaRecord[] {
  const cityPopulation = city.population ?? 0;
  const shapes = splitIntoSectors(footprint, sectorCount(cityPopulation), random);
  const areas = shapes.map(areaKm2);
  const totalArea = areas.reduce((s, a) => s + a, 0);
  const populations = areas.map((a) => Math.floor((cityPopulation * a) / totalArea));
  // Give the rounding remainder to the largest sector so the sectors add up to the city exactly.
  const largest = areas.indexOf(Math.max(...areas));
  populations[largest] = (populations[largest] ?? 0) + cityPopulation - populations.reduce((s, p) => s + p, 0);
  const englishCity = city.nameEn ?? city.nameFr;
  return shapes.map((geometry, i) => {
    const n = i + 1;
    return {
      code: `${city.code}.S${String(n).padStart(2, '0')}`,
      level: 'district',
      kind: 'sector',
      parentCode: city.code,
      nameAr: `${city.nameAr} - القطاع ${n}`,
      nameFr: `${city.nameFr} – secteur ${n}`,
      nameEn: `${englishCity} – sector ${n}`,
      population: populations[i] ?? 0,
      isoCode: null,
      synthetic: true,
      boundarySource: 'generated',
      centroid: centroidOf(geometry),
      geometry,
    };
  });
}
