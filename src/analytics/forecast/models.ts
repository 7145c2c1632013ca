import { expectedCounts, kde } from '../kde.js';
import { etasForecast, fitEtas, type EtasModel } from './etas.js';
import { countsBetween, type CellEvents, type ForecastGrid } from './events.js';
import {
  fitModulation,
  modulationCalendar,
  type ModulationCalendar,
  type ModulationKind,
  type TemporalModulation,
} from './modulation.js';

/**
 * The forecasting models and the baselines ETAS is compared with. Each gives a score per cell for the horizon
 * [at, at + horizonDays) from the events it is handed, which must all be strictly before `at` (the backtest hands
 * each model only those). Scores rank cells; for ETAS and the naive model they are expected counts.
 */
export const forecastModels = ['etas', 'prospective', 'kde', 'naive'] as const;
export type ForecastModel = (typeof forecastModels)[number];

export interface ProspectiveOptions {
  /** Metres between cell centres within which a past event counts (default 400 m, Bowers et al.'s band). */
  bandwidthM?: number;
  /** Days back within which a past event counts (default 60, their "two months"). */
  bandwidthDays?: number;
}

export interface KdeForecastOptions {
  /** The quartic kernel's support radius, metres (default 500). */
  radiusM?: number;
}

export interface ModelOptions {
  prospective?: ProspectiveOptions;
  kde?: KdeForecastOptions;
  /** ETAS's EM settings (warm starts come from the caller). */
  etas?: { maxIterations?: number; tolerance?: number; initial?: { theta: number; omega: number } };
  /**
   * The background's temporal modulation (src/analytics/forecast/modulation.ts), default 'none'. ETAS fits
   * μₙ · m(t); the naive forecast is scaled by ∫ m over the horizon ÷ ∫ m over the period it counts; prospective
   * hot-spotting and the KDE give relative scores, not counts, and are left as they are.
   */
  modulation?: ModulationKind;
  /** The origin's instant (ms) and the area's zone, to read local weekdays, hours and months: needed to modulate. */
  origin?: { instantMs: number; timeZone: string };
}

export interface ModelInput {
  /** Events strictly before `at`, from the start of the training window. */
  events: CellEvents;
  grid: ForecastGrid;
  /** The origin, days. */
  at: number;
  horizonDays: number;
  /** The start of the training window, days. */
  from: number;
}

/**
 * Prospective hot-spotting (Bowers, Johnson & Pease 2004, "Prospective hot-spotting: the future of crime mapping?",
 * British Journal of Criminology 44(5)): each past event within the distance and time bands adds
 * 1 / ((1 + d) (1 + w)) to a cell, d the distance between the two cells' centres in cells and w the whole weeks
 * elapsed since the event (⌊(at − t) / 7⌋). They used 50 m cells, 400 m and two months for burglary.
 */
export function prospectiveScores(input: ModelInput, options: ProspectiveOptions = {}): Float64Array {
  const { grid, events, at } = input;
  const bandwidthM = options.bandwidthM ?? 400;
  const bandwidthDays = options.bandwidthDays ?? 60;
  if (!(bandwidthM >= 0) || !(bandwidthDays > 0)) {
    throw new RangeError(`invalid prospective bands: ${bandwidthM} m, ${bandwidthDays} days`);
  }
  const reach = Math.floor(bandwidthM / grid.cellSizeM);
  const offsets: { dx: number; dy: number; weight: number }[] = [];
  for (let dy = -reach; dy <= reach; dy++) {
    for (let dx = -reach; dx <= reach; dx++) {
      const d = Math.hypot(dx, dy);
      if (d * grid.cellSizeM <= bandwidthM + 1e-9) offsets.push({ dx, dy, weight: 1 / (1 + d) });
    }
  }
  const scores = new Float64Array(grid.nx * grid.ny);
  for (let i = events.time.length - 1; i >= 0; i--) {
    const age = at - (events.time[i] as number);
    if (age > bandwidthDays) break;
    const timeWeight = 1 / (1 + Math.floor(age / 7));
    const cell = events.cell[i] as number;
    const column = cell % grid.nx;
    const row = Math.floor(cell / grid.nx);
    for (const { dx, dy, weight } of offsets) {
      const c = column + dx;
      const r = row + dy;
      if (c < 0 || r < 0 || c >= grid.nx || r >= grid.ny) continue;
      const k = r * grid.nx + c;
      scores[k] = (scores[k] as number) + weight * timeWeight;
    }
  }
  return scores;
}

