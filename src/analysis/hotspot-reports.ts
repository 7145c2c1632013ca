import type { AreaSummary } from '../contract/common.js';
import type {
  BlackSpotList,
  ClassifyResult,
  FeatureCollection,
  KnoxResult as KnoxReport,
  GistarResult as GistarReport,
  KdeResult,
  SpotIncidents,
} from '../contract/hotspots.js';
import { cellToBoundary } from 'h3-js';
import { categoryCodes } from '../domain/category.js';
import { cellRing } from '../geo/study-grid.js';
import { listAreas, type AreaRow } from '../store/areas.js';
import type { Db } from '../store/db.js';
import {
  blackSpotsOf,
  classifyCells,
  densityOnH3,
  nearRepeatsOf,
  type ClassifyRequest,
  type KnoxRequest,
  densityOf,
  hotSpotsOf,
  incidentsIn,
  type BlackSpotRequest,
  type GistarRequest,
  type KdeRequest,
  type Study,
} from './hotspots.js';

/** The study's description, shared by every method's answer. */
function studyInfo(study: Study, summary: (area: AreaRow) => AreaSummary, categories: readonly string[]) {
  const { grid } = study;
  const corner = (cx: number, cy: number) =>
    grid.projection.inverse(grid.x0 + cx * grid.cellSize, grid.y0 + cy * grid.cellSize);
  return {
    area: summary(study.area),
    window: { from: study.from, to: study.to },
    categories: categories.length > 0 ? [...categories] : [...categoryCodes],
    synthetic: study.points.synthetic > 0,
    grid: {
      cellSize: grid.cellSize,
      nx: grid.nx,
      ny: grid.ny,
      cellsInside: grid.cellsInside,
      projection: grid.projection.proj,
      corners: [
        corner(0, 0),
        corner(grid.nx, 0),
        corner(grid.nx, grid.ny),
        corner(0, grid.ny),
      ] as KdeResult['grid']['corners'],
    },
    incidents: study.total,
    withoutPoint: study.points.withoutPoint,
  };
}

/** Four significant digits: enough for a map, a quarter of the bytes. */
const round4 = (value: number) => (value === 0 ? 0 : Number(value.toPrecision(4)));

export function kdeReport(
  study: Study,
  request: KdeRequest & { h3Resolution?: number | undefined },
  summary: (area: AreaRow) => AreaSummary,
  categories: readonly string[],
): KdeResult {
  const outcome = densityOf(study, request);
  const h3 =
    request.h3Resolution === undefined
      ? undefined
      : {
          resolution: request.h3Resolution,
          cells: outcome.surface
            ? densityOnH3(study, outcome.surface, request.h3Resolution).map((c) => ({
                ...c,
                expected: round4(c.expected),
              }))
            : [],
        };
  const { grid } = study;
  const cellArea = grid.cellSize * grid.cellSize;
  const values: (number | null)[] = new Array<number | null>(grid.nx * grid.ny);
  for (let c = 0; c < values.length; c++) {
    values[c] = grid.inside[c] === 1 ? round4((outcome.surface?.values[c] ?? 0) * cellArea) : null;
  }
  return {
    ...studyInfo(study, summary, categories),
    kernel: request.kernel,
    weights: request.weights ? { ...request.weights } : null,
    bandwidth: outcome.bandwidth,
    peakPerCell: outcome.peakPerCell,
    values,
    ...(h3 ? { h3 } : {}),
  };
}

export function gistarReport(
  study: Study,
  request: GistarRequest,
  summary: (area: AreaRow) => AreaSummary,
  categories: readonly string[],
): GistarReport {
  const result = hotSpotsOf(study, request);
  const bins = { '-3': 0, '-2': 0, '-1': 0, '1': 0, '2': 0, '3': 0 };
  const cells: GistarReport['cells'] = [];
  for (let c = 0; c < result.bin.length; c++) {
    const bin = result.bin[c] as number;
    if (bin === 0) continue;
    bins[String(bin) as keyof typeof bins]++;
    cells.push({
      cell: c,
      count: study.counts[c] as number,
      z: result.z[c] as number,
      p: result.p[c] as number,
      pAdjusted: result.pAdjusted[c] as number,
      bin,
    });
  }
  return {
    ...studyInfo(study, summary, categories),
    neighbours: request.neighbours,
    distance: request.neighbours === 'band' ? (request.distance ?? study.grid.cellSize * 1.5) : null,
    adjust: request.adjust,
    bins,
    cells,
  };
}

export async function blackSpotReport(
  db: Db,
  study: Study,
  request: BlackSpotRequest,
  summary: (area: AreaRow) => AreaSummary,
  categories: readonly string[],
): Promise<BlackSpotList> {
  const spots = blackSpotsOf(study, request);
  const districtIds = [...new Set(spots.flatMap((s) => (s.districtId === null ? [] : [s.districtId])))];
  const districts = new Map(
    (districtIds.length === 0 ? [] : await listAreas(db, { ids: districtIds })).map((a) => [a.id, a]),
  );
  // Each district's located incidents in the study, for the share of its crime a spot holds.
  const perDistrict = new Map<number, number>();
  for (let i = 0; i < study.cells.length; i++) {
    if ((study.cells[i] as number) < 0) continue;
    const d = study.points.districtId[i] as number;
    if (d !== 0) perDistrict.set(d, (perDistrict.get(d) ?? 0) + 1);
  }
  const rankInDistrict = new Map<number | null, number>();
  return {
    ...studyInfo(study, summary, categories),
    confidence: request.confidence,
    period: request.period,
    spots: spots.map((spot) => {
      const districtRank = (rankInDistrict.get(spot.districtId) ?? 0) + 1;
      rankInDistrict.set(spot.districtId, districtRank);
      const district = spot.districtId === null ? undefined : districts.get(spot.districtId);
      const inDistrict = spot.districtId === null ? undefined : perDistrict.get(spot.districtId);
      return {
        rank: spot.rank,
        district: district ? summary(district) : null,
        districtRank,
        incidents: spot.incidents,
        share: spot.share,
        districtShare: inDistrict ? spot.districtIncidents / inDistrict : null,
        areaKm2: spot.areaKm2,
        pai: spot.pai,
        hotPeriods: spot.hotPeriods,
        hotPeriodsInAll: spot.hotPeriodsInAll,
        periods: spot.periods,
        maxZ: spot.maxZ,
        cells: spot.cells.length,
        centre: spot.centre,
        bbox: spot.bbox,
        geometry: spot.geometry as BlackSpotList['spots'][number]['geometry'],
      };
    }),
  };
}

