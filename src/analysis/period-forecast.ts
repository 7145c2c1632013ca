import type { CellEvents } from '../analytics/forecast/events.js';
import { flaggedCount, rankCells } from '../analytics/forecast/metrics.js';
import type { ModelOptions } from '../analytics/forecast/models.js';
import { modulationNote } from '../analytics/forecast/modulation.js';
import { periodUplift, type PastPeriod } from '../analytics/forecast/period-uplift.js';
import type { AreaGeometry, Position } from '../domain/area.js';
import { periodSpan, type LocalSpan, type PeriodSpec } from '../domain/special-periods.js';
import { addDays, zonedDay, zonedInstant } from '../domain/time.js';
import { cellCentre, cellRing, type StudyGrid } from '../geo/study-grid.js';
import type { AreaRow } from '../store/areas.js';
import type { Db } from '../store/db.js';
import type { Scope } from '../store/scope.js';
import {
  allProvenances,
  citizenProvenances,
  defaultTrainingDays,
  forecastGrid,
  provenanceNote,
  type Forecast,
  type ForecastCell,
} from './forecast.js';
import { loadStudy } from './hotspots.js';

/**
 * Forecasts for a named period (New Year, Ramadan, an Eid, a major event) that draw on the same period in past
 * years. Two models:
 * - a short-term model (ETAS or naive, src/analytics/forecast/) forecasts the period's length from the data before
 *   it, and each cell's forecast is multiplied by the period's uplift, learned from the same period in the K
 *   previous years against the four weeks before and after it (src/analytics/forecast/period-uplift.ts: per cell,
 *   shrunk towards the area's);
 * - 'same-period': each cell's mean count over the same period in the K previous years.
 */

export const periodModels = ['etas', 'naive', 'same-period'] as const;
export type PeriodModel = (typeof periodModels)[number];

export const defaultYearsBack = 3;
/** Days before and after a past period that make its baseline. */
export const surroundingDays = 28;

export interface PeriodRequest {
  area: AreaRow;
  period: PeriodSpec;
  /** The Gregorian year of the period forecast (New Year: the year that begins). */
  year: number;
  /** Default 'etas'. */
  model?: PeriodModel | undefined;
  /** Past years to learn the uplift from (default 3). */
  yearsBack?: number | undefined;
  /**
   * The last local day of data the short-term model learns from; it then forecasts the period's length from the
   * next midnight. Default: everything before the period starts, and the period itself is forecast.
   */
  asOf?: string | undefined;
  categories?: readonly string[] | undefined;
  cellSize?: number | undefined;
  trainingDays?: number | undefined;
  includePoliceInitiated?: boolean | undefined;
  modelOptions?: ModelOptions | undefined;
}

export class PeriodNotFoundError extends Error {}

export interface PeriodInfo {
  name: string;
  /** The period's first and end instants (ISO; the end excluded). */
  from: string;
  to: string;
  /** The past years whose same period had data around it, and so taught the uplift. */
  yearsUsed: number[];
}

/** Every cell's expected count for the period: what a plan for the period can draw on. */
export interface PeriodExpectations {
  area: { code: string; name: string };
  period: PeriodInfo;
  model: PeriodModel;
  /** The period's length, days. */
  lengthDays: number;
  grid: StudyGrid;
  /** The area's uplift over the past years (null when they held no incident). */
  uplift: number | null;
  /** One entry per cell inside the area, in cell order. */
  cells: { cell: number; centre: Position; expected: number; uplift: number }[];
  trainingFrom: string | null;
  trainingDays: number | null;
  /** Located incidents read: the short-term model's training and the past periods with their surroundings. */
  incidents: number;
  provenances: Forecast['provenances'];
  etas: Forecast['etas'];
}

const dayMs = 86_400_000;

const instantOf = (span: LocalSpan, tz: string) => ({
  start: zonedInstant(span.fromDay, span.fromMinutes, tz),
  end: zonedInstant(span.toDay, span.toMinutes, tz),
});

