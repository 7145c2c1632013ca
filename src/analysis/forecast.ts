import { backtest, type BacktestConstraints, type BacktestResult } from '../analytics/forecast/backtest.js';
import type { CellEvents, ForecastGrid } from '../analytics/forecast/events.js';
import { eventsBefore } from '../analytics/forecast/events.js';
import { flaggedCount, rankCells } from '../analytics/forecast/metrics.js';
import { modelForecast, type ForecastModel, type ModelOptions } from '../analytics/forecast/models.js';
import { modulationNote, type ModulationKind } from '../analytics/forecast/modulation.js';
import type { AreaGeometry, Position } from '../domain/area.js';
import type { Provenance } from '../domain/incident.js';
import { addDays, zonedDay, zonedInstant } from '../domain/time.js';
import { cellCentre, cellRing } from '../geo/study-grid.js';
import type { AreaRow } from '../store/areas.js';
import type { Db } from '../store/db.js';
import type { Scope } from '../store/scope.js';
import { loadStudy, type Study } from './hotspots.js';

/**
 * Short-term forecasts and their backtests over an area's study grid (the black spots' grid: docs/hotspots.md).
 * Models learn by default from the incidents citizens reported and the calls for service, not from records the
 * police initiated: those follow where officers were sent, and a model trained on them sends officers back to the
 * same places (Lum & Isaac 2016, "To predict and serve?", Significance 13(5); Ensign et al. 2018, "Runaway feedback
 * loops in predictive policing", FAT* 2018). An option includes them; every result says which were used.
 */

export const horizons = { shift: 1 / 3, day: 1, week: 7, month: 28 } as const;
export type Horizon = keyof typeof horizons;

export const citizenProvenances: readonly Provenance[] = ['citizen_report', 'call_for_service'];
export const allProvenances: readonly Provenance[] = ['citizen_report', 'call_for_service', 'police_initiated'];

export const defaultShares = [0.005, 0.01, 0.02, 0.05] as const;
export const defaultTrainingDays = 365;

/** Which records the models learned from, in words (printed with every forecast and backtest). */
export function provenanceNote(provenances: readonly Provenance[]): string {
  return provenances.includes('police_initiated')
    ? 'learned from every record, police-initiated ones included'
    : 'learned from citizen reports and calls for service only (police-initiated records left out)';
}

const dayMs = 86_400_000;

interface ForecastData {
  study: Study;
  grid: ForecastGrid;
  events: CellEvents;
  /** The instant of time 0, ms. */
  zeroMs: number;
}

async function forecastData(
  db: Db,
  scope: Scope,
  request: {
    area: AreaRow;
    from: string;
    to: string;
    categories?: readonly string[] | undefined;
    cellSize?: number | undefined;
    provenances: readonly Provenance[];
  },
): Promise<ForecastData> {
  const study = await loadStudy(db, scope, {
    area: request.area,
    from: request.from,
    to: request.to,
    categories: request.categories,
    cellSize: request.cellSize,
    provenances: request.provenances,
  });
  const zeroMs = zonedInstant(request.from, 0, request.area.timeZone).getTime();
  const cell = new Int32Array(study.total);
  const time = new Float64Array(study.total);
  let k = 0;
  for (let i = 0; i < study.cells.length; i++) {
    const c = study.cells[i] as number;
    if (c < 0) continue;
    cell[k] = c;
    time[k] = ((study.points.time[i] as number) - zeroMs) / dayMs;
    k++;
  }
  const { grid: g } = study;
  return {
    study,
    zeroMs,
    events: { cell, time },
    grid: { nx: g.nx, ny: g.ny, inside: g.inside, cellSizeM: g.cellSize },
  };
}

