import { describe, expect, it } from 'vitest';
import type { TimePrecision } from '../domain/incident.js';
import { zonedInstant } from '../domain/time.js';
import { areaProjection, cellsOfPoints, countPerCell, type StudyGrid } from '../geo/study-grid.js';
import type { AreaRow } from '../store/areas.js';
import type { DensitySurface } from '../analytics/kde.js';
import { blackSpotsOf, incidentsIn, periodsOf, sampleSurface, type Study } from './hotspots.js';

/**
 * A constructed study: a 20 × 20 grid of 100 m cells where every cell has one incident a month through 2025,
 * block A (2 × 2 cells) ten more a month all year, and block B (2 × 2 cells) twenty more a month in November and
 * December only.
 */
function constructedStudy(): Study {
  const projection = areaProjection(-7.6, 33.57);
  const nx = 20;
  const grid: StudyGrid = {
    projection,
    x0: 0,
    y0: 0,
    cellSize: 100,
    nx,
    ny: nx,
    inside: new Uint8Array(nx * nx).fill(1),
    cellsInside: nx * nx,
  };
  const lon: number[] = [];
  const lat: number[] = [];
  const time: number[] = [];
  const district: number[] = [];
  const add = (column: number, row: number, month: number, n: number) => {
    for (let k = 0; k < n; k++) {
      const [x, y] = [column * 100 + 10 + (k % 12) * 7, row * 100 + 10 + (k % 11) * 8];
      const [pLon, pLat] = projection.inverse(x, y);
      lon.push(pLon);
      lat.push(pLat);
      const day = `2025-${String(month).padStart(2, '0')}-${String(1 + (k % 28)).padStart(2, '0')}`;
      time.push(zonedInstant(day, 12 * 60, 'Africa/Casablanca').getTime());
      // Two districts: the western half of the grid is district 1, the eastern half district 2.
      district.push(column < 10 ? 1 : 2);
    }
  };
  for (let month = 1; month <= 12; month++) {
    for (let row = 0; row < nx; row++) for (let column = 0; column < nx; column++) add(column, row, month, 1);
    for (const [c, r] of blockA) add(c, r, month, 10);
    if (month >= 11) for (const [c, r] of blockB) add(c, r, month, 20);
  }
  const n = lon.length;
  const points = {
    id: Float64Array.from({ length: n }, (_, i) => i + 1),
    lon: Float64Array.from(lon),
    lat: Float64Array.from(lat),
    time: Float64Array.from(time),
    category: new Array<string>(n).fill('assault'),
    precision: new Array<TimePrecision>(n).fill('instant'),
    districtId: Int32Array.from(district),
    withoutPoint: 0,
    synthetic: 0,
  };
  const cells = cellsOfPoints(grid, points.lon, points.lat);
  const area = { id: 1, code: 'test', level: 'city', timeZone: 'Africa/Casablanca' } as AreaRow;
  return {
    area,
    geometry: { type: 'Polygon', coordinates: [] },
    from: '2025-01-01',
    to: '2025-12-31',
    grid,
    points,
    cells,
    counts: countPerCell(grid, cells),
    total: n,
  };
}

const blockA: [number, number][] = [
  [5, 5],
  [6, 5],
  [5, 6],
  [6, 6],
];
const blockB: [number, number][] = [
  [15, 15],
  [16, 15],
  [15, 16],
  [16, 16],
];
const cellOf = ([c, r]: [number, number]) => r * 20 + c;

describe('black spots on a constructed study', () => {
  const study = constructedStudy();
  const spots = blackSpotsOf(study, { neighbours: 'queen', adjust: 'bh', confidence: 95, period: 'month' });

  it('finds the block hot all year first and the block hot for two months second, each whole', () => {
    expect(spots.length).toBeGreaterThanOrEqual(2);
    const [first, second] = spots;
    for (const cell of blockA.map(cellOf)) expect(first?.cells).toContain(cell);
    for (const cell of blockB.map(cellOf)) expect(second?.cells).toContain(cell);
    expect(first?.districtId).toBe(1);
    expect(second?.districtId).toBe(2);
  });

  it('counts the incidents in a spot’s cells, their share, its surface and its PAI', () => {
    for (const spot of spots) {
      const inside = incidentsIn(study, spot.cells);
      expect(spot.incidents).toBe(inside.length);
      expect(spot.share).toBeCloseTo(inside.length / study.total, 12);
      expect(spot.areaKm2).toBeCloseTo(spot.cells.length * 0.01, 12);
      expect(spot.pai).toBeCloseTo(spot.share / (spot.cells.length / 400), 12);
    }
  });

  it('says how long each spot has been hot: every month of twelve, and the last two', () => {
    const [first, second] = spots;
    expect(first).toMatchObject({ hotPeriods: 12, hotPeriodsInAll: 12, periods: 12 });
    expect(second).toMatchObject({ hotPeriods: 2, hotPeriodsInAll: 2, periods: 12 });
  });
});

describe('periods', () => {
  it('cuts a window into calendar months, the partial ones kept', () => {
    expect(periodsOf('2025-01-15', '2025-03-10', 'month')).toEqual([
      { from: '2025-01-15', to: '2025-01-31' },
      { from: '2025-02-01', to: '2025-02-28' },
      { from: '2025-03-01', to: '2025-03-10' },
    ]);
  });

  it('cuts a window into whole weeks counted back from its last day, dropping a short first one', () => {
    expect(periodsOf('2025-01-01', '2025-01-20', 'week')).toEqual([
      { from: '2025-01-07', to: '2025-01-13' },
      { from: '2025-01-14', to: '2025-01-20' },
    ]);
  });
});

describe('reading a density surface between its cell centres', () => {
  const surface = {
    originXM: 0,
    originYM: 0,
    cellSizeM: 10,
    nx: 2,
    ny: 2,
    values: Float64Array.of(1, 3, 5, 7),
  } as DensitySurface;

  it('gives a cell’s own value at its centre and the mean of four halfway between them', () => {
    expect(sampleSurface(surface, 5, 5)).toBe(1);
    expect(sampleSurface(surface, 15, 15)).toBe(7);
    expect(sampleSurface(surface, 10, 10)).toBe(4);
    expect(sampleSurface(surface, 10, 5)).toBe(2);
  });

  it('fades to zero beyond the grid', () => {
    expect(sampleSurface(surface, -100, 5)).toBe(0);
    expect(sampleSurface(surface, 0, 5)).toBe(0.5);
  });
});
