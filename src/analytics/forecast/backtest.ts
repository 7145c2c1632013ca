import { countsBetween, eventsBefore, type CellEvents, type ForecastGrid } from './events.js';
import { hitMetrics, rankCells, type HitMetrics } from './metrics.js';
import { modelForecast, type ForecastModel, type ModelOptions } from './models.js';
import type { ForecastClock } from './modulation.js';

/**
 * Rolling-origin evaluation: at each origin every model is handed only the events strictly before it (and not
 * before the start of its training window), forecasts the horizon that follows, and its ranked cells are scored
 * against the events of that horizon.
 */

export interface BacktestConstraints {
  /** Cell side bounds, metres: a grid outside them is refused. */
  cellSizeM?: { min?: number; max?: number };
  /** Bounds on the flagged area, square kilometres: shares outside them are reported as outside the constraints. */
  areaKm2?: { min?: number; max?: number };
}

export interface BacktestOptions {
  /** Origins, days, in increasing order. */
  origins: readonly number[];
  horizonDays: number;
  /** Each model learns from [origin − trainingDays, origin). */
  trainingDays: number;
  models: readonly ForecastModel[];
  shares: readonly number[];
  modelOptions?: ModelOptions;
  constraints?: BacktestConstraints;
  /** Where time 0 is and in which zone: needed when `modelOptions.modulation` asks for one. */
  clock?: ForecastClock;
}

export interface OriginResult {
  origin: number;
  /** Crimes in the test window. */
  crimes: number;
  metrics: Record<string, HitMetrics[]>;
}

export interface ShareSummary {
  share: number;
  cells: number;
  areaKm2: number;
  /** False when the flagged area falls outside `constraints.areaKm2`. */
  withinConstraints: boolean;
  /** Means over origins of each metric (origins where it is undefined left out), and the pooled hit rate. */
  hitRate: number | null;
  pooledHitRate: number | null;
  pai: number | null;
  pei: number | null;
  rri: number | null;
}

export interface BacktestResult {
  origins: OriginResult[];
  summary: Record<string, ShareSummary[]>;
  /** ETAS's parameters at the last origin. */
  etas: { theta: number; omega: number; iterations: number } | null;
}

function mean(values: (number | null)[]): number | null {
  const defined = values.filter((v): v is number => v !== null);
  return defined.length === 0 ? null : defined.reduce((a, b) => a + b, 0) / defined.length;
}

export function backtest(events: CellEvents, grid: ForecastGrid, options: BacktestOptions): BacktestResult {
  const { constraints } = options;
  const size = constraints?.cellSizeM;
  if (
    size &&
    ((size.min !== undefined && grid.cellSizeM < size.min) || (size.max !== undefined && grid.cellSizeM > size.max))
  ) {
    throw new RangeError(`cells of ${grid.cellSizeM} m are outside the bounds ${size.min ?? 0}–${size.max ?? '∞'} m`);
  }
  if (!(options.horizonDays > 0)) throw new RangeError(`the horizon must be positive, not ${options.horizonDays}`);
  if (!(options.trainingDays > 0)) {
    throw new RangeError(`the training window must be positive, not ${options.trainingDays}`);
  }
  const cellCount = grid.nx * grid.ny;
  let cellsInside = 0;
  for (const v of grid.inside) if (v === 1) cellsInside++;
  const origins: OriginResult[] = [];
  let warm: { theta: number; omega: number } | undefined;
  let etas: BacktestResult['etas'] = null;
  for (const origin of options.origins) {
    const from = origin - options.trainingDays;
    const training = eventsBefore(events, origin, from);
    const testCounts = countsBetween(events, cellCount, origin, origin + options.horizonDays);
    const trainingCounts = countsBetween(training, cellCount, from, origin);
    const result: OriginResult = { origin, crimes: 0, metrics: {} };
    for (let c = 0; c < cellCount; c++) if (grid.inside[c] === 1) result.crimes += testCounts[c] as number;
    for (const model of options.models) {
      const modelOptions: ModelOptions = {
        ...options.modelOptions,
        etas: { ...options.modelOptions?.etas, ...(warm ? { initial: warm } : {}) },
        ...(options.clock
          ? { origin: { instantMs: options.clock.zeroMs + origin * 86_400_000, timeZone: options.clock.timeZone } }
          : {}),
      };
      const forecast = modelForecast(
        model,
        { events: training, grid, at: origin, horizonDays: options.horizonDays, from },
        modelOptions,
      );
      if (forecast.etas && forecast.etas.theta > 0) {
        warm = { theta: forecast.etas.theta, omega: forecast.etas.omega };
        etas = { ...warm, iterations: forecast.etas.iterations };
      }
      const ranked = rankCells(forecast.scores, grid.inside);
      result.metrics[model] = options.shares.map((share) => hitMetrics(ranked, share, testCounts, trainingCounts));
    }
    origins.push(result);
  }
  const summary: Record<string, ShareSummary[]> = {};
  const cellKm2 = (grid.cellSizeM * grid.cellSizeM) / 1e6;
  for (const model of options.models) {
    summary[model] = options.shares.map((share, s) => {
      const rows = origins.map((o) => o.metrics[model]?.[s] as HitMetrics);
      const cells = rows[0]?.cells ?? Math.max(1, Math.floor(share * cellsInside));
      const areaKm2 = cells * cellKm2;
      const bounds = constraints?.areaKm2;
      const captured = rows.reduce((a, r) => a + r.captured, 0);
      const crimes = rows.reduce((a, r) => a + r.crimes, 0);
      return {
        share,
        cells,
        areaKm2,
        withinConstraints: !(
          bounds &&
          ((bounds.min !== undefined && areaKm2 < bounds.min) || (bounds.max !== undefined && areaKm2 > bounds.max))
        ),
        hitRate: mean(rows.map((r) => r.hitRate)),
        pooledHitRate: crimes > 0 ? captured / crimes : null,
        pai: mean(rows.map((r) => r.pai)),
        pei: mean(rows.map((r) => r.pei)),
        rri: mean(rows.map((r) => r.rri)),
      };
    });
  }
  return { origins, summary, etas };
}