/**
 * Retrospective kernel density of every training event (src/analytics/kde.ts, quartic kernel): expected events per
 * cell. Each event is placed at its cell's centre, which changes nothing: the density bins points by the cell that
 * holds them.
 */
export function kdeScores(input: ModelInput, options: KdeForecastOptions = {}): Float64Array {
  const { grid, events } = input;
  const n = events.time.length;
  if (n === 0) return new Float64Array(grid.nx * grid.ny);
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const cell = events.cell[i] as number;
    x[i] = ((cell % grid.nx) + 0.5) * grid.cellSizeM;
    y[i] = (Math.floor(cell / grid.nx) + 0.5) * grid.cellSizeM;
  }
  const surface = kde(
    { x, y },
    {
      kernel: 'quartic',
      bandwidth: { radiusM: options.radiusM ?? 500 },
      grid: { originXM: 0, originYM: 0, cellSizeM: grid.cellSizeM, nx: grid.nx, ny: grid.ny },
    },
  );
  return expectedCounts(surface);
}

/** The naive forecast: each cell's count over the last period as long as the horizon, [at − h, at). */
export function naiveScores(input: ModelInput): Float64Array {
  return countsBetween(input.events, input.grid.nx * input.grid.ny, input.at - input.horizonDays, input.at);
}

export interface ModelForecast {
  scores: Float64Array;
  /** ETAS's fitted model, for warm starts and reports. */
  etas?: EtasModel;
  /** The modulation used, when one was asked for. */
  modulation?: TemporalModulation;
}

const dayMs = 86_400_000;

function calendarFor(input: ModelInput, options: ModelOptions): ModulationCalendar | undefined {
  const kind = options.modulation ?? 'none';
  if (kind === 'none') return undefined;
  if (!options.origin) throw new RangeError(`modulation '${kind}' needs the origin's instant and time zone`);
  return modulationCalendar(input.events, {
    kind,
    clock: { zeroMs: options.origin.instantMs - input.at * dayMs, timeZone: options.origin.timeZone },
    from: input.from,
    to: input.at,
    until: input.at + input.horizonDays,
  });
}

/** One model's scores for the horizon. Events at or after `at` are refused: no model may see the future. */
export function modelForecast(model: ForecastModel, input: ModelInput, options: ModelOptions = {}): ModelForecast {
  const n = input.events.time.length;
  if (n > 0 && (input.events.time[n - 1] as number) >= input.at) {
    throw new RangeError(`an event at ${input.events.time[n - 1]} is not before the origin ${input.at}`);
  }
  const calendar = calendarFor(input, options);
  // ETAS learns m from the events' background probabilities; the other models from every event.
  const modulation = calendar && model !== 'etas' ? fitModulation(calendar) : undefined;
  const extra = modulation ? { modulation } : {};
  switch (model) {
    case 'etas': {
      const fitted = fitEtas(input.events, input.grid.nx * input.grid.ny, {
        from: input.from,
        to: input.at,
        ...options.etas,
        ...(calendar
          ? { modulation: fitModulation(calendar), updateModulation: (p: Float64Array) => fitModulation(calendar, p) }
          : {}),
      });
      const used = fitted.modulation as TemporalModulation | undefined;
      return {
        scores: etasForecast(fitted, input.at, input.horizonDays),
        etas: fitted,
        ...(used ? { modulation: used } : {}),
      };
    }
    case 'prospective':
      return { scores: prospectiveScores(input, options.prospective), ...extra };
    case 'kde':
      return { scores: kdeScores(input, options.kde), ...extra };
    case 'naive': {
      const scores = naiveScores(input);
      if (modulation) {
        const { at, horizonDays: h } = input;
        const counted = Math.max(at - h, modulation.start, input.from);
        const factor = modulation.integral(at, at + h) / modulation.integral(counted, at);
        for (let c = 0; c < scores.length; c++) scores[c] = (scores[c] as number) * factor * ((at - counted) / h);
      }
      return { scores, ...extra };
    }
  }
}