export interface EvaluationRequest {
  area: AreaRow;
  /** Local days: the first and the last origin's day (origins every seven days from `from`). */
  from: string;
  to: string;
  categories?: readonly string[] | undefined;
  cellSize?: number | undefined;
  models: readonly ForecastModel[];
  shares: readonly number[];
  /** Default 'week'. */
  horizon?: Horizon | undefined;
  trainingDays?: number | undefined;
  includePoliceInitiated?: boolean | undefined;
  constraints?: BacktestConstraints | undefined;
  modelOptions?: ModelOptions | undefined;
}

export interface Evaluation {
  area: { code: string; name: string };
  origins: string[];
  horizon: Horizon;
  horizonDays: number;
  trainingDays: number;
  cellSizeM: number;
  cellsInside: number;
  provenances: readonly Provenance[];
  provenanceNote: string;
  /** The background's temporal modulation (modelOptions.modulation), in a word and in words. */
  modulation: ModulationKind;
  modulationNote: string;
  /** Located incidents read, training windows included. */
  incidents: number;
  result: BacktestResult;
}

/** A rolling-origin backtest over the area: weekly origins from `from` to `to`, each model trained before each. */
export async function evaluateForecasts(db: Db, scope: Scope, request: EvaluationRequest): Promise<Evaluation> {
  const horizon = request.horizon ?? 'week';
  const horizonDays = horizons[horizon];
  const trainingDays = request.trainingDays ?? defaultTrainingDays;
  const originDays: string[] = [];
  for (let day = request.from; day <= request.to; day = addDays(day, 7)) originDays.push(day);
  const provenances = request.includePoliceInitiated ? allProvenances : citizenProvenances;
  const firstDay = addDays(request.from, -trainingDays);
  const lastDay = addDays(originDays[originDays.length - 1] ?? request.to, Math.ceil(horizonDays) - 1);
  const data = await forecastData(db, scope, { ...request, from: firstDay, to: lastDay, provenances });
  const tz = request.area.timeZone;
  const origins = originDays.map((day) => (zonedInstant(day, 0, tz).getTime() - data.zeroMs) / dayMs);
  const result = backtest(data.events, data.grid, {
    origins,
    horizonDays,
    trainingDays,
    models: request.models,
    shares: request.shares,
    modelOptions: request.modelOptions,
    constraints: request.constraints,
    clock: { zeroMs: data.zeroMs, timeZone: tz },
  });
  const modulation = request.modelOptions?.modulation ?? 'none';
  return {
    area: { code: request.area.code, name: request.area.nameEn ?? request.area.nameFr },
    origins: originDays,
    horizon,
    horizonDays,
    trainingDays,
    cellSizeM: data.grid.cellSizeM,
    cellsInside: data.study.grid.cellsInside,
    provenances,
    provenanceNote: provenanceNote(provenances),
    modulation,
    modulationNote: modulationNote(modulation),
    incidents: data.events.time.length,
    result,
  };
}

export interface ForecastRequest {
  area: AreaRow;
  /** The last local day of data: the forecast starts at the next local midnight. */
  asOf: string;
  horizon: Horizon;
  model: ForecastModel;
  /** Share of the area's cells to flag. */
  share: number;
  categories?: readonly string[] | undefined;
  cellSize?: number | undefined;
  trainingDays?: number | undefined;
  includePoliceInitiated?: boolean | undefined;
  modelOptions?: ModelOptions | undefined;
}

export interface ForecastCell {
  rank: number;
  cell: number;
  /** The model's score: expected incidents in the horizon for etas and naive, a relative risk otherwise. */
  score: number;
  centre: Position;
  ring: Position[];
}

export interface Forecast {
  area: { code: string; name: string };
  asOf: string;
  /** The horizon's first instant, ISO. */
  start: string;
  horizon: Horizon;
  horizonDays: number;
  model: ForecastModel;
  share: number;
  cellSizeM: number;
  cellsInside: number;
  trainingFrom: string;
  trainingDays: number;
  incidents: number;
  provenances: readonly Provenance[];
  provenanceNote: string;
  modulation: ModulationKind;
  modulationNote: string;
  etas: { theta: number; omega: number; iterations: number; converged: boolean } | null;
  /** Sum of the scores over the area's cells (expected incidents for etas and naive). */
  total: number;
  cells: ForecastCell[];
}

