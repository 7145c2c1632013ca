import { Delaunay } from 'd3-delaunay';
import polygonClipping from 'polygon-clipping';
import type { AreaGeometry, PolygonCoordinates, Position } from '../domain/area.js';
import type { Random } from '../analytics/random.js';
import { bboxOf, containsPoint, geometryOf, localProjection, polygonsOf, roundGeometry } from './geometry.js';

type Clip = Parameters<typeof polygonClipping.intersection>[0];

/** How many generated sectors a city of this population gets: one per ~50,000 inhabitants, 1 to 16. */
export function sectorCount(population: number): number {
  return Math.min(16, Math.max(1, Math.round(population / 50_000)));
}

/** A uniformly random point inside a geometry (rejection sampling in its bounding box). */
export function randomPointIn(geometry: AreaGeometry, random: Random): Position {
  const box = bboxOf(geometry);
  for (let attempt = 0; attempt < 10_000; attempt++) {
    const lon = box.minLon + random() * (box.maxLon - box.minLon);
    const lat = box.minLat + random() * (box.maxLat - box.minLat);
    if (containsPoint(geometry, lon, lat)) return [lon, lat];
  }
  throw new RangeError('could not sample a point inside the geometry (is it empty?)');
}

/**
 * Splits a city footprint into `count` compact sectors of similar size: k-means on points sampled uniformly in
 * the footprint gives the sector centres, and each sector is the centre's Voronoi cell cut to the footprint.
 * The same footprint, count and random stream always give the same sectors.
 */
export function splitIntoSectors(footprint: AreaGeometry, count: number, random: Random): AreaGeometry[] {
  if (!Number.isInteger(count) || count < 1) throw new RangeError(`invalid sector count: ${count}`);
  if (count === 1) return [footprint];
  const box = bboxOf(footprint);
  const projection = localProjection((box.minLon + box.maxLon) / 2, (box.minLat + box.maxLat) / 2);
  const samples = Array.from({ length: 80 * count }, () => {
    const [lon, lat] = randomPointIn(footprint, random);
    return projection.forward(lon, lat);
  });
  const centres = kMeans(samples, count);
  const [x0, y0] = projection.forward(box.minLon, box.minLat);
  const [x1, y1] = projection.forward(box.maxLon, box.maxLat);
  const voronoi = Delaunay.from(centres).voronoi([x0 - 1, y0 - 1, x1 + 1, y1 + 1]);
  const sectors: AreaGeometry[] = [];
  for (let i = 0; i < centres.length; i++) {
    const cell = voronoi.cellPolygon(i) as [number, number][] | null;
    if (!cell) continue;
    const ring = cell.map(([x, y]) => projection.inverse(x, y));
    const clipped = polygonClipping.intersection(polygonsOf(footprint), [ring] as Clip) as PolygonCoordinates[];
    const geometry = geometryOf(clipped);
    if (geometry) sectors.push(roundGeometry(geometry, 5));
  }
  return sectors;
}

/** Lloyd's k-means with a deterministic farthest-point start: centres of `k` clusters of planar points. */
function kMeans(points: readonly [number, number][], k: number): [number, number][] {
  const mean = points.reduce((m, p) => [m[0] + p[0] / points.length, m[1] + p[1] / points.length], [0, 0]);
  const distance2 = (a: readonly number[], b: readonly number[]) =>
    ((a[0] as number) - (b[0] as number)) ** 2 + ((a[1] as number) - (b[1] as number)) ** 2;
  const centres: [number, number][] = [];
  let first = points[0] as [number, number];
  for (const p of points) if (distance2(p, mean) < distance2(first, mean)) first = p;
  centres.push([...first]);
  while (centres.length < k) {
    let farthest = points[0] as [number, number];
    let farthestDistance = -1;
    for (const p of points) {
      const d = Math.min(...centres.map((c) => distance2(p, c)));
      if (d > farthestDistance) {
        farthestDistance = d;
        farthest = p;
      }
    }
    centres.push([...farthest]);
  }
  for (let iteration = 0; iteration < 25; iteration++) {
    const sums = centres.map(() => [0, 0, 0] as [number, number, number]);
    for (const p of points) {
      let best = 0;
      for (let c = 1; c < k; c++) {
        if (distance2(p, centres[c] as number[]) < distance2(p, centres[best] as number[])) best = c;
      }
      const sum = sums[best] as [number, number, number];
      sum[0] += p[0];
      sum[1] += p[1];
      sum[2] += 1;
    }
    let moved = false;
    sums.forEach(([sx, sy, n], c) => {
      if (n === 0) return;
      const next: [number, number] = [sx / n, sy / n];
      if (distance2(next, centres[c] as number[]) > 1e-12) moved = true;
      centres[c] = next;
    });
    if (!moved) break;
  }
  return centres;
}
