import { giBin, gistar, type GistarNeighbours, type GistarResult, type PAdjustMethod } from '../analytics/gistar.js';
import {
  ehsaClassify,
  ehsaPatterns,
  sfhotspotCategories,
  sfhotspotClassify,
  type PeriodGistar,
} from '../analytics/hotspot-classes.js';
import { kde, scottBandwidth, type DensitySurface, type KdeKernel } from '../analytics/kde.js';
import { knox, type KnoxEvent, type KnoxResult } from '../analytics/knox.js';
import { cellArea, cellToLatLng, polygonToCells } from 'h3-js';
import type { AreaGeometry, Position } from '../domain/area.js';
import type { Provenance } from '../domain/incident.js';
import { addDays, daysBetween, zonedDay, zonedInstant } from '../domain/time.js';
import {
  cellCentre,
  cellsBbox,
  cellsOfPoints,
  countPerCell,
  defaultCellSize,
  outlineOf,
  projectionForArea,
  studyGrid,
  touchingGroups,
  type StudyGrid,
} from '../geo/study-grid.js';
import { listAreasWithin, listBoundaries, type AreaRow } from '../store/areas.js';
import type { Db } from '../store/db.js';
import { incidentPoints, type IncidentPoints } from '../store/points.js';
import type { Scope } from '../store/scope.js';

/**
 * Black spots: where an area's incidents concentrate, on a square grid in metres laid over the area (its own
 * transverse Mercator projection). The study reads the incidents once; each method works on it.
 */

export interface StudyRequest {
  area: AreaRow;
  /** Local days in the area's time zone, both inclusive. */
  from: string;
  to: string;
  categories?: readonly string[] | undefined;
  provenances?: readonly Provenance[] | undefined;
  /** Metres; default `defaultCellSize` (a fiftieth of the shorter side of the area's extent, rounded). */
  cellSize?: number | undefined;
}

export interface Study {
  area: AreaRow;
  geometry: AreaGeometry;
  from: string;
  to: string;
  grid: StudyGrid;
  points: IncidentPoints;
  /** The grid cell of each point, or -1 when it falls outside the area's cells. */
  cells: Int32Array;
  /** Incidents per cell over the whole window. */
  counts: Float64Array;
  /** Incidents in the area's cells (the total the shares are of). */
  total: number;
}

export class NoBoundaryError extends Error {}

/** The area's boundary, or its descendants' boundaries side by side when it has none of its own (Chicago's city). */
async function boundaryOf(db: Db, area: AreaRow): Promise<AreaGeometry> {
  const [own] = await listBoundaries(db, { ids: [area.id] });
  if (own?.geometry) return own.geometry;
  const polygons: Position[][][] = [];
  for (const level of ['district', 'city', 'province', 'region'] as const) {
    const parts = await listAreasWithin(db, area.id, level);
    const shapes = parts.length === 0 ? [] : await listBoundaries(db, { ids: parts.map((p) => p.id) });
    for (const shape of shapes) {
      const g = shape.geometry;
      if (g) polygons.push(...(g.type === 'Polygon' ? [g.coordinates] : g.coordinates));
    }
    if (polygons.length > 0) break;
  }
  if (polygons.length === 0) throw new NoBoundaryError(`area ${area.code} has no boundary, nor any of its parts`);
  return { type: 'MultiPolygon', coordinates: polygons };
}

export async function loadStudy(db: Db, scope: Scope, request: StudyRequest): Promise<Study> {
  const { area } = request;
  const geometry = await boundaryOf(db, area);
  const projection = projectionForArea(geometry);
  const cellSize = request.cellSize ?? defaultCellSize(geometry, projection);
  const grid = studyGrid(geometry, cellSize, projection);
  const points = await incidentPoints(db, scope, {
    area: { id: area.id, level: area.level },
    from: zonedInstant(request.from, 0, area.timeZone),
    to: zonedInstant(addDays(request.to, 1), 0, area.timeZone),
    categories: request.categories,
    provenances: request.provenances,
  });
  const cells = cellsOfPoints(grid, points.lon, points.lat);
  const counts = countPerCell(grid, cells);
  let total = 0;
  for (const cell of cells) if (cell >= 0) total++;
  return { area, geometry, from: request.from, to: request.to, grid, points, cells, counts, total };
}

// ---------------------------------------------------------------------------------------------------------------
// Kernel density

