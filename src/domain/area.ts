/**
 * The area hierarchy: country → region → province/prefecture → city → district.
 *
 * Casablanca adds one level that exists nowhere else: its 8 préfectures d'arrondissements group the city's
 * 16 arrondissements, so there the chain is city → arrondissement prefecture → district.
 */
export const areaLevels = ['country', 'region', 'province', 'city', 'arrondissement_prefecture', 'district'] as const;
export type AreaLevel = (typeof areaLevels)[number];

/** What an area is in the administration that defined it (HCP codes for Morocco; free text for imported areas). */
export const areaKinds = [
  'country',
  'region',
  'province',
  'prefecture',
  'prefecture_of_arrondissements',
  'urban_commune',
  'arrondissement',
  'sector',
  'imported',
] as const;
export type AreaKind = (typeof areaKinds)[number];

/** Where an area's boundary comes from. */
export const boundarySources = ['osm', 'union', 'generated', 'imported', 'none'] as const;
export type BoundarySource = (typeof boundarySources)[number];

export type Position = [lon: number, lat: number];
export type PolygonCoordinates = Position[][];
export type AreaGeometry =
  { type: 'Polygon'; coordinates: PolygonCoordinates } | { type: 'MultiPolygon'; coordinates: PolygonCoordinates[] };

export interface BBox {
  minLon: number;
  minLat: number;
  maxLon: number;
  maxLat: number;
}

/** An area as the geography builders produce it and the store keeps it. */
export interface AreaRecord {
  code: string;
  level: AreaLevel;
  kind: AreaKind;
  parentCode: string | null;
  nameAr: string;
  nameFr: string;
  /** English name where it differs from the French one; null means "same as French". */
  nameEn: string | null;
  population: number | null;
  isoCode: string | null;
  /** True for areas that do not exist in any administration (the generated sectors). */
  synthetic: boolean;
  boundarySource: BoundarySource;
  centroid: Position | null;
  geometry: AreaGeometry | null;
}

/** The level columns an incident or a call carries, one per level that has its own column. */
export const levelColumns = {
  region: 'regionId',
  province: 'provinceId',
  city: 'cityId',
  district: 'districtId',
} as const satisfies Partial<Record<AreaLevel, string>>;

/** Rate per 100,000 inhabitants, or null when the population is unknown or zero. */
export function ratePer100k(count: number, population: number | null): number | null {
  if (population === null || population <= 0) return null;
  return (count / population) * 100_000;
}