function spanOf(request: PeriodRequest, year: number): LocalSpan {
  const span = periodSpan(request.period, year);
  if (!span) throw new PeriodNotFoundError(`${request.period.name} does not fall in ${year}`);
  return span;
}

/** Every cell's expected incidents for the period in the year asked (see above). */
export async function periodExpectations(db: Db, scope: Scope, request: PeriodRequest): Promise<PeriodExpectations> {
  const { area } = request;
  const tz = area.timeZone;
  const model = request.model ?? 'etas';
  const yearsBack = request.yearsBack ?? defaultYearsBack;
  if (!(Number.isInteger(yearsBack) && yearsBack >= 1)) throw new RangeError(`invalid yearsBack: ${yearsBack}`);
  const provenances = request.includePoliceInitiated ? allProvenances : citizenProvenances;
  const { start, end } = instantOf(spanOf(request, request.year), tz);
  const lengthDays = (end.getTime() - start.getTime()) / dayMs;

  // The same period in past years, each with the four weeks around it; years without a span are skipped.
  const past: { year: number; start: Date; end: Date }[] = [];
  for (let k = 1; k <= yearsBack; k++) {
    const span = periodSpan(request.period, request.year - k);
    if (span) past.push({ year: request.year - k, ...instantOf(span, tz) });
  }
  const earliest = past[past.length - 1];
  const latest = past[0];
  const firstDay = earliest ? addDays(zonedDay(earliest.start, tz), -surroundingDays - 1) : zonedDay(start, tz);
  const lastDay = latest ? addDays(zonedDay(latest.end, tz), surroundingDays + 1) : zonedDay(start, tz);
  const study = await loadStudy(db, scope, {
    area,
    from: firstDay,
    to: lastDay,
    categories: request.categories,
    cellSize: request.cellSize,
    provenances,
  });
  const zeroMs = zonedInstant(firstDay, 0, tz).getTime();
  const events = studyEvents(study.cells, study.points.time, zeroMs);
  const days = (d: Date) => (d.getTime() - zeroMs) / dayMs;
  const periods: PastPeriod[] = [];
  const yearsUsed: number[] = [];
  for (const p of past) {
    const period = {
      before: days(p.start) - surroundingDays,
      from: days(p.start),
      to: days(p.end),
      after: days(p.end) + surroundingDays,
    };
    // A year is used only when it has data both before and after its period (it is inside the data).
    let before = 0;
    let after = 0;
    for (const t of events.time) {
      if (t >= period.before && t < period.from) before++;
      else if (t >= period.to && t < period.after) after++;
    }
    if (before > 0 && after > 0) {
      periods.push(period);
      yearsUsed.push(p.year);
    }
  }
  const grid = study.grid;
  const uplift = periodUplift(events, grid.inside, periods);

  let scores: Float64Array;
  let trainingFrom: string | null = null;
  let trainingDays: number | null = null;
  let etas: Forecast['etas'] = null;
  let incidents = events.time.length;
  if (model === 'same-period') {
    scores = uplift.samePeriodMean;
  } else {
    const origin = request.asOf === undefined ? start : zonedInstant(addDays(request.asOf, 1), 0, tz);
    if (origin > start) {
      throw new RangeError(`as of ${request.asOf}, the period (from ${start.toISOString()}) has begun`);
    }
    const fitted = await forecastGrid(db, scope, {
      area,
      start: origin,
      horizonDays: lengthDays,
      model,
      provenances,
      trainingDays: request.trainingDays ?? defaultTrainingDays,
      categories: request.categories,
      cellSize: grid.cellSize,
      modelOptions: request.modelOptions,
    });
    const g = fitted.study.grid;
    if (g.nx !== grid.nx || g.ny !== grid.ny) throw new Error('the forecast and the past periods differ in grid');
    scores = new Float64Array(fitted.scores.length);
    for (let c = 0; c < scores.length; c++) scores[c] = (fitted.scores[c] as number) * (uplift.cells[c] as number);
    trainingFrom = fitted.trainingFrom;
    trainingDays = fitted.trainingDays;
    etas = fitted.etas;
    incidents += fitted.incidents;
  }
  const cells: PeriodExpectations['cells'] = [];
  for (let c = 0; c < scores.length; c++) {
    if (grid.inside[c] !== 1) continue;
    cells.push({
      cell: c,
      centre: cellCentre(grid, c),
      expected: scores[c] as number,
      uplift: model === 'same-period' ? 1 : (uplift.cells[c] as number),
    });
  }
  return {
    area: { code: area.code, name: area.nameEn ?? area.nameFr },
    period: { name: request.period.name, from: start.toISOString(), to: end.toISOString(), yearsUsed },
    model,
    lengthDays,
    grid,
    uplift: uplift.area,
    cells,
    trainingFrom,
    trainingDays,
    incidents,
    provenances,
    etas,
  };
}

