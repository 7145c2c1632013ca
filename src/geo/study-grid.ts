import proj4 from 'proj4';
import type { AreaGeometry, Position } from '../domain/area.js';
import { centroidOf, PreparedGeometry } from './geometry.js';

/**
 * The square grid in metres on which black spots are found. Each area gets its own projection, a transverse
 * Mercator on the WGS 84 ellipsoid centred on the area (scale 1 on its central meridian): across 100 km on either
 * side, distances and areas are off by less than 0.013 % and 0.025 %, so cells are squares of the size asked
 * for on the ground, whatever the latitude.
 */
export interface MetricProjection {
  /** The PROJ string, shown with the results so they can be reproduced. */
  proj: string;
  forward(lon: number, lat: number): [x: number, y: number];
  inverse(x: number, y: number): Position;
}

const wgs84 = '+proj=longlat +datum=WGS84 +no_defs';

export function areaProjection(lon0: number, lat0: number): MetricProjection {
  const proj = `+proj=tmerc +lat_0=${lat0.toFixed(5)} +lon_0=${lon0.toFixed(5)} +k=1 +x_0=0 +y_0=0 +datum=WGS84 +units=m +no_defs`;
  const converter = proj4(wgs84, proj);
  return {
    proj,
    forward: (lon, lat) => converter.forward<[number, number]>([lon, lat]),
    inverse: (x, y) => converter.inverse<Position>([x, y]),
  };
}

/**
 * Cells are numbered row-major from the south-west corner: cell `i` is column `i % nx`, row `⌊i / nx⌋`, its
 * lower-left corner at (x0 + column·size, y0 + row·size). `inside[i]` is 1 when the cell's centre lies in the
 * study area: only those cells are observations.
 */
export interface StudyGrid {
  projection: MetricProjection;
  x0: number;
  y0: number;
  cellSize: number;
  nx: number;
  ny: number;
  inside: Uint8Array;
  /** How many cells are inside. */
  cellsInside: number;
}

/** The most cells a grid may have (a 2,000 × 2,000 grid): beyond, the caller is asked for larger cells. */
export const maxGridCells = 4_000_000;

export class GridTooLargeError extends RangeError {
  readonly cells: number;
  readonly smallestCellSize: number;

  constructor(cells: number, smallestCellSize: number) {
    super(
      `a grid of ${cells.toLocaleString('en')} cells is too large (at most ${maxGridCells.toLocaleString('en')}): ` +
        `choose cells of at least ${smallestCellSize} m`,
    );
    this.cells = cells;
    this.smallestCellSize = smallestCellSize;
  }
}

/** 1, 2, 2.5 or 5 times a power of ten: the nearest at or below `value`, for cell sizes people can read. */
export function niceSize(value: number): number {
  if (!(value > 0)) return 1;
  // A hair over the value, so that 199.99999 from a projection's rounding counts as 200.
  const nudged = value * (1 + 1e-9);
  const power = 10 ** Math.floor(Math.log10(nudged));
  const mantissa = nudged / power;
  const step = mantissa >= 5 ? 5 : mantissa >= 2.5 ? 2.5 : mantissa >= 2 ? 2 : 1;
  return step * power;
}

/**
 * The default cell size: the shorter side of the area's extent in metres divided by 50 (sfhotspot's rule), made a
 * nice number and kept between 50 m and 5 km.
 */
export function defaultCellSize(geometry: AreaGeometry, projection: MetricProjection): number {
  const { width, height } = extentOf(geometry, projection);
  return Math.min(5000, Math.max(50, niceSize(Math.min(width, height) / 50)));
}

function extentOf(geometry: AreaGeometry, projection: MetricProjection) {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  const rings = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  for (const polygon of rings) {
    for (const [lon, lat] of polygon[0] ?? []) {
      const [x, y] = projection.forward(lon, lat);
      if (x < minX) minX = x;
      if (x > maxX) maxX = x;
      if (y < minY) minY = y;
      if (y > maxY) maxY = y;
    }
  }
  return { minX, minY, maxX, maxY, width: maxX - minX, height: maxY - minY };
}

/** The projection for an area: centred on its boundary's centroid. */
export function projectionForArea(geometry: AreaGeometry): MetricProjection {
  const [lon, lat] = centroidOf(geometry);
  return areaProjection(lon, lat);
}