export interface KdeRequest {
  kernel: KdeKernel;
  /** Metres: the kernel's radius (its standard deviation for the gaussian); default Scott's rule. */
  bandwidth?: number | undefined;
  /**
   * A weight per category (a harm or severity index); categories left out weigh 1. The surface is then expected
   * weight per cell, not incidents.
   */
  weights?: Readonly<Record<string, number>> | undefined;
}

export interface KdeOutcome {
  surface: DensitySurface | null;
  /** The bandwidth used, in metres, and what it is. */
  bandwidth: { metres: number; meaning: 'radius' | 'sd'; rule: 'given' | 'scott' } | null;
  /** Expected incidents per cell at the peak. */
  peakPerCell: number;
}

/** The density of the study's incidents on its grid (cells outside the area are left at their value, not cut). */
export function densityOf(study: Study, request: KdeRequest): KdeOutcome {
  const { grid, cells } = study;
  const x = new Float64Array(study.total);
  const y = new Float64Array(study.total);
  const weight = request.weights ? new Float64Array(study.total) : undefined;
  let k = 0;
  for (let i = 0; i < cells.length; i++) {
    if ((cells[i] as number) < 0) continue;
    const [px, py] = grid.projection.forward(study.points.lon[i] as number, study.points.lat[i] as number);
    x[k] = px;
    y[k] = py;
    if (weight) weight[k] = request.weights?.[study.points.category[i] as string] ?? 1;
    k++;
  }
  let bandwidth: KdeOutcome['bandwidth'];
  if (request.bandwidth !== undefined) {
    bandwidth = {
      metres: request.bandwidth,
      meaning: request.kernel === 'gaussian' ? 'sd' : 'radius',
      rule: 'given',
    };
  } else {
    const sd = scottBandwidth({ x, y });
    bandwidth = sd === null ? null : { metres: sd, meaning: 'sd', rule: 'scott' };
  }
  if (bandwidth === null || study.total === 0) return { surface: null, bandwidth, peakPerCell: 0 };
  const surface = kde(weight ? { x, y, weight } : { x, y }, {
    kernel: request.kernel,
    bandwidth: bandwidth.meaning === 'sd' ? { sdM: bandwidth.metres } : { radiusM: bandwidth.metres },
    grid: { originXM: grid.x0, originYM: grid.y0, cellSizeM: grid.cellSize, nx: grid.nx, ny: grid.ny },
  });
  let peak = 0;
  for (let c = 0; c < surface.values.length; c++) {
    if (grid.inside[c] === 1 && (surface.values[c] as number) > peak) peak = surface.values[c] as number;
  }
  return { surface, bandwidth, peakPerCell: peak * grid.cellSize * grid.cellSize };
}

/** The most H3 cells a density is given on: a finer resolution over a large area is refused. */
export const maxH3Cells = 200_000;

export class TooManyH3CellsError extends RangeError {}

export interface H3Density {
  /** The cell's index, hexadecimal. */
  cell: string;
  /** Expected incidents in the cell: the density at its centre × its area. */
  expected: number;
}

/**
 * The density on the H3 cells (of `resolution`) whose centres lie in the study area: the surface read at each
 * cell's centre (bilinear between the grid's cell centres) times the cell's area on the ground.
 */
export function densityOnH3(study: Study, surface: DensitySurface, resolution: number): H3Density[] {
  const polygons = study.geometry.type === 'Polygon' ? [study.geometry.coordinates] : study.geometry.coordinates;
  const cells = new Set<string>();
  for (const polygon of polygons) {
    for (const cell of polygonToCells(polygon, resolution, true)) {
      cells.add(cell);
      if (cells.size > maxH3Cells) {
        throw new TooManyH3CellsError(
          `more than ${maxH3Cells.toLocaleString('en')} H3 cells at resolution ${resolution} over ${study.area.code}: choose a coarser resolution`,
        );
      }
    }
  }
  const { grid } = study;
  const out: H3Density[] = [];
  for (const cell of [...cells].sort()) {
    const [lat, lon] = cellToLatLng(cell);
    const [x, y] = grid.projection.forward(lon, lat);
    out.push({ cell, expected: sampleSurface(surface, x, y) * cellArea(cell, 'm2') });
  }
  return out;
}