function studyEvents(cells: Int32Array, timesMs: ArrayLike<number>, zeroMs: number): CellEvents {
  const cell: number[] = [];
  const time: number[] = [];
  for (let i = 0; i < cells.length; i++) {
    const c = cells[i] as number;
    if (c < 0) continue;
    cell.push(c);
    time.push(((timesMs[i] as number) - zeroMs) / dayMs);
  }
  const order = time.map((_, i) => i).sort((a, b) => (time[a] as number) - (time[b] as number) || a - b);
  return {
    cell: Int32Array.from(order, (i) => cell[i] as number),
    time: Float64Array.from(order, (i) => time[i] as number),
  };
}

/** The period forecast: the shape of `forecastCells`'s, with the period and its uplift. */
export interface PeriodForecast extends Omit<Forecast, 'horizon' | 'model' | 'trainingFrom' | 'trainingDays'> {
  horizon: 'period';
  model: PeriodModel;
  /** The short-term model's training window (null for 'same-period'). */
  trainingFrom: string | null;
  trainingDays: number | null;
  period: PeriodInfo;
  /** The area's uplift learned from the past periods (null when they held no incident). */
  uplift: number | null;
}

/** The flagged cells for the period: the share of the area's cells with the highest expected counts. */
export async function forecastPeriod(
  db: Db,
  scope: Scope,
  request: PeriodRequest & { share: number },
): Promise<PeriodForecast> {
  const e = await periodExpectations(db, scope, request);
  const scores = new Float64Array(e.grid.nx * e.grid.ny);
  let total = 0;
  for (const c of e.cells) {
    scores[c.cell] = c.expected;
    total += c.expected;
  }
  const ranked = rankCells(scores, e.grid.inside);
  const k = flaggedCount(request.share, ranked.length);
  const cells: ForecastCell[] = [...ranked.subarray(0, k)].map((cell, i) => ({
    rank: i + 1,
    cell,
    score: scores[cell] as number,
    centre: cellCentre(e.grid, cell),
    ring: cellRing(e.grid, cell),
  }));
  const modulation = request.modelOptions?.modulation ?? 'none';
  return {
    area: e.area,
    asOf: request.asOf ?? zonedDay(new Date(Date.parse(e.period.from) - 1), request.area.timeZone),
    start: e.period.from,
    horizon: 'period',
    horizonDays: e.lengthDays,
    model: e.model,
    share: request.share,
    cellSizeM: e.grid.cellSize,
    cellsInside: e.grid.cellsInside,
    trainingFrom: e.trainingFrom,
    trainingDays: e.trainingDays,
    incidents: e.incidents,
    provenances: e.provenances,
    provenanceNote: provenanceNote(e.provenances),
    modulation,
    modulationNote: modulationNote(modulation),
    etas: e.etas,
    total,
    cells,
    period: e.period,
    uplift: e.uplift,
  };
}

/** The flagged cells as a GeoJSON FeatureCollection of squares. */
export function periodFeatures(forecast: PeriodForecast) {
  return {
    type: 'FeatureCollection' as const,
    features: forecast.cells.map((c) => ({
      type: 'Feature' as const,
      geometry: { type: 'Polygon', coordinates: [c.ring] } satisfies AreaGeometry,
      properties: { rank: c.rank, cell: c.cell, score: c.score, model: forecast.model, period: forecast.period.name },
    })),
  };
}