/** A grid of `cellSize`-metre squares over an area's boundary, its cells marked inside by their centres. */
export function studyGrid(geometry: AreaGeometry, cellSize: number, projection: MetricProjection): StudyGrid {
  if (!(cellSize > 0)) throw new RangeError(`the cell size must be positive, not ${cellSize}`);
  const extent = extentOf(geometry, projection);
  const x0 = Math.floor(extent.minX / cellSize) * cellSize;
  const y0 = Math.floor(extent.minY / cellSize) * cellSize;
  const nx = Math.max(1, Math.ceil((extent.maxX - x0) / cellSize));
  const ny = Math.max(1, Math.ceil((extent.maxY - y0) / cellSize));
  if (nx * ny > maxGridCells) {
    const smallest = Math.ceil(Math.sqrt((extent.width * extent.height) / maxGridCells) / 10) * 10 + 10;
    throw new GridTooLargeError(nx * ny, smallest);
  }
  const prepared = new PreparedGeometry(geometry);
  const inside = new Uint8Array(nx * ny);
  let cellsInside = 0;
  for (let row = 0; row < ny; row++) {
    const y = y0 + (row + 0.5) * cellSize;
    for (let column = 0; column < nx; column++) {
      const [lon, lat] = projection.inverse(x0 + (column + 0.5) * cellSize, y);
      if (prepared.contains(lon, lat)) {
        inside[row * nx + column] = 1;
        cellsInside++;
      }
    }
  }
  return { projection, x0, y0, cellSize, nx, ny, inside, cellsInside };
}

/** The cell holding a point in metres, or -1 outside the grid (a cell's lower and left edges belong to it). */
export function cellAt(grid: StudyGrid, x: number, y: number): number {
  const column = Math.floor((x - grid.x0) / grid.cellSize);
  const row = Math.floor((y - grid.y0) / grid.cellSize);
  if (column < 0 || row < 0 || column >= grid.nx || row >= grid.ny) return -1;
  return row * grid.nx + column;
}

/** The cell of each point (lon/lat), or -1 when it falls outside the grid or in a cell outside the area. */
export function cellsOfPoints(grid: StudyGrid, lon: Float64Array, lat: Float64Array): Int32Array {
  const cells = new Int32Array(lon.length);
  for (let i = 0; i < lon.length; i++) {
    const [x, y] = grid.projection.forward(lon[i] as number, lat[i] as number);
    const cell = cellAt(grid, x, y);
    cells[i] = cell >= 0 && grid.inside[cell] === 1 ? cell : -1;
  }
  return cells;
}

/** Points per cell. */
export function countPerCell(grid: StudyGrid, cells: Int32Array): Float64Array {
  const counts = new Float64Array(grid.nx * grid.ny);
  for (const cell of cells) if (cell >= 0) counts[cell] = (counts[cell] as number) + 1;
  return counts;
}

/** A cell's square as a closed lon/lat ring (counter-clockwise). */
export function cellRing(grid: StudyGrid, cell: number): Position[] {
  const column = cell % grid.nx;
  const row = Math.floor(cell / grid.nx);
  const x = grid.x0 + column * grid.cellSize;
  const y = grid.y0 + row * grid.cellSize;
  const s = grid.cellSize;
  return [
    grid.projection.inverse(x, y),
    grid.projection.inverse(x + s, y),
    grid.projection.inverse(x + s, y + s),
    grid.projection.inverse(x, y + s),
    grid.projection.inverse(x, y),
  ];
}

/** A cell's centre in lon/lat. */
export function cellCentre(grid: StudyGrid, cell: number): Position {
  const column = cell % grid.nx;
  const row = Math.floor(cell / grid.nx);
  return grid.projection.inverse(grid.x0 + (column + 0.5) * grid.cellSize, grid.y0 + (row + 0.5) * grid.cellSize);
}

/**
 * Groups of cells that touch, edge or corner (queen adjacency, as the Gi* neighbours): each group's cells in
 * increasing order, groups ordered by their first cell.
 */
export function touchingGroups(grid: StudyGrid, cells: Iterable<number>): number[][] {
  const member = new Set(cells);
  const seen = new Set<number>();
  const groups: number[][] = [];
  for (const start of [...member].sort((a, b) => a - b)) {
    if (seen.has(start)) continue;
    const group: number[] = [];
    const stack = [start];
    seen.add(start);
    while (stack.length > 0) {
      const cell = stack.pop() as number;
      group.push(cell);
      const column = cell % grid.nx;
      const row = Math.floor(cell / grid.nx);
      for (let dy = -1; dy <= 1; dy++) {
        for (let dx = -1; dx <= 1; dx++) {
          const c = column + dx;
          const r = row + dy;
          if ((dx === 0 && dy === 0) || c < 0 || r < 0 || c >= grid.nx || r >= grid.ny) continue;
          const next = r * grid.nx + c;
          if (member.has(next) && !seen.has(next)) {
            seen.add(next);
            stack.push(next);
          }
        }
      }
    }
    groups.push(group.sort((a, b) => a - b));
  }
  return groups;
}