/** A surface's density at a point in metres, bilinear between cell centres (0 off the grid). */
export function sampleSurface(surface: DensitySurface, x: number, y: number): number {
  const fx = (x - surface.originXM) / surface.cellSizeM - 0.5;
  const fy = (y - surface.originYM) / surface.cellSizeM - 0.5;
  const i0 = Math.floor(fx);
  const j0 = Math.floor(fy);
  const tx = fx - i0;
  const ty = fy - j0;
  const at = (i: number, j: number) =>
    i < 0 || j < 0 || i >= surface.nx || j >= surface.ny ? 0 : (surface.values[j * surface.nx + i] as number);
  return (
    at(i0, j0) * (1 - tx) * (1 - ty) +
    at(i0 + 1, j0) * tx * (1 - ty) +
    at(i0, j0 + 1) * (1 - tx) * ty +
    at(i0 + 1, j0 + 1) * tx * ty
  );
}

// ---------------------------------------------------------------------------------------------------------------
// Gi* hot spots

export interface GistarRequest {
  neighbours: 'queen' | 'band';
  /** Metres, for `band`. */
  distance?: number | undefined;
  adjust: PAdjustMethod;
}

function neighboursOf(study: Study, request: GistarRequest): GistarNeighbours {
  if (request.neighbours === 'queen') return { kind: 'queen' };
  return { kind: 'band', distanceM: request.distance ?? study.grid.cellSize * 1.5, cellSizeM: study.grid.cellSize };
}

export function hotSpotsOf(study: Study, request: GistarRequest, counts: Float64Array = study.counts): GistarResult {
  const { grid } = study;
  return gistar(counts, {
    nx: grid.nx,
    ny: grid.ny,
    mask: grid.inside,
    neighbours: neighboursOf(study, request),
    pAdjust: request.adjust,
  });
}

/** The Gi_Bin a confidence level needs: 1 for 90 %, 2 for 95 %, 3 for 99 %. */
export function binFor(confidence: 90 | 95 | 99): 1 | 2 | 3 {
  return confidence === 90 ? 1 : confidence === 95 ? 2 : 3;
}

export { giBin };

// ---------------------------------------------------------------------------------------------------------------
// Periods

export type PeriodUnit = 'week' | 'month';

export interface Period {
  from: string;
  to: string;
}

/**
 * The window cut into periods: weeks of seven days counted back from its last day (the first period may be
 * shorter, and is dropped when it is), or calendar months (the first and last may be partial, and are kept).
 */
export function periodsOf(from: string, to: string, unit: PeriodUnit): Period[] {
  const periods: Period[] = [];
  if (unit === 'week') {
    for (let end = to; daysBetween(from, end) >= 6; end = addDays(end, -7)) {
      periods.unshift({ from: addDays(end, -6), to: end });
    }
    return periods;
  }
  let start = from;
  while (start <= to) {
    const [y, m] = start.split('-').map(Number) as [number, number];
    const nextMonth = m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
    const end = addDays(nextMonth, -1) < to ? addDays(nextMonth, -1) : to;
    periods.push({ from: start, to: end });
    start = nextMonth;
  }
  return periods;
}