/** A model's scores over an area's grid for a horizon starting at any instant. */
export interface ForecastGridRequest {
  area: AreaRow;
  /** The horizon's first instant: the model sees only records before it. */
  start: Date;
  horizonDays: number;
  model: ForecastModel;
  provenances: readonly Provenance[];
  trainingDays?: number | undefined;
  categories?: readonly string[] | undefined;
  cellSize?: number | undefined;
  modelOptions?: ModelOptions | undefined;
}

export interface ForecastGridScores {
  study: Study;
  /** One score per grid cell (cells outside the area score 0). */
  scores: Float64Array;
  /** The first local day of training. */
  trainingFrom: string;
  trainingDays: number;
  incidents: number;
  etas: Forecast['etas'];
}

/** Every cell's score for the horizon from `start`, learned from the `trainingDays` local days before it. */
export async function forecastGrid(db: Db, scope: Scope, request: ForecastGridRequest): Promise<ForecastGridScores> {
  const trainingDays = request.trainingDays ?? defaultTrainingDays;
  const startDay = zonedDay(request.start, request.area.timeZone);
  const lastDay = zonedInstant(startDay, 0, request.area.timeZone) < request.start ? startDay : addDays(startDay, -1);
  const from = addDays(lastDay, 1 - trainingDays);
  const data = await forecastData(db, scope, { ...request, from, to: lastDay });
  const at = (request.start.getTime() - data.zeroMs) / dayMs;
  const forecast = modelForecast(
    request.model,
    { events: eventsBefore(data.events, at), grid: data.grid, at, horizonDays: request.horizonDays, from: 0 },
    { ...request.modelOptions, origin: { instantMs: request.start.getTime(), timeZone: request.area.timeZone } },
  );
  const fitted = forecast.etas;
  return {
    study: data.study,
    scores: forecast.scores,
    trainingFrom: from,
    trainingDays,
    incidents: data.events.time.length,
    etas: fitted
      ? { theta: fitted.theta, omega: fitted.omega, iterations: fitted.iterations, converged: fitted.converged }
      : null,
  };
}

/** The flagged cells for the horizon after `asOf`, learned from the `trainingDays` up to it. */
export async function forecastCells(db: Db, scope: Scope, request: ForecastRequest): Promise<Forecast> {
  const horizonDays = horizons[request.horizon];
  const provenances = request.includePoliceInitiated ? allProvenances : citizenProvenances;
  const start = zonedInstant(addDays(request.asOf, 1), 0, request.area.timeZone);
  const fitted = await forecastGrid(db, scope, { ...request, start, horizonDays, provenances });
  const grid = fitted.study.grid;
  const ranked = rankCells(fitted.scores, grid.inside);
  const k = flaggedCount(request.share, ranked.length);
  let total = 0;
  for (const cell of ranked) total += fitted.scores[cell] as number;
  const cells: ForecastCell[] = [...ranked.subarray(0, k)].map((cell, i) => ({
    rank: i + 1,
    cell,
    score: fitted.scores[cell] as number,
    centre: cellCentre(grid, cell),
    ring: cellRing(grid, cell),
  }));
  return {
    area: { code: request.area.code, name: request.area.nameEn ?? request.area.nameFr },
    asOf: request.asOf,
    start: start.toISOString(),
    horizon: request.horizon,
    horizonDays,
    model: request.model,
    share: request.share,
    cellSizeM: grid.cellSize,
    cellsInside: grid.cellsInside,
    trainingFrom: fitted.trainingFrom,
    trainingDays: fitted.trainingDays,
    incidents: fitted.incidents,
    provenances,
    provenanceNote: provenanceNote(provenances),
    modulation: request.modelOptions?.modulation ?? 'none',
    modulationNote: modulationNote(request.modelOptions?.modulation ?? 'none'),
    etas: fitted.etas,
    total,
    cells,
  };
}

