import { writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import {
  defaultShares,
  defaultTrainingDays,
  delayText,
  evaluateForecasts,
  evaluationHeader,
  evaluationTable,
  forecastCells,
  forecastFeatures,
  horizons,
  modelTitles,
  type Horizon,
} from '../../analysis/forecast.js';
import { NoBoundaryError } from '../../analysis/hotspots.js';
import {
  defaultYearsBack,
  forecastPeriod,
  periodFeatures,
  periodModels,
  PeriodNotFoundError,
  type PeriodModel,
} from '../../analysis/period-forecast.js';
import { forecastModels, type ForecastModel } from '../../analytics/forecast/models.js';
import { modulationKinds, type ModulationKind } from '../../analytics/forecast/modulation.js';
import { categoryCodes } from '../../domain/category.js';
import { specialPeriodNames, type PeriodSpec, type SpecialPeriodName } from '../../domain/special-periods.js';
import { isIsoDay } from '../../domain/time.js';
import { GridTooLargeError } from '../../geo/study-grid.js';
import { backtestSvg } from '../../report/backtest-svg.js';
import { findAreaByCode, type AreaRow } from '../../store/areas.js';
import type { Db } from '../../store/db.js';
import { unrestricted } from '../../store/scope.js';
import { UsageError, withDatabase } from '../context.js';

function day(value: string, option: string): string {
  if (!isIsoDay(value)) throw new UsageError(`${option}: not a calendar day: ${value}`);
  return value;
}

function positive(value: string | undefined, option: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new UsageError(`${option}: expected a positive number, not ${value}`);
  return n;
}

function share(value: string, option: string): number {
  const n = Number(value);
  if (!(n > 0 && n <= 1)) throw new UsageError(`${option}: expected a share of the area in (0, 1], not ${value}`);
  return n;
}

function models(value: string, option: string): ForecastModel[] {
  const list = value.split(',').map((m) => m.trim());
  for (const m of list) {
    if (!(forecastModels as readonly string[]).includes(m)) {
      throw new UsageError(`${option}: expected models among ${forecastModels.join(', ')}, not ${m}`);
    }
  }
  return list as ForecastModel[];
}

function modulation(value: string): ModulationKind {
  if (!(modulationKinds as readonly string[]).includes(value)) {
    throw new UsageError(`--modulation: expected one of ${modulationKinds.join(', ')}, not ${value}`);
  }
  return value as ModulationKind;
}

const modulationHelp =
  'temporal modulation of the background: none | weekly (day of week × hour) | weekly+seasonal (and month, ' +
  'with two years of training)';

function categories(list: string[] | undefined): string[] {
  for (const c of list ?? []) {
    if (!(categoryCodes as readonly string[]).includes(c)) throw new UsageError(`--category: unknown category ${c}`);
  }
  return list ?? [];
}

/** A pair of bounds "min:max", either side optional. */
function bounds(value: string | undefined, option: string): { min?: number; max?: number } | undefined {
  if (value === undefined) return undefined;
  const [lo = '', hi = ''] = value.split(':');
  const parse = (s: string) => (s === '' ? undefined : Number(s));
  const min = parse(lo);
  const max = parse(hi);
  if ((min !== undefined && !(min >= 0)) || (max !== undefined && !(max > 0)) || !value.includes(':')) {
    throw new UsageError(`${option}: expected min:max (either may be left out), not ${value}`);
  }
  return { ...(min !== undefined ? { min } : {}), ...(max !== undefined ? { max } : {}) };
}

async function areaOf(db: Db, code: string): Promise<AreaRow> {
  const area = await findAreaByCode(db, code);
  if (!area) throw new UsageError(`--area: no area with code ${code}`);
  return area;
}

/** Grid and boundary problems are the caller's to fix: exit 2 with the message. */
async function usage<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof GridTooLargeError || error instanceof NoBoundaryError) throw new UsageError(error.message);
    if (error instanceof PeriodNotFoundError) throw new UsageError(`--period: ${error.message}`);
    if (error instanceof RangeError && /has begun/.test(error.message)) {
      throw new UsageError(`--as-of: ${error.message}`);
    }
    if (error instanceof RangeError && /cells of .* m are outside the bounds/.test(error.message)) {
      throw new UsageError(`--cell-bounds: ${error.message}`);
    }
    throw error;
  }
}

interface EvaluateOptions {
  area: string;
  from: string;
  to: string;
  category?: string[];
  cellSize?: string;
  models: string;
  shares: string;
  horizon: string;
  trainingDays: string;
  includePoliceInitiated?: boolean;
  cellBounds?: string;
  areaBounds?: string;
  json?: boolean;
  markdown?: boolean;
  svg?: string;
  modulation: string;
}