/** Counts per cell in each period (rows: periods), from the study's points. */
export function countsByPeriod(study: Study, periods: readonly Period[]): Float64Array[] {
  const { grid, points, cells } = study;
  const out = periods.map(() => new Float64Array(grid.nx * grid.ny));
  const tz = study.area.timeZone;
  for (let i = 0; i < cells.length; i++) {
    const cell = cells[i] as number;
    if (cell < 0) continue;
    const day = zonedDay(new Date(points.time[i] as number), tz);
    // Periods are few (tens to hundreds): a linear search is as quick as anything.
    const p = periods.findIndex((period) => day >= period.from && day <= period.to);
    if (p >= 0) {
      const row = out[p] as Float64Array;
      row[cell] = (row[cell] as number) + 1;
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Black spots

export interface BlackSpotRequest extends GistarRequest {
  confidence: 90 | 95 | 99;
  /** How long a spot has been hot is counted in these periods. */
  period: PeriodUnit;
}

export interface BlackSpot {
  /** 1, 2, … in order of incidents, the first being the heaviest (stable for the same request). */
  rank: number;
  cells: number[];
  incidents: number;
  /** Share of the area's located incidents. */
  share: number;
  areaKm2: number;
  /** Share of incidents over share of the area (Chainey's Predictive Accuracy Index of the spot's cells). */
  pai: number;
  /** The district holding most of the spot's incidents, when the area has districts. */
  districtId: number | null;
  /** The spot's incidents in that district. */
  districtIncidents: number;
  /** Periods, counted back from the last, in a row in which some cell of the spot was hot at the confidence. */
  hotPeriods: number;
  /** Periods in which some cell of the spot was hot, of `periods`. */
  hotPeriodsInAll: number;
  periods: number;
  geometry: AreaGeometry;
  bbox: [number, number, number, number];
  centre: Position;
  maxZ: number;
}

/**
 * Hot cells at the confidence asked for, merged where they touch (edge or corner) into black spots, each with its
 * incidents, share, size, PAI, district and how long it has been hot.
 */
export function blackSpotsOf(
  study: Study,
  request: BlackSpotRequest,
  hot: GistarResult = hotSpotsOf(study, request),
): BlackSpot[] {
  const { grid, counts } = study;
  const threshold = binFor(request.confidence);
  const hotCells: number[] = [];
  for (let c = 0; c < hot.bin.length; c++) if ((hot.bin[c] as number) >= threshold) hotCells.push(c);
  const groups = touchingGroups(grid, hotCells);
  const periods = periodsOf(study.from, study.to, request.period);
  const byPeriod = countsByPeriod(study, periods).map((periodCounts) => hotSpotsOf(study, request, periodCounts));
  const cellArea = grid.cellSize * grid.cellSize;
  const studyArea = grid.cellsInside * cellArea;
  // The district of each cell's incidents, to give each spot the district where most of its incidents are.
  const districtsByCell = new Map<number, Map<number, number>>();
  for (let i = 0; i < study.cells.length; i++) {
    const cell = study.cells[i] as number;
    const district = study.points.districtId[i] as number;
    if (cell < 0 || district === 0) continue;
    const tally = districtsByCell.get(cell) ?? new Map<number, number>();
    tally.set(district, (tally.get(district) ?? 0) + 1);
    districtsByCell.set(cell, tally);
  }
  const spots = groups.map((cells) => {
    let incidents = 0;
    let maxZ = -Infinity;
    const districts = new Map<number, number>();
    for (const cell of cells) {
      incidents += counts[cell] as number;
      maxZ = Math.max(maxZ, hot.z[cell] as number);
      for (const [district, n] of districtsByCell.get(cell) ?? []) {
        districts.set(district, (districts.get(district) ?? 0) + n);
      }
    }
    const hotIn = byPeriod.map((result) => cells.some((cell) => (result.bin[cell] as number) >= threshold));
    let hotPeriods = 0;
    for (let p = hotIn.length - 1; p >= 0 && hotIn[p]; p--) hotPeriods++;
    const share = study.total === 0 ? 0 : incidents / study.total;
    const areaShare = (cells.length * cellArea) / studyArea;
    const district = [...districts].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0];
    const centreCell = cells.reduce((best, cell) => ((hot.z[cell] as number) > (hot.z[best] as number) ? cell : best));
    return {
      rank: 0,
      cells,
      incidents,
      share,
      areaKm2: (cells.length * cellArea) / 1e6,
      pai: areaShare === 0 ? 0 : share / areaShare,
      districtId: district ? district[0] : null,
      districtIncidents: district ? district[1] : 0,
      hotPeriods,
      hotPeriodsInAll: hotIn.filter(Boolean).length,
      periods: periods.length,
      geometry: outlineOf(grid, cells),
      bbox: cellsBbox(grid, cells),
      centre: cellCentre(grid, centreCell),
      maxZ,
    } satisfies BlackSpot;
  });
  spots.sort((a, b) => b.incidents - a.incidents || (a.cells[0] as number) - (b.cells[0] as number));
  spots.forEach((spot, i) => (spot.rank = i + 1));
  return spots;
}

/** The indexes (into the study's points) of the incidents inside a spot's cells. */
export function incidentsIn(study: Study, cells: readonly number[]): number[] {
  const member = new Set(cells);
  const out: number[] = [];
  for (let i = 0; i < study.cells.length; i++) if (member.has(study.cells[i] as number)) out.push(i);
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Hot spots over time

export type ClassScheme = 'sfhotspot' | 'ehsa';

export interface ClassifyRequest extends GistarRequest {
  period: PeriodUnit;
  scheme: ClassScheme;
}

export interface CellClass {
  cell: number;
  /** sfhotspot's category or ArcGIS's pattern name. */
  label: string;
  hotPeriods: number;
  coldPeriods: number;
}

export interface Classification {
  periods: Period[];
  /** Cells per class, every class of the scheme listed. */
  classes: Record<string, number>;
  /** The cells with a pattern (those with none are left out). */
  cells: CellClass[];
}

/**
 * Each cell's Gi* in every period (same grid, neighbours and adjustment as one Gi* run), classified by
 * sfhotspot's rules or by ArcGIS Emerging Hot Spot Analysis. A period where Gi* is undefined for a cell (no
 * incident anywhere, say) counts as neither hot nor cold (z 0, p 1).
 */
export function classifyCells(study: Study, request: ClassifyRequest): Classification {
  const periods = periodsOf(study.from, study.to, request.period);
  if (periods.length < 2) {
    throw new TooFewPeriodsError(`the window holds ${periods.length} ${request.period}: classes need at least two`);
  }
  const results = countsByPeriod(study, periods).map((counts) => hotSpotsOf(study, request, counts));
  const labels: readonly string[] = request.scheme === 'sfhotspot' ? sfhotspotCategories : ehsaPatterns;
  const classes = Object.fromEntries(labels.map((label) => [label, 0]));
  const cells: CellClass[] = [];
  const { grid } = study;
  for (let cell = 0; cell < grid.inside.length; cell++) {
    if (grid.inside[cell] !== 1) continue;
    const series: PeriodGistar[] = results.map((r) => {
      const z = r.z[cell] as number;
      return Number.isFinite(z) ? { z, p: r.pAdjusted[cell] as number } : { z: 0, p: 1 };
    });
    let label: string;
    let hotPeriods: number;
    let coldPeriods: number;
    if (request.scheme === 'sfhotspot') {
      const c = sfhotspotClassify(series);
      label = c.category;
      hotPeriods = series.filter((s) => s.p < 0.05 && s.z > 0).length;
      coldPeriods = series.filter((s) => s.p < 0.05 && s.z < 0).length;
    } else {
      const c = ehsaClassify(series);
      label = c.pattern;
      hotPeriods = c.hotPeriods;
      coldPeriods = c.coldPeriods;
    }
    classes[label] = (classes[label] ?? 0) + 1;
    if (label !== 'no pattern' && label !== 'no pattern detected') cells.push({ cell, label, hotPeriods, coldPeriods });
  }
  return { periods, classes, cells };
}

export class TooFewPeriodsError extends RangeError {}

// ---------------------------------------------------------------------------------------------------------------
// Near repeats

export interface KnoxRequest {
  spatialEdgesM: readonly number[];
  temporalEdgesDays: readonly number[];
  permutations: number;
  seed: number;
}

/** The most incidents a Knox analysis takes: its pairs grow with their square. */
export const maxKnoxEvents = 50_000;

export class TooManyEventsError extends RangeError {}

/**
 * The Knox near-repeat table of the study's incidents (space in metres on the study's grid projection, time in
 * days). Incidents known only to the month are left out: their day is not known.
 */
export function nearRepeatsOf(study: Study, request: KnoxRequest): KnoxResult & { events: number; monthOnly: number } {
  const events: KnoxEvent[] = [];
  let monthOnly = 0;
  for (let i = 0; i < study.cells.length; i++) {
    if ((study.cells[i] as number) < 0) continue;
    if (study.points.precision[i] === 'month') {
      monthOnly++;
      continue;
    }
    const [x, y] = study.grid.projection.forward(study.points.lon[i] as number, study.points.lat[i] as number);
    events.push({ x, y, t: (study.points.time[i] as number) / 86_400_000 });
  }
  if (events.length > maxKnoxEvents) {
    throw new TooManyEventsError(
      `${events.length.toLocaleString('en')} incidents is more than a near-repeat analysis takes (${maxKnoxEvents.toLocaleString('en')}): narrow the window, the area or the categories`,
    );
  }
  const result = knox(events, {
    spatialEdgesM: request.spatialEdgesM,
    temporalEdgesDays: request.temporalEdgesDays,
    permutations: request.permutations,
    seed: request.seed,
  });
  return { ...result, events: events.length, monthOnly };
}
