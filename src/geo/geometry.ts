import turfArea from '@turf/area';
import type { AreaGeometry, BBox, PolygonCoordinates, Position } from '../domain/area.js';

/** GeoJSON geometries as lists of polygons, the form polygon-clipping reads and writes. */
export type MultiPolygonCoordinates = PolygonCoordinates[];

export function polygonsOf(geometry: AreaGeometry): MultiPolygonCoordinates {
  return geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
}

/** A geometry from a list of polygons: a Polygon when there is one, null when there is none. */
export function geometryOf(polygons: MultiPolygonCoordinates): AreaGeometry | null {
  const kept = polygons.filter((p) => p.length > 0 && (p[0]?.length ?? 0) >= 4);
  if (kept.length === 0) return null;
  if (kept.length === 1) return { type: 'Polygon', coordinates: kept[0] as PolygonCoordinates };
  return { type: 'MultiPolygon', coordinates: kept };
}

export function bboxOf(geometry: AreaGeometry): BBox {
  let minLon = Infinity;
  let minLat = Infinity;
  let maxLon = -Infinity;
  let maxLat = -Infinity;
  for (const polygon of polygonsOf(geometry)) {
    for (const [lon, lat] of polygon[0] ?? []) {
      if (lon < minLon) minLon = lon;
      if (lon > maxLon) maxLon = lon;
      if (lat < minLat) minLat = lat;
      if (lat > maxLat) maxLat = lat;
    }
  }
  return { minLon, minLat, maxLon, maxLat };
}

/** Geodesic area in km² (Turf's spherical approximation, as good as the boundaries here). */
export function areaKm2(geometry: AreaGeometry): number {
  return turfArea({ type: 'Feature', properties: {}, geometry }) / 1e6;
}

/** Rounds coordinates to a fixed number of decimals (5 ≈ 1 m), dropping repeated points. */
export function roundGeometry(geometry: AreaGeometry, decimals: number): AreaGeometry {
  const factor = 10 ** decimals;
  const roundRing = (ring: Position[]): Position[] => {
    const out: Position[] = [];
    for (const [lon, lat] of ring) {
      const point: Position = [Math.round(lon * factor) / factor, Math.round(lat * factor) / factor];
      const last = out[out.length - 1];
      if (!last || last[0] !== point[0] || last[1] !== point[1]) out.push(point);
    }
    return out;
  };
  const polygons = polygonsOf(geometry).map((polygon) => polygon.map(roundRing).filter((ring) => ring.length >= 4));
  return geometryOf(polygons) ?? geometry;
}

/**
 * An equirectangular projection centred on a point, in kilometres: accurate to well under 1 % across a city,
 * which is all the footprint and sector builders need.
 */
export interface LocalProjection {
  forward(lon: number, lat: number): [x: number, y: number];
  inverse(x: number, y: number): Position;
}

const kmPerDegree = 111.32;

export function localProjection(lon0: number, lat0: number): LocalProjection {
  const kx = kmPerDegree * Math.cos((lat0 * Math.PI) / 180);
  return {
    forward: (lon, lat) => [(lon - lon0) * kx, (lat - lat0) * kmPerDegree],
    inverse: (x, y) => [lon0 + x / kx, lat0 + y / kmPerDegree],
  };
}

/** A regular polygon approximating a circle of `radiusKm` around a point. */
export function circlePolygon(center: Position, radiusKm: number, steps = 48): PolygonCoordinates {
  const projection = localProjection(center[0], center[1]);
  const ring: Position[] = [];
  for (let i = 0; i < steps; i++) {
    const angle = (2 * Math.PI * i) / steps;
    ring.push(projection.inverse(radiusKm * Math.cos(angle), radiusKm * Math.sin(angle)));
  }
  ring.push(ring[0] as Position);
  return [ring];
}

/** Whether a point lies inside a ring (ray casting; points on the edge may go either way). */
function inRing(lon: number, lat: number, ring: readonly Position[]): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i] as Position;
    const [xj, yj] = ring[j] as Position;
    if (yi > lat !== yj > lat && lon < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** Whether a point lies inside a polygon or multipolygon, holes excluded. */
export function containsPoint(geometry: AreaGeometry, lon: number, lat: number): boolean {
  for (const polygon of polygonsOf(geometry)) {
    const [outer, ...holes] = polygon;
    if (!outer || !inRing(lon, lat, outer)) continue;
    if (!holes.some((hole) => inRing(lon, lat, hole))) return true;
  }
  return false;
}

/** The centroid of a geometry's largest polygon's outer ring (area-weighted, planar). */
export function centroidOf(geometry: AreaGeometry): Position {
  let best: Position = [0, 0];
  let bestArea = -1;
  for (const polygon of polygonsOf(geometry)) {
    const ring = polygon[0] ?? [];
    let a = 0;
    let cx = 0;
    let cy = 0;
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [x0, y0] = ring[j] as Position;
      const [x1, y1] = ring[i] as Position;
      const cross = x0 * y1 - x1 * y0;
      a += cross;
      cx += (x0 + x1) * cross;
      cy += (y0 + y1) * cross;
    }
    if (Math.abs(a) > bestArea && a !== 0) {
      bestArea = Math.abs(a);
      best = [cx / (3 * a), cy / (3 * a)];
    }
  }
  return best;
}

/**
 * A geometry prepared for many point-in-polygon tests: its edges are bucketed into horizontal bands, so a test
 * looks only at the few edges that cross the point's latitude instead of every vertex. Same answers as
 * `containsPoint` (crossing parity over all rings, holes included).
 */
export class PreparedGeometry {
  readonly bbox: BBox;
  readonly #bands: Float64Array[];
  readonly #bandHeight: number;

  constructor(geometry: AreaGeometry) {
    this.bbox = bboxOf(geometry);
    const edges: number[][] = [];
    for (const polygon of polygonsOf(geometry)) {
      for (const ring of polygon) {
        for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
          const [xi, yi] = ring[i] as Position;
          const [xj, yj] = ring[j] as Position;
          if (yi !== yj) edges.push([xi, yi, xj, yj]);
        }
      }
    }
    const count = Math.max(1, Math.min(4096, Math.ceil(edges.length / 4)));
    const height = (this.bbox.maxLat - this.bbox.minLat) / count || 1;
    const buckets: number[][] = Array.from({ length: count }, () => []);
    for (const edge of edges) {
      const low = Math.min(edge[1] as number, edge[3] as number);
      const high = Math.max(edge[1] as number, edge[3] as number);
      const first = Math.max(0, Math.floor((low - this.bbox.minLat) / height));
      const last = Math.min(count - 1, Math.floor((high - this.bbox.minLat) / height));
      for (let b = first; b <= last; b++) (buckets[b] as number[]).push(...edge);
    }
    this.#bands = buckets.map((b) => Float64Array.from(b));
    this.#bandHeight = height;
  }

  contains(lon: number, lat: number): boolean {
    const box = this.bbox;
    if (lon < box.minLon || lon > box.maxLon || lat < box.minLat || lat > box.maxLat) return false;
    const band = this.#bands[Math.min(this.#bands.length - 1, Math.floor((lat - box.minLat) / this.#bandHeight))];
    if (!band) return false;
    let inside = false;
    for (let k = 0; k < band.length; k += 4) {
      const xi = band[k] as number;
      const yi = band[k + 1] as number;
      const xj = band[k + 2] as number;
      const yj = band[k + 3] as number;
      if (yi > lat !== yj > lat && lon < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) inside = !inside;
    }
    return inside;
  }
}