export function evaluateCommand(program: Command): void {
  program
    .command('evaluate')
    .description(
      'Rolling-origin backtest of the forecasts: weekly origins, each model trained only on what came before, ' +
        'scored by hit rate, PAI, PEI and RRI at shares of the area',
    )
    .requiredOption('--area <code>', 'the area (its boundary, or its parts’ boundaries, bounds the grid)')
    .requiredOption('--from <day>', 'the first origin, YYYY-MM-DD (local midnight)')
    .requiredOption('--to <day>', 'the last day an origin may fall on')
    .option('--category <code...>', 'ICCS categories to keep (default all)')
    .option('--cell-size <metres>', 'grid cell side (default a fiftieth of the area’s shorter side, rounded)')
    .option('--models <list>', forecastModels.join(','), forecastModels.join(','))
    .option('--shares <list>', 'shares of the area to flag', defaultShares.join(','))
    .option('--horizon <h>', Object.keys(horizons).join(' | '), 'week')
    .option('--training-days <n>', 'days each model learns from before an origin', String(defaultTrainingDays))
    .option('--include-police-initiated', 'also learn from police-initiated records (left out by default)')
    .option('--modulation <kind>', modulationHelp, 'none')
    .option('--cell-bounds <min:max>', 'refuse cells outside these sizes, metres (NIJ-style constraint)')
    .option('--area-bounds <min:max>', 'mark flagged areas outside these bounds, km² (NIJ-style constraint)')
    .option('--json', 'print the full result as JSON')
    .option('--markdown', 'print the table as Markdown')
    .option('--svg <file>', 'also write the hit rates and PAI by share of area as an SVG plot')
    .action(async (options: EvaluateOptions) => {
      const from = day(options.from, '--from');
      const to = day(options.to, '--to');
      if (to < from) throw new UsageError('--to is before --from');
      const list = models(options.models, '--models');
      const shares = options.shares.split(',').map((s) => share(s, '--shares'));
      const horizon = options.horizon as Horizon;
      if (!Object.hasOwn(horizons, horizon)) {
        throw new UsageError(`--horizon: expected one of ${Object.keys(horizons).join(', ')}`);
      }
      const trainingDays = positive(options.trainingDays, '--training-days') ?? defaultTrainingDays;
      if (!Number.isInteger(trainingDays)) throw new UsageError('--training-days: a whole number of days');
      const cellSize = positive(options.cellSize, '--cell-size');
      const cellBounds = bounds(options.cellBounds, '--cell-bounds');
      const areaBounds = bounds(options.areaBounds, '--area-bounds');
      const categoryList = categories(options.category);
      const kind = modulation(options.modulation);
      await withDatabase(async (db) => {
        const area = await areaOf(db, options.area);
        const evaluation = await usage(() =>
          evaluateForecasts(db, unrestricted, {
            area,
            from,
            to,
            categories: categoryList,
            cellSize,
            models: list,
            shares,
            horizon,
            trainingDays,
            includePoliceInitiated: options.includePoliceInitiated,
            constraints: { cellSizeM: cellBounds, areaKm2: areaBounds },
            modelOptions: { modulation: kind },
          }),
        );
        if (options.svg !== undefined) await writeFile(options.svg, backtestSvg(evaluation, { labels: modelTitles }));
        if (options.json) {
          process.stdout.write(`${JSON.stringify(evaluation, null, 2)}\n`);
          return;
        }
        const header = evaluationHeader(evaluation);
        const table = evaluationTable(evaluation, options.markdown ? 'markdown' : 'text');
        process.stdout.write(`${header.join('\n')}\n\n${table}\n`);
      });
    });
}

interface ForecastOptions {
  area: string;
  asOf?: string;
  horizon: string;
  model: string;
  share: string;
  category?: string[];
  cellSize?: string;
  trainingDays: string;
  includePoliceInitiated?: boolean;
  json?: boolean;
  geojson?: boolean;
  modulation: string;
  period?: string;
  periodFrom?: string;
  periodTo?: string;
  year?: string;
  yearsBack: string;
}

