import { describe, expect, it } from 'vitest';
import type { AreaGeometry, PolygonCoordinates, Position } from '../domain/area.js';
import { seededRandom } from '../analytics/random.js';
import {
  areaKm2,
  bboxOf,
  centroidOf,
  circlePolygon,
  containsPoint,
  geometryOf,
  localProjection,
  polygonsOf,
  PreparedGeometry,
  roundGeometry,
} from './geometry.js';

const square = (minLon: number, minLat: number, size: number): Position[] => [
  [minLon, minLat],
  [minLon + size, minLat],
  [minLon + size, minLat + size],
  [minLon, minLat + size],
  [minLon, minLat],
];

/** A star with `points` spikes around a centre, radii alternating between `outer` and `inner` degrees. */
function star(centre: Position, points: number, outer: number, inner: number): Position[] {
  const ring: Position[] = [];
  for (let i = 0; i < 2 * points; i++) {
    const r = i % 2 === 0 ? outer : inner;
    const angle = (Math.PI * i) / points;
    ring.push([centre[0] + r * Math.cos(angle), centre[1] + r * Math.sin(angle)]);
  }
  ring.push(ring[0] as Position);
  return ring;
}

// A multipolygon with holes, near Casablanca: a star with two square holes, and a square with a star-shaped hole.
const withHoles: AreaGeometry = {
  type: 'MultiPolygon',
  coordinates: [
    [star([-7.6, 33.55], 7, 0.1, 0.045), square(-7.63, 33.53, 0.02), square(-7.585, 33.56, 0.015)],
    [square(-7.45, 33.45, 0.1), star([-7.4, 33.5], 5, 0.03, 0.012)],
  ],
};

/** Points to test: uniform in the bounding box and a margin, plus points exactly at vertex latitudes. */
function probePoints(geometry: AreaGeometry, count: number, seed: number): Position[] {
  const random = seededRandom(seed, 'probe');
  const box = bboxOf(geometry);
  const marginLon = (box.maxLon - box.minLon) * 0.05;
  const marginLat = (box.maxLat - box.minLat) * 0.05;
  const points: Position[] = [];
  for (let i = 0; i < count; i++) {
    points.push([
      box.minLon - marginLon + random() * (box.maxLon - box.minLon + 2 * marginLon),
      box.minLat - marginLat + random() * (box.maxLat - box.minLat + 2 * marginLat),
    ]);
  }
  for (const polygon of polygonsOf(geometry)) {
    for (const ring of polygon) {
      for (const [, lat] of ring) points.push([box.minLon + random() * (box.maxLon - box.minLon), lat]);
    }
  }
  return points;
}

/** The points on which a prepared geometry and `containsPoint` disagree. */
function disagreements(prepared: PreparedGeometry, geometry: AreaGeometry, points: readonly Position[]) {
  return points.filter(([lon, lat]) => prepared.contains(lon, lat) !== containsPoint(geometry, lon, lat));
}

describe('polygonsOf, geometryOf and bboxOf', () => {
  it('read a Polygon and a MultiPolygon as lists of polygons', () => {
    const polygon: PolygonCoordinates = [square(0, 0, 1)];
    expect(polygonsOf({ type: 'Polygon', coordinates: polygon })).toEqual([polygon]);
    expect(polygonsOf(withHoles)).toHaveLength(2);
  });

  it('make a Polygon of one polygon, a MultiPolygon of several and nothing of none', () => {
    expect(geometryOf([[square(0, 0, 1)]])?.type).toBe('Polygon');
    expect(geometryOf([[square(0, 0, 1)], [square(2, 0, 1)]])?.type).toBe('MultiPolygon');
    expect(geometryOf([])).toBeNull();
    expect(
      geometryOf([
        [
          [
            [0, 0],
            [1, 0],
            [0, 0],
          ],
        ],
      ]),
    ).toBeNull();
  });

  it('give the bounding box over every polygon', () => {
    const geometry: AreaGeometry = {
      type: 'MultiPolygon',
      coordinates: [[square(-8, 33, 0.5), square(-7.9, 33.1, 0.1)], [square(-7.2, 32.1, 0.25)]],
    };
    expect(bboxOf(geometry)).toEqual({ minLon: -8, minLat: 32.1, maxLon: -6.95, maxLat: 33.5 });
  });
});

describe('areaKm2', () => {
  it('measures a one-degree cell at the equator as on a sphere of radius 6,371.0088 km', () => {
    const radiusKm = 6371.0088;
    const expected = radiusKm ** 2 * (Math.PI / 180) * Math.sin(Math.PI / 180);
    const cell: AreaGeometry = { type: 'Polygon', coordinates: [square(0, 0, 1)] };
    expect(Math.abs(areaKm2(cell) - expected) / expected).toBeLessThan(1e-3);
    expect(areaKm2(cell)).toBeGreaterThan(12_300);
    expect(areaKm2(cell)).toBeLessThan(12_400);
  });

  it('shrinks a degree cell with the cosine of its latitude', () => {
    const equator = areaKm2({ type: 'Polygon', coordinates: [square(0, 0, 1)] });
    const casablanca = areaKm2({ type: 'Polygon', coordinates: [square(-8, 33, 1)] });
    const expected = (Math.sin((34 * Math.PI) / 180) - Math.sin((33 * Math.PI) / 180)) / Math.sin(Math.PI / 180);
    expect(casablanca / equator).toBeCloseTo(expected, 3);
  });

  it('subtracts holes', () => {
    const outer = areaKm2({ type: 'Polygon', coordinates: [square(-8, 33, 0.5)] });
    const hole = areaKm2({ type: 'Polygon', coordinates: [square(-7.9, 33.1, 0.1)] });
    const holed = areaKm2({ type: 'Polygon', coordinates: [square(-8, 33, 0.5), square(-7.9, 33.1, 0.1).reverse()] });
    expect(holed).toBeCloseTo(outer - hole, 6);
  });
});

