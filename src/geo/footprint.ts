import { Delaunay } from 'd3-delaunay';
import polygonClipping from 'polygon-clipping';
import type { AreaGeometry, PolygonCoordinates, Position } from '../domain/area.js';
import {
  areaKm2,
  circlePolygon,
  containsPoint,
  geometryOf,
  localProjection,
  polygonsOf,
  roundGeometry,
} from './geometry.js';

/**
 * Generated city footprints, for cities whose real municipal boundary does not ship with Istibaq.
 *
 * The model: a city covers a disc whose area is its population over an assumed urban density
 * (`densityPerKm2`, default 7,000 inhabitants/km², the order of Morocco's mid-sized cities), at least
 * `minRadiusKm` wide; the disc is cut to the city's Voronoi cell among all city points (so neighbours never
 * overlap), to its province's boundary (so coastal cities stop at the sea), and around the areas that do have
 * real boundaries (`reserved`). Footprints are marked as generated wherever they are shown.
 */
export interface FootprintCity {
  code: string;
  point: Position;
  population: number;
  province: AreaGeometry | null;
}

export interface FootprintOptions {
  densityPerKm2?: number;
  minRadiusKm?: number;
}

export function footprintRadiusKm(population: number, options: FootprintOptions = {}): number {
  const density = options.densityPerKm2 ?? 7000;
  const minRadius = options.minRadiusKm ?? 0.6;
  return Math.max(minRadius, Math.sqrt(population / density / Math.PI));
}

type Clip = Parameters<typeof polygonClipping.intersection>[0];

export function cityFootprints(
  cities: readonly FootprintCity[],
  reserved: readonly AreaGeometry[],
  options: FootprintOptions = {},
): Map<string, AreaGeometry> {
  const result = new Map<string, AreaGeometry>();
  if (cities.length === 0) return result;
  const lon0 = cities.reduce((s, c) => s + c.point[0], 0) / cities.length;
  const lat0 = cities.reduce((s, c) => s + c.point[1], 0) / cities.length;
  const projection = localProjection(lon0, lat0);
  const projected = cities.map((c) => projection.forward(c.point[0], c.point[1]));
  const xs = projected.map((p) => p[0]);
  const ys = projected.map((p) => p[1]);
  const margin = 100;
  const voronoi = Delaunay.from(projected).voronoi([
    Math.min(...xs) - margin,
    Math.min(...ys) - margin,
    Math.max(...xs) + margin,
    Math.max(...ys) + margin,
  ]);
  const reservedPolygons = reserved.map((g) => ({ geometry: g, polygons: polygonsOf(g) }));

  cities.forEach((city, index) => {
    const radius = footprintRadiusKm(city.population, options);
    const disc = circlePolygon(city.point, radius);
    const cell = voronoi.cellPolygon(index) as [number, number][] | null;
    let clipped: PolygonCoordinates[] = [disc];
    if (cell) {
      const cellRing = cell.map(([x, y]) => projection.inverse(x, y));
      clipped = polygonClipping.intersection(disc, [cellRing] as Clip);
    }
    // A city point up to a few kilometres outside its coarse province outline keeps its disc: cut to the outline,
    // the footprint would lose the city's own point.
    if (city.province && containsPoint(city.province, city.point[0], city.point[1])) {
      const withinProvince = polygonClipping.intersection(clipped, polygonsOf(city.province)) as PolygonCoordinates[];
      if (withinProvince.length > 0) clipped = withinProvince;
    }
    const near = reservedPolygons.filter((r) => overlapsDisc(r.geometry, city.point, radius));
    if (near.length > 0) {
      const remaining = polygonClipping.difference(clipped, ...near.map((r) => r.polygons)) as PolygonCoordinates[];
      if (remaining.length > 0) clipped = remaining;
    }
    // Keep the part around the city's point (or the largest) when clipping left slivers behind.
    const main = mainPart(clipped, city.point);
    const geometry = geometryOf(main ? [main] : clipped) ?? geometryOf([disc]);
    result.set(city.code, roundGeometry(geometry as AreaGeometry, 5));
  });
  return result;
}

function overlapsDisc(geometry: AreaGeometry, center: Position, radiusKm: number): boolean {
  const degrees = (radiusKm / 111.32) * 1.5 + 0.01;
  for (const polygon of polygonsOf(geometry)) {
    for (const [lon, lat] of polygon[0] ?? []) {
      if (Math.abs(lat - center[1]) < degrees && Math.abs(lon - center[0]) < degrees * 1.3) return true;
    }
  }
  return false;
}

function mainPart(polygons: PolygonCoordinates[], point: Position): PolygonCoordinates | null {
  if (polygons.length <= 1) return polygons[0] ?? null;
  let best: PolygonCoordinates | null = null;
  let bestArea = -1;
  for (const polygon of polygons) {
    const geometry: AreaGeometry = { type: 'Polygon', coordinates: polygon };
    const area = areaKm2(geometry);
    if (area > bestArea) {
      bestArea = area;
      best = polygon;
    }
  }
  const containing = polygons.find((p) => containsPoint({ type: 'Polygon', coordinates: p }, point[0], point[1]));
  return containing ?? best;
}