/**
 * The outline of a set of cells as a GeoJSON MultiPolygon in lon/lat: the edges between a member cell and a
 * non-member are chained into rings (outer rings counter-clockwise, holes clockwise). Cells touching only at a
 * corner give separate polygons; a hole's ring is put in the polygon whose outer ring contains it.
 */
export function outlineOf(grid: StudyGrid, cells: readonly number[]): AreaGeometry {
  const member = new Set(cells);
  const has = (c: number, r: number) => c >= 0 && r >= 0 && c < grid.nx && r < grid.ny && member.has(r * grid.nx + c);
  // Directed edges between grid corners, member on the left: corner (c, r) is numbered r·(nx+1) + c.
  const width = grid.nx + 1;
  const next = new Map<number, number[]>();
  const add = (from: number, to: number) => {
    const list = next.get(from);
    if (list) list.push(to);
    else next.set(from, [to]);
  };
  for (const cell of cells) {
    const c = cell % grid.nx;
    const r = Math.floor(cell / grid.nx);
    const sw = r * width + c;
    const se = sw + 1;
    const nw = sw + width;
    const ne = nw + 1;
    if (!has(c, r - 1)) add(sw, se);
    if (!has(c + 1, r)) add(se, ne);
    if (!has(c, r + 1)) add(ne, nw);
    if (!has(c - 1, r)) add(nw, sw);
  }
  const rings: number[][] = [];
  for (const [startCorner] of next) {
    for (let list = next.get(startCorner); list && list.length > 0; list = next.get(startCorner)) {
      const ring = [startCorner];
      let at = list.pop() as number;
      let previous = startCorner;
      while (at !== startCorner) {
        ring.push(at);
        const options = next.get(at) ?? [];
        // At a corner two cells share only diagonally, turn so the member stays on the left (keep rings simple).
        let pick = options.length - 1;
        if (options.length > 1) {
          const dx = (at % width) - (previous % width);
          const dy = Math.floor(at / width) - Math.floor(previous / width);
          pick = options.findIndex((o) => {
            const ox = (o % width) - (at % width);
            const oy = Math.floor(o / width) - Math.floor(at / width);
            return dx * oy - dy * ox > 0; // a left turn
          });
          if (pick < 0) pick = options.length - 1;
        }
        const [chosen] = options.splice(pick, 1);
        previous = at;
        at = chosen as number;
      }
      ring.push(startCorner);
      rings.push(ring);
    }
  }
  const toLonLat = (corner: number): Position =>
    grid.projection.inverse(
      grid.x0 + (corner % width) * grid.cellSize,
      grid.y0 + Math.floor(corner / width) * grid.cellSize,
    );
  const signedArea = (ring: number[]) => {
    let sum = 0;
    for (let i = 0; i + 1 < ring.length; i++) {
      const a = ring[i] as number;
      const b = ring[i + 1] as number;
      sum += (a % width) * Math.floor(b / width) - (b % width) * Math.floor(a / width);
    }
    return sum / 2;
  };
  const outers = rings.filter((ring) => signedArea(ring) > 0);
  const holes = rings.filter((ring) => signedArea(ring) < 0);
  const polygons = outers.map((outer) => [outer]);
  for (const hole of holes) {
    const [c, r] = [(hole[0] as number) % width, Math.floor((hole[0] as number) / width)];
    const owner = polygons.find(([outer]) => containsCorner(outer as number[], width, c + 0.5, r + 0.5)) ?? polygons[0];
    owner?.push(hole);
  }
  return {
    type: 'MultiPolygon',
    coordinates: polygons.map((polygon) => polygon.map((ring) => ring.map(toLonLat))),
  };
}

function containsCorner(ring: number[], width: number, x: number, y: number): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const xi = (ring[i] as number) % width;
    const yi = Math.floor((ring[i] as number) / width);
    const xj = (ring[j] as number) % width;
    const yj = Math.floor((ring[j] as number) / width);
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** The bounding box of a set of cells in lon/lat: [minLon, minLat, maxLon, maxLat]. */
export function cellsBbox(grid: StudyGrid, cells: readonly number[]): [number, number, number, number] {
  let minLon = Infinity;
  let minLat = Infinity;
  let maxLon = -Infinity;
  let maxLat = -Infinity;
  for (const cell of cells) {
    for (const [lon, lat] of cellRing(grid, cell)) {
      minLon = Math.min(minLon, lon);
      minLat = Math.min(minLat, lat);
      maxLon = Math.max(maxLon, lon);
      maxLat = Math.max(maxLat, lat);
    }
  }
  return [minLon, minLat, maxLon, maxLat];
}