describe('localProjection and circlePolygon', () => {
  it('round-trips a point and measures kilometres near its centre', () => {
    const projection = localProjection(-7.6, 33.57);
    const [x, y] = projection.forward(-7.5, 33.67);
    const [lon, lat] = projection.inverse(x, y);
    expect(lon).toBeCloseTo(-7.5, 12);
    expect(lat).toBeCloseTo(33.67, 12);
    expect(y).toBeCloseTo(11.132, 3);
    expect(x).toBeCloseTo(11.132 * Math.cos((33.57 * Math.PI) / 180), 3);
  });

  it('draws a closed circle whose area is within 1 % of πr²', () => {
    const ring = circlePolygon([-9.6, 30.42], 3)[0] as Position[];
    expect(ring).toHaveLength(49);
    expect(ring[48]).toEqual(ring[0]);
    const area = areaKm2({ type: 'Polygon', coordinates: [ring] });
    expect(Math.abs(area - Math.PI * 9) / (Math.PI * 9)).toBeLessThan(0.01);
  });
});

describe('roundGeometry', () => {
  it('rounds coordinates and drops the points rounding repeats', () => {
    const ring: Position[] = [
      [0.000001, 0.000001],
      [1.000004, 0],
      [1.000001, 0.000002],
      [1, 1],
      [0, 1],
      [0.000001, 0.000001],
    ];
    expect(roundGeometry({ type: 'Polygon', coordinates: [ring] }, 5)).toEqual({
      type: 'Polygon',
      coordinates: [
        [
          [0, 0],
          [1, 0],
          [1, 1],
          [0, 1],
          [0, 0],
        ],
      ],
    });
  });
});

describe('centroidOf', () => {
  it('gives the centre of a square and of the largest polygon of a multipolygon', () => {
    expect(centroidOf({ type: 'Polygon', coordinates: [square(2, 4, 2)] })).toEqual([3, 5]);
    const [lon, lat] = centroidOf({ type: 'MultiPolygon', coordinates: [[square(0, 0, 1)], [square(10, 10, 3)]] });
    expect(lon).toBeCloseTo(11.5, 12);
    expect(lat).toBeCloseTo(11.5, 12);
  });
});

describe('containsPoint', () => {
  it('finds points inside a polygon and outside it', () => {
    const geometry: AreaGeometry = { type: 'Polygon', coordinates: [square(0, 0, 1)] };
    expect(containsPoint(geometry, 0.5, 0.5)).toBe(true);
    expect(containsPoint(geometry, 1.5, 0.5)).toBe(false);
    expect(containsPoint(geometry, 0.5, -0.01)).toBe(false);
  });

  it('excludes holes and includes every polygon of a multipolygon', () => {
    expect(containsPoint(withHoles, -7.62, 33.54)).toBe(false);
    expect(containsPoint(withHoles, -7.635, 33.54)).toBe(true);
    expect(containsPoint(withHoles, -7.4, 33.5)).toBe(false);
    expect(containsPoint(withHoles, -7.44, 33.46)).toBe(true);
    expect(containsPoint(withHoles, -7.5, 33.5)).toBe(false);
  });
});

describe('PreparedGeometry', () => {
  it('agrees with containsPoint on 20,000 seeded points around a multipolygon with holes', () => {
    const prepared = new PreparedGeometry(withHoles);
    const points = probePoints(withHoles, 20_000, 1);
    expect(disagreements(prepared, withHoles, points)).toEqual([]);
    expect(points.filter(([lon, lat]) => containsPoint(withHoles, lon, lat)).length).toBeGreaterThan(1000);
  });

  it('agrees with containsPoint on a polygon with two thousand edges and a star-shaped hole', () => {
    const random = seededRandom(2, 'jagged');
    const ring: Position[] = [];
    for (let i = 0; i < 2000; i++) {
      const angle = (2 * Math.PI * i) / 2000;
      const r = 0.05 + 0.02 * random();
      ring.push([-9.6 + r * Math.cos(angle), 30.42 + r * Math.sin(angle)]);
    }
    ring.push(ring[0] as Position);
    const geometry: AreaGeometry = { type: 'Polygon', coordinates: [ring, star([-9.6, 30.42], 9, 0.03, 0.01)] };
    const prepared = new PreparedGeometry(geometry);
    expect(disagreements(prepared, geometry, probePoints(geometry, 6000, 3))).toEqual([]);
  });

  it('handles a triangle, the smallest polygon, including its top and bottom latitudes', () => {
    const geometry: AreaGeometry = {
      type: 'Polygon',
      coordinates: [
        [
          [0, 0],
          [1, 0],
          [0.5, 1],
          [0, 0],
        ],
      ],
    };
    const prepared = new PreparedGeometry(geometry);
    const points: Position[] = [...probePoints(geometry, 2000, 4), [0.5, 1], [0.5, 0], [0, 0], [1, 0.5]];
    expect(disagreements(prepared, geometry, points)).toEqual([]);
  });

  it('keeps the bounding box of the geometry', () => {
    expect(new PreparedGeometry(withHoles).bbox).toEqual(bboxOf(withHoles));
  });
});