/** `istibaq forecast --period …`: a named period or a custom one, from the same period in past years. */
async function periodForecast(options: ForecastOptions): Promise<void> {
  let spec: PeriodSpec;
  if (options.periodFrom !== undefined || options.periodTo !== undefined) {
    if (options.periodFrom === undefined || options.periodTo === undefined) {
      throw new UsageError('--period-from and --period-to: give both');
    }
    const from = day(options.periodFrom, '--period-from');
    const to = day(options.periodTo, '--period-to');
    if (to < from) throw new UsageError('--period-to is before --period-from');
    spec = { kind: 'custom', name: options.period ?? `${from} to ${to}`, from, to };
  } else {
    const name = options.period as SpecialPeriodName;
    if (!(specialPeriodNames as readonly string[]).includes(name)) {
      throw new UsageError(
        `--period: expected one of ${specialPeriodNames.join(', ')} (or --period-from/--period-to), not ${name}`,
      );
    }
    spec = { kind: 'named', name };
  }
  const year =
    options.year !== undefined
      ? Number(options.year)
      : spec.kind === 'custom'
        ? Number(spec.from.slice(0, 4))
        : undefined;
  if (year === undefined || !Number.isInteger(year) || year < 1900 || year > 2200) {
    throw new UsageError(
      `--year: expected a year such as 2026${options.year === undefined ? '' : `, not ${options.year}`}`,
    );
  }
  if (!(periodModels as readonly string[]).includes(options.model)) {
    throw new UsageError(`--model: with --period, one of ${periodModels.join(', ')}`);
  }
  const model = options.model as PeriodModel;
  const yearsBack = Number(options.yearsBack);
  if (!Number.isInteger(yearsBack) || yearsBack < 1) throw new UsageError('--years-back: a whole number of years');
  const asOf = options.asOf === undefined ? undefined : day(options.asOf, '--as-of');
  const flagged = share(options.share, '--share');
  const trainingDays = positive(options.trainingDays, '--training-days') ?? defaultTrainingDays;
  if (!Number.isInteger(trainingDays)) throw new UsageError('--training-days: a whole number of days');
  const cellSize = positive(options.cellSize, '--cell-size');
  const categoryList = categories(options.category);
  const kind = modulation(options.modulation);
  await withDatabase(async (db) => {
    const area = await areaOf(db, options.area);
    const f = await usage(() =>
      forecastPeriod(db, unrestricted, {
        area,
        period: spec,
        year,
        model,
        yearsBack,
        asOf,
        share: flagged,
        categories: categoryList,
        cellSize,
        trainingDays,
        includePoliceInitiated: options.includePoliceInitiated,
        modelOptions: { modulation: kind },
      }),
    );
    if (options.geojson) {
      process.stdout.write(`${JSON.stringify(periodFeatures(f))}\n`);
      return;
    }
    if (options.json) {
      process.stdout.write(`${JSON.stringify(f, null, 2)}\n`);
      return;
    }
    const years = f.period.yearsUsed.length > 0 ? f.period.yearsUsed.join(', ') : 'none (no data around them)';
    const lines = [
      `${f.area.name} (${f.area.code}): ${f.model} forecast for ${f.period.name} ${year}, ${f.period.from} to ${f.period.to} (${f.horizonDays.toFixed(2)} d)`,
      `Same period in past years: ${years}; uplift over the four weeks around it ${f.uplift === null ? '–' : `× ${f.uplift.toFixed(2)}`}`,
      ...(f.trainingFrom !== null
        ? [`Training: ${f.trainingFrom} to ${f.asOf} (${f.trainingDays ?? 0} days); ${f.provenanceNote}`]
        : [`Mean count per cell over the past periods; ${f.provenanceNote}`]),
      `Modulation: ${f.modulationNote}`,
      ...(f.etas ? [`θ = ${f.etas.theta.toFixed(3)}, 1/ω = ${delayText(f.etas.omega)}`] : []),
      `Expected in the area: ${f.total.toFixed(1)}; ${f.cells.length} of ${f.cellsInside.toLocaleString('en')} cells of ${f.cellSizeM} m (${(f.share * 100).toFixed(1)} % of the area):`,
      ...f.cells
        .slice(0, 20)
        .map(
          (c) =>
            `  ${String(c.rank).padStart(3)}. cell ${c.cell}  ${c.centre[1].toFixed(5)}, ${c.centre[0].toFixed(5)}  expected ${c.score.toFixed(3)}`,
        ),
      ...(f.cells.length > 20 ? [`  … and ${f.cells.length - 20} more (--json or --geojson for all)`] : []),
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
  });
}

export function forecastCommand(program: Command): void {
  program
    .command('forecast')
    .description(
      'Where incidents are most expected over the next shift, day, week or month, or over a named period: the cells ' +
        'to watch',
    )
    .requiredOption('--area <code>', 'the area')
    .option('--as-of <day>', 'the last day of data, YYYY-MM-DD: the forecast starts the next local midnight')
    .option('--horizon <h>', 'shift (8 h) | day | week | month (28 days)', 'week')
    .option('--model <model>', `${forecastModels.join(' | ')} (with --period: ${periodModels.join(' | ')})`, 'etas')
    .option('--share <share>', 'share of the area to flag', '0.01')
    .option('--category <code...>', 'ICCS categories to keep (default all)')
    .option('--cell-size <metres>', 'grid cell side (default a fiftieth of the area’s shorter side, rounded)')
    .option('--training-days <n>', 'days the model learns from, up to --as-of', String(defaultTrainingDays))
    .option('--include-police-initiated', 'also learn from police-initiated records (left out by default)')
    .option('--modulation <kind>', modulationHelp, 'none')
    .option('--json', 'print the result as JSON')
    .option('--geojson', 'print the flagged cells as a GeoJSON FeatureCollection')
    .option(
      '--period <name>',
      `forecast a named period from the same period in past years: ${specialPeriodNames.join(' | ')} ` +
        '(with --period-from/--period-to, the custom period’s name)',
    )
    .option('--year <year>', 'with --period: the year of the period (new-year: the year that begins)')
    .option('--period-from <day>', 'a custom period’s first day, YYYY-MM-DD (it recurs on the same dates)')
    .option('--period-to <day>', 'a custom period’s last day, YYYY-MM-DD')
    .option('--years-back <n>', 'with --period: past years to learn the uplift from', String(defaultYearsBack))
    .action(async (options: ForecastOptions) => {
      if (options.period !== undefined || options.periodFrom !== undefined || options.periodTo !== undefined) {
        await periodForecast(options);
        return;
      }
      if (options.asOf === undefined) throw new UsageError('--as-of: required (or --period)');
      const asOf = day(options.asOf, '--as-of');
      const horizon = options.horizon as Horizon;
      if (!Object.hasOwn(horizons, horizon)) {
        throw new UsageError(`--horizon: expected one of ${Object.keys(horizons).join(', ')}`);
      }
      const [model] = models(options.model, '--model');
      if (model === undefined || options.model.includes(',')) throw new UsageError('--model: one model');
      const flagged = share(options.share, '--share');
      const trainingDays = positive(options.trainingDays, '--training-days') ?? defaultTrainingDays;
      if (!Number.isInteger(trainingDays)) throw new UsageError('--training-days: a whole number of days');
      const cellSize = positive(options.cellSize, '--cell-size');
      const categoryList = categories(options.category);
      const kind = modulation(options.modulation);
      await withDatabase(async (db) => {
        const area = await areaOf(db, options.area);
        const f = await usage(() =>
          forecastCells(db, unrestricted, {
            area,
            asOf,
            horizon,
            model,
            share: flagged,
            categories: categoryList,
            cellSize,
            trainingDays,
            includePoliceInitiated: options.includePoliceInitiated,
            modelOptions: { modulation: kind },
          }),
        );
        if (options.geojson) {
          process.stdout.write(`${JSON.stringify(forecastFeatures(f))}\n`);
          return;
        }
        if (options.json) {
          process.stdout.write(`${JSON.stringify(f, null, 2)}\n`);
          return;
        }
        const lines = [
          `${f.area.name} (${f.area.code}): ${f.model} forecast for the ${f.horizon} from ${f.start} (${f.horizonDays} d)`,
          `Training: ${f.incidents.toLocaleString('en')} located incidents ${f.trainingFrom} to ${f.asOf}; ${f.provenanceNote}`,
          `Modulation: ${f.modulationNote}`,
          ...(f.etas ? [`θ = ${f.etas.theta.toFixed(3)}, 1/ω = ${delayText(f.etas.omega)}`] : []),
          `${f.cells.length} of ${f.cellsInside.toLocaleString('en')} cells of ${f.cellSizeM} m (${(f.share * 100).toFixed(1)} % of the area):`,
          ...f.cells
            .slice(0, 20)
            .map(
              (c) =>
                `  ${String(c.rank).padStart(3)}. cell ${c.cell}  ${c.centre[1].toFixed(5)}, ${c.centre[0].toFixed(5)}  score ${c.score.toFixed(3)}`,
            ),
          ...(f.cells.length > 20 ? [`  … and ${f.cells.length - 20} more (--json or --geojson for all)`] : []),
        ];
        process.stdout.write(`${lines.join('\n')}\n`);
      });
    });
}