export function classifyReport(
  study: Study,
  request: ClassifyRequest,
  summary: (area: AreaRow) => AreaSummary,
  categories: readonly string[],
): ClassifyResult {
  const result = classifyCells(study, request);
  return {
    ...studyInfo(study, summary, categories),
    scheme: request.scheme,
    period: request.period,
    periods: result.periods,
    classes: result.classes,
    cells: result.cells,
  };
}

/** JSON has no infinity and no NaN: an open band ends at null, an undefined ratio is null. */
const finite = (value: number) => (Number.isFinite(value) ? value : null);

export function knoxReport(
  study: Study,
  request: KnoxRequest,
  summary: (area: AreaRow) => AreaSummary,
  categories: readonly string[],
): KnoxReport {
  const result = nearRepeatsOf(study, request);
  const table = (rows: number[][]) => rows.map((row) => row.map(finite));
  return {
    ...studyInfo(study, summary, categories),
    events: result.events,
    monthOnly: result.monthOnly,
    spatialBands: result.spatialBands.map((b) => ({ from: b.from, to: finite(b.to) })),
    temporalBands: result.temporalBands.map((b) => ({ from: b.from, to: finite(b.to) })),
    observed: table(result.observed),
    expected: table(result.expected),
    ratio: table(result.ratio),
    p: table(result.p),
    pairs: result.pairs,
    permutations: result.permutations,
  };
}

export function classifyFeatures(study: Study, report: ClassifyResult): FeatureCollection {
  const { cells, ...properties } = report;
  return {
    type: 'FeatureCollection',
    properties,
    features: cells.map((cell) => ({
      type: 'Feature',
      geometry: { type: 'Polygon', coordinates: [cellRing(study.grid, cell.cell)] },
      properties: { ...cell },
    })),
  };
}

/** The incidents inside one black spot (by its rank in the same request), newest first. */
export function spotIncidents(study: Study, request: BlackSpotRequest, rank: number): SpotIncidents | null {
  const spot = blackSpotsOf(study, request).find((s) => s.rank === rank);
  if (!spot) return null;
  const { points } = study;
  const items = incidentsIn(study, spot.cells)
    .map((i) => ({
      id: points.id[i] as number,
      category: points.category[i] as string,
      occurredAt: new Date(points.time[i] as number).toISOString(),
      lat: points.lat[i] as number,
      lon: points.lon[i] as number,
    }))
    .reverse();
  return { rank, items };
}

// ---------------------------------------------------------------------------------------------------------------
// GeoJSON

export function kdeFeatures(study: Study, report: KdeResult): FeatureCollection {
  const features: FeatureCollection['features'] = [];
  if (report.h3) {
    const h3 = report.h3;
    const rest = Object.fromEntries(Object.entries(report).filter(([key]) => key !== 'values' && key !== 'h3'));
    return {
      type: 'FeatureCollection',
      properties: { ...rest, h3Resolution: h3.resolution },
      features: h3.cells.map((c) => ({
        type: 'Feature',
        geometry: { type: 'Polygon', coordinates: [cellToBoundary(c.cell, true)] },
        properties: { cell: c.cell, expected: c.expected },
      })),
    };
  }
  const floor = report.peakPerCell * 0.01;
  report.values.forEach((value, cell) => {
    if (value === null || value <= floor) return;
    features.push({
      type: 'Feature',
      geometry: { type: 'Polygon', coordinates: [cellRing(study.grid, cell)] },
      properties: { cell, expected: value },
    });
  });
  const properties = Object.fromEntries(Object.entries(report).filter(([key]) => key !== 'values'));
  return { type: 'FeatureCollection', properties, features };
}

export function gistarFeatures(study: Study, report: GistarReport): FeatureCollection {
  const { cells, ...properties } = report;
  return {
    type: 'FeatureCollection',
    properties,
    features: cells.map((cell) => ({
      type: 'Feature',
      geometry: { type: 'Polygon', coordinates: [cellRing(study.grid, cell.cell)] },
      properties: { ...cell },
    })),
  };
}

export function blackSpotFeatures(report: BlackSpotList): FeatureCollection {
  const { spots, ...properties } = report;
  return {
    type: 'FeatureCollection',
    properties,
    features: spots.map(({ geometry, district, ...spot }) => ({
      type: 'Feature',
      geometry,
      properties: {
        ...spot,
        district: district?.code ?? null,
        districtNameAr: district?.nameAr ?? null,
        districtNameFr: district?.nameFr ?? null,
      },
    })),
  };
}
