import { describe, expect, it } from 'vitest';
import type { AreaGeometry, Position } from '../domain/area.js';
import {
  areaProjection,
  cellAt,
  cellsOfPoints,
  countPerCell,
  defaultCellSize,
  GridTooLargeError,
  niceSize,
  outlineOf,
  studyGrid,
  touchingGroups,
  type StudyGrid,
} from './study-grid.js';

/** A grid over nothing in particular: projection centred on Casablanca, 100 m cells, 10 × 10, all inside. */
function plainGrid(nx = 10, ny = 10): StudyGrid {
  return {
    projection: areaProjection(-7.6, 33.57),
    x0: 0,
    y0: 0,
    cellSize: 100,
    nx,
    ny,
    inside: new Uint8Array(nx * ny).fill(1),
    cellsInside: nx * ny,
  };
}

/** A square of `side` metres around the projection's centre, as a lon/lat polygon. */
function squareAround(grid: StudyGrid, side: number): AreaGeometry {
  const h = side / 2;
  const ring: Position[] = [
    grid.projection.inverse(-h, -h),
    grid.projection.inverse(h, -h),
    grid.projection.inverse(h, h),
    grid.projection.inverse(-h, h),
    grid.projection.inverse(-h, -h),
  ];
  return { type: 'Polygon', coordinates: [ring] };
}

describe('the area projection', () => {
  it('puts its centre at the origin and gives ground distances in metres: one degree of latitude ≈ 110.9 km at 33.5°N', () => {
    const p = areaProjection(-7.6, 33.57);
    const [x0, y0] = p.forward(-7.6, 33.57);
    expect(Math.abs(x0)).toBeLessThan(1e-6);
    expect(Math.abs(y0)).toBeLessThan(1e-6);
    const [, north] = p.forward(-7.6, 34.07);
    const [, south] = p.forward(-7.6, 33.07);
    // WGS 84 meridian arc from 33.07° to 34.07°: 110,910 m to the metre (geodesic, Karney).
    expect(north - south).toBeGreaterThan(110_900);
    expect(north - south).toBeLessThan(110_920);
    const [lon, lat] = p.inverse(...p.forward(-7.2, 33.9));
    expect(lon).toBeCloseTo(-7.2, 9);
    expect(lat).toBeCloseTo(33.9, 9);
  });
});

describe('the study grid', () => {
  it('covers a 1 km square with 100 cells of 100 m, all inside, and places points in them', () => {
    const base = plainGrid();
    const grid = studyGrid(squareAround(base, 1000), 100, base.projection);
    expect(grid.nx * grid.ny).toBeGreaterThanOrEqual(100);
    expect(grid.cellsInside).toBe(100);
    const [lon, lat] = base.projection.inverse(-450, -450);
    const cells = cellsOfPoints(grid, Float64Array.of(lon, 0), Float64Array.of(lat, 0));
    expect(cells[0]).toBe(cellAt(grid, -450, -450));
    expect(cells[1]).toBe(-1);
    const counts = countPerCell(grid, cells);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(1);
  });

  it('refuses a grid of more than 4 million cells and says which cell size would do', () => {
    const base = plainGrid();
    const error = (() => {
      try {
        studyGrid(squareAround(base, 100_000), 10, base.projection);
      } catch (e) {
        return e;
      }
      return null;
    })();
    expect(error).toBeInstanceOf(GridTooLargeError);
    const smallest = (error as GridTooLargeError).smallestCellSize;
    expect(() => studyGrid(squareAround(base, 100_000), smallest, base.projection)).not.toThrow();
  });

  it('chooses by default a fiftieth of the shorter side, as a round number', () => {
    const base = plainGrid();
    expect(defaultCellSize(squareAround(base, 10_000), base.projection)).toBe(200);
    expect(niceSize(260)).toBe(250);
    expect(niceSize(199)).toBe(100);
    expect(niceSize(730)).toBe(500);
  });
});

describe('cells that touch', () => {
  it('joins cells by edges and corners, and keeps apart cells with a gap', () => {
    const grid = plainGrid();
    // 0,1 share an edge; 12 touches 1 at a corner; 5 stands alone.
    expect(touchingGroups(grid, [12, 0, 5, 1])).toEqual([[0, 1, 12], [5]]);
  });

  it('outlines an L of three cells as one closed ring of eight 100 m edges', () => {
    const grid = plainGrid();
    const outline = outlineOf(grid, [0, 1, 10]);
    expect(outline.type).toBe('MultiPolygon');
    const polygons = outline.type === 'MultiPolygon' ? outline.coordinates : [];
    expect(polygons).toHaveLength(1);
    const ring = polygons[0]?.[0] ?? [];
    // The L's six corners and the two points where its cells meet along a side, then the first again.
    expect(ring.length).toBe(9);
    expect(ring[0]).toEqual(ring[ring.length - 1]);
  });

  it('outlines a ring of eight cells around an empty one as a polygon with a hole', () => {
    const grid = plainGrid();
    const outline = outlineOf(grid, [0, 1, 2, 10, 12, 20, 21, 22]);
    const polygons = outline.type === 'MultiPolygon' ? outline.coordinates : [];
    expect(polygons).toHaveLength(1);
    expect(polygons[0]).toHaveLength(2);
  });

  it('outlines two cells touching at a corner as two squares', () => {
    const grid = plainGrid();
    const outline = outlineOf(grid, [0, 11]);
    const polygons = outline.type === 'MultiPolygon' ? outline.coordinates : [];
    expect(polygons).toHaveLength(2);
    for (const polygon of polygons) expect(polygon[0]).toHaveLength(5);
  });
});