/** The flagged cells as a GeoJSON FeatureCollection of squares. */
export function forecastFeatures(forecast: Forecast) {
  return {
    type: 'FeatureCollection' as const,
    features: forecast.cells.map((c) => ({
      type: 'Feature' as const,
      geometry: { type: 'Polygon', coordinates: [c.ring] } satisfies AreaGeometry,
      properties: { rank: c.rank, cell: c.cell, score: c.score, model: forecast.model, horizon: forecast.horizon },
    })),
  };
}

/** The models' names in tables, plots and reports. */
export const modelTitles: Record<ForecastModel, string> = {
  etas: 'ETAS (self-exciting)',
  prospective: 'Prospective hot-spotting',
  kde: 'Retrospective KDE',
  naive: 'Naive (last period)',
};

const fixed = (value: number | null, digits: number) => (value === null ? '–' : value.toFixed(digits));
const pct = (value: number | null) => (value === null ? '–' : `${(value * 100).toFixed(1)} %`);

/** The backtest's summary as a table, in plain text or Markdown: one row per model and area share. */
export function evaluationTable(evaluation: Evaluation, format: 'text' | 'markdown'): string {
  const header = ['model', 'area', 'cells', 'km²', 'hit rate', 'pooled', 'PAI', 'PEI', 'RRI'];
  const rows: string[][] = [];
  for (const [model, shares] of Object.entries(evaluation.result.summary)) {
    for (const s of shares) {
      rows.push([
        modelTitles[model as ForecastModel],
        `${(s.share * 100).toFixed(1)} %${s.withinConstraints ? '' : ' †'}`,
        String(s.cells),
        s.areaKm2.toFixed(2),
        pct(s.hitRate),
        pct(s.pooledHitRate),
        fixed(s.pai, 2),
        fixed(s.pei, 3),
        fixed(s.rri, 2),
      ]);
    }
  }
  if (format === 'markdown') {
    return [
      `| ${header.join(' | ')} |`,
      `|${header.map((_, i) => (i < 1 ? '---' : '---:')).join('|')}|`,
      ...rows.map((r) => `| ${r.join(' | ')} |`),
    ].join('\n');
  }
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (r: string[]) =>
    r.map((v, i) => (i === 0 ? v.padEnd(widths[i] ?? 0) : v.padStart(widths[i] ?? 0))).join('  ');
  return [line(header), ...rows.map(line)].join('\n');
}

/** What the backtest was, in a few lines. */
/** A mean delay 1/ω in days, as days or, under one day, hours. */
export function delayText(omegaPerDay: number): string {
  const days = 1 / omegaPerDay;
  return days < 1 ? `${(days * 24).toFixed(1)} hours` : `${days.toFixed(1)} days`;
}

export function evaluationHeader(evaluation: Evaluation): string[] {
  const e = evaluation;
  const etas = e.result.etas;
  return [
    `${e.area.name} (${e.area.code}): ${e.origins.length} weekly origins ${e.origins[0] ?? ''} to ${e.origins[e.origins.length - 1] ?? ''}, ` +
      `horizon ${e.horizon} (${e.horizonDays} d), training window ${e.trainingDays} days before each origin`,
    `${e.cellsInside.toLocaleString('en')} cells of ${e.cellSizeM} m; ${e.incidents.toLocaleString('en')} located incidents read; ${e.provenanceNote}`,
    `Modulation: ${e.modulationNote}`,
    ...(etas ? [`ETAS at the last origin: θ = ${etas.theta.toFixed(3)}, 1/ω = ${delayText(etas.omega)}`] : []),
    'Hit rate, PAI, PEI and RRI are means over origins; pooled = all captured / all crimes. † outside the area constraints.',
  ];
}
