import type { Command } from 'commander';
import {
  blackSpotFeatures,
  blackSpotReport,
  classifyFeatures,
  classifyReport,
  knoxReport,
  gistarFeatures,
  gistarReport,
  kdeFeatures,
  kdeReport,
} from '../../analysis/hotspot-reports.js';
import {
  loadStudy,
  NoBoundaryError,
  TooFewPeriodsError,
  TooManyEventsError,
  TooManyH3CellsError,
} from '../../analysis/hotspots.js';
import { categoryCodes } from '../../domain/category.js';
import { isIsoDay } from '../../domain/time.js';
import { GridTooLargeError } from '../../geo/study-grid.js';
import { areaSummary } from '../../server/area-access.js';
import { findAreaByCode } from '../../store/areas.js';
import { unrestricted } from '../../store/scope.js';
import { UsageError, withDatabase } from '../context.js';

const methods = ['kde', 'gistar', 'classify', 'knox', 'blackspots'] as const;
const kernels = ['quartic', 'gaussian', 'epanechnikov', 'triangular', 'uniform'] as const;

interface Options {
  area: string;
  from: string;
  to: string;
  method: string;
  category?: string[];
  cellSize?: string;
  kernel: string;
  bandwidth?: string;
  h3?: string;
  weights?: string;
  neighbours: string;
  distance?: string;
  adjust: string;
  confidence: string;
  period: string;
  scheme: string;
  spaceBands: string;
  timeBands: string;
  permutations: string;
  seed: string;
  json?: boolean;
  geojson?: boolean;
}

function positive(value: string | undefined, option: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) {
    throw new UsageError(`${option}: expected a positive number of metres, not ${value}`);
  }
  return n;
}

function oneOf<T extends string>(value: string, allowed: readonly T[], option: string): T {
  if (!(allowed as readonly string[]).includes(value)) {
    throw new UsageError(`${option}: expected one of ${allowed.join(', ')}`);
  }
  return value as T;
}

const percent = (share: number) => `${(share * 100).toFixed(1)} %`;

export function hotspotsCommand(program: Command): void {
  program
    .command('hotspots')
    .description(
      'Black spots of an area: kernel density (kde), Getis-Ord Gi* hot spots (gistar), hot spots over time ' +
        '(classify), near repeats (knox), or the black-spot list (blackspots: touching hot cells merged, ranked ' +
        'per district)',
    )
    .requiredOption('--area <code>', 'the area (its boundary, or its parts’ boundaries, bounds the grid)')
    .requiredOption('--from <day>', 'first day, YYYY-MM-DD (local to the area)')
    .requiredOption('--to <day>', 'last day, YYYY-MM-DD, inclusive')
    .option('--method <method>', methods.join(' | '), 'blackspots')
    .option('--category <code...>', 'ICCS categories to keep (default all)')
    .option('--cell-size <metres>', 'grid cell side (default a fiftieth of the area’s shorter side, rounded)')
    .option('--kernel <kernel>', `kde: ${kernels.join(', ')}`, 'quartic')
    .option('--bandwidth <metres>', "kde: the kernel's radius (sd for gaussian); default Scott's rule")
    .option('--weights <list>', 'kde: a weight per category, e.g. homicide:10,robbery:3 (others weigh 1)')
    .option('--h3 <resolution>', 'kde: also give the density on H3 cells of this resolution (5 to 11)')
    .option('--neighbours <kind>', 'gistar/blackspots: queen or band', 'queen')
    .option('--distance <metres>', 'gistar/blackspots: the distance band (default 1.5 cells)')
    .option('--adjust <method>', 'gistar/blackspots: p-value adjustment none, holm or bh', 'bh')
    .option('--confidence <percent>', 'blackspots: 90, 95 or 99', '95')
    .option('--period <unit>', 'classify/blackspots: week or month, the time step', 'month')
    .option('--scheme <scheme>', 'classify: sfhotspot or ehsa (ArcGIS Emerging Hot Spot Analysis)', 'sfhotspot')
    .option('--space-bands <metres>', 'knox: upper edges of the distance bands, comma-separated', '100,200,300,400')
    .option('--time-bands <days>', 'knox: upper edges of the time bands, comma-separated', '7,14,21,28')
    .option('--permutations <n>', 'knox: Monte-Carlo permutations (19 to 999)', '99')
    .option('--seed <n>', 'knox: the permutations’ seed', '1')
    .option('--json', 'print the result as JSON (the API’s answer)')
    .option('--geojson', 'print the result as a GeoJSON FeatureCollection')
    .action(async (options: Options) => {
      const method = oneOf(options.method, methods, '--method');
      for (const [day, option] of [
        [options.from, '--from'],
        [options.to, '--to'],
      ] as const) {
        if (!isIsoDay(day)) throw new UsageError(`${option}: not a calendar day: ${day}`);
      }
      if (options.to < options.from) throw new UsageError('--to is before --from');
      for (const category of options.category ?? []) oneOf(category, categoryCodes, '--category');
      const kernel = oneOf(options.kernel, kernels, '--kernel');
      const gistar = {
        neighbours: oneOf(options.neighbours, ['queen', 'band'] as const, '--neighbours'),
        distance: positive(options.distance, '--distance'),
        adjust: oneOf(options.adjust, ['none', 'holm', 'bh'] as const, '--adjust'),
      };
      const confidence = Number(oneOf(options.confidence, ['90', '95', '99'] as const, '--confidence')) as 90 | 95 | 99;
      const period = oneOf(options.period, ['week', 'month'] as const, '--period');
      const cellSize = positive(options.cellSize, '--cell-size');
      let weights: Record<string, number> | undefined;
      if (options.weights !== undefined) {
        weights = {};
        for (const pair of options.weights.split(',')) {
          const [code = '', value = ''] = pair.split(':');
          oneOf(code, categoryCodes, '--weights');
          const weight = Number(value);
          if (!(weight >= 0) || value === '') throw new UsageError(`--weights: not a weight for ${code}: ${value}`);
          weights[code] = weight;
        }
      }
      const h3Resolution = options.h3 === undefined ? undefined : Number(options.h3);
      if (h3Resolution !== undefined && !(Number.isInteger(h3Resolution) && h3Resolution >= 5 && h3Resolution <= 11)) {
        throw new UsageError('--h3: a resolution from 5 to 11');
      }
      const scheme = oneOf(options.scheme, ['sfhotspot', 'ehsa'] as const, '--scheme');
      const bands = (value: string, option: string) => {
        const list = value.split(',').map(Number);
        if (list.some((n, i) => !(n >= 0) || (i > 0 && n <= (list[i - 1] as number)))) {
          throw new UsageError(`${option}: expected increasing numbers separated by commas, not ${value}`);
        }
        return list;
      };
      const knox = {
        spatialEdgesM: bands(options.spaceBands, '--space-bands'),
        temporalEdgesDays: bands(options.timeBands, '--time-bands'),
        permutations: Number(options.permutations),
        seed: Number(options.seed),
      };
      if (!Number.isInteger(knox.permutations) || knox.permutations < 19 || knox.permutations > 999) {
        throw new UsageError('--permutations: an integer from 19 to 999');
      }
      if (!Number.isInteger(knox.seed) || knox.seed < 0) throw new UsageError('--seed: a non-negative integer');
      const categories = options.category ?? [];
      await withDatabase(async (db) => {
        const area = await findAreaByCode(db, options.area);
        if (!area) throw new UsageError(`--area: no area with code ${options.area}`);
        let study;
        try {
          study = await loadStudy(db, unrestricted, { area, from: options.from, to: options.to, categories, cellSize });
        } catch (error) {
          if (error instanceof GridTooLargeError || error instanceof NoBoundaryError) {
            throw new UsageError(error.message);
          }
          throw error;
        }
        const print = (value: unknown) =>
          process.stdout.write(`${JSON.stringify(value, null, options.geojson ? 0 : 2)}\n`);
        const header = [
          `${area.nameFr} (${area.code}), ${options.from} to ${options.to}${study.points.synthetic > 0 ? ' — synthetic demo data' : ''}`,
          `${study.total.toLocaleString('en')} located incidents on ${study.grid.cellsInside.toLocaleString('en')} cells of ${study.grid.cellSize} m` +
            (study.points.withoutPoint > 0 ? ` (${study.points.withoutPoint} without a location left out)` : ''),
        ];
        if (method === 'kde') {
          let report;
          try {
            report = kdeReport(
              study,
              { kernel, bandwidth: positive(options.bandwidth, '--bandwidth'), weights, h3Resolution },
              areaSummary,
              categories,
            );
          } catch (error) {
            if (error instanceof TooManyH3CellsError) throw new UsageError(error.message);
            throw error;
          }
          if (options.geojson) return print(kdeFeatures(study, report));
          if (options.json) return print(report);
          const b = report.bandwidth;
          const lines = [
            ...header,
            `Kernel ${kernel}, bandwidth ${b ? `${b.metres.toFixed(0)} m (${b.meaning}, ${b.rule === 'scott' ? "Scott's rule" : 'given'})` : 'none: too few points'}`,
            `Densest cell: ${report.peakPerCell.toFixed(2)} expected incidents`,
          ];
          if (report.h3) {
            const top = [...report.h3.cells].sort((a, b) => b.expected - a.expected).slice(0, 5);
            lines.push(
              `On ${report.h3.cells.length.toLocaleString('en')} H3 cells of resolution ${report.h3.resolution}; the densest:`,
              ...top.map((c) => `  ${c.cell}  ${c.expected.toFixed(2)} expected incidents`),
            );
          }
          process.stdout.write(`${lines.join('\n')}\n`);
          return;
        }
        if (method === 'gistar') {
          const report = gistarReport(study, gistar, areaSummary, categories);
          if (options.geojson) return print(gistarFeatures(study, report));
          if (options.json) return print(report);
          const bins = report.bins;
          const lines = [
            ...header,
            `Gi* with ${report.neighbours} neighbours${report.distance === null ? '' : ` within ${report.distance} m`}, p adjusted: ${report.adjust}`,
            `Hot cells: ${bins['3']} at 99 %, ${bins['2']} at 95 %, ${bins['1']} at 90 %`,
            `Cold cells: ${bins['-3']} at 99 %, ${bins['-2']} at 95 %, ${bins['-1']} at 90 %`,
          ];
          process.stdout.write(`${lines.join('\n')}\n`);
          return;
        }
        if (method === 'classify') {
          let report;
          try {
            report = classifyReport(study, { ...gistar, period, scheme }, areaSummary, categories);
          } catch (error) {
            if (error instanceof TooFewPeriodsError) throw new UsageError(error.message);
            throw error;
          }
          if (options.geojson) return print(classifyFeatures(study, report));
          if (options.json) return print(report);
          const lines = [
            ...header,
            `Classes over ${report.periods.length} ${period}s (${scheme === 'sfhotspot' ? 'sfhotspot' : 'Emerging Hot Spot Analysis'}), cells:`,
            ...Object.entries(report.classes)
              .filter(([, n]) => n > 0)
              .map(([label, n]) => `  ${label.padEnd(24)} ${String(n).padStart(7)}`),
          ];
          process.stdout.write(`${lines.join('\n')}\n`);
          return;
        }
        if (method === 'knox') {
          if (options.geojson) throw new UsageError('--geojson: the Knox table has no geometry; use --json');
          let report;
          try {
            report = knoxReport(study, knox, areaSummary, categories);
          } catch (error) {
            if (error instanceof TooManyEventsError) throw new UsageError(error.message);
            throw error;
          }
          if (options.json) return print(report);
          const band = (b: { from: number; to: number | null }, unit: string) =>
            b.to === null ? `> ${b.from} ${unit}` : `${b.from}–${b.to} ${unit}`;
          const lines = [
            ...header,
            `Knox: ${report.events.toLocaleString('en')} incidents, ${report.pairs.toLocaleString('en')} pairs, ${report.permutations} permutations` +
              (report.monthOnly > 0 ? ` (${report.monthOnly} known only to the month left out)` : ''),
            'observed / expected (Knox ratio, p) — rows: distance, columns: time',
            `${''.padEnd(14)}${report.temporalBands.map((b) => band(b, 'd').padStart(24)).join(' ')}`,
            ...report.spatialBands.map(
              (b, i) =>
                band(b, 'm').padEnd(14) +
                report.temporalBands
                  .map((_, j) => {
                    const o = report.observed[i]?.[j] ?? 0;
                    const e = report.expected[i]?.[j] ?? 0;
                    const r = report.ratio[i]?.[j];
                    const p = report.p[i]?.[j];
                    return `${o}/${e.toFixed(1)} (${r === null || r === undefined ? '–' : r.toFixed(2)}, ${p === null || p === undefined ? '–' : p.toFixed(2)})`.padStart(
                      24,
                    );
                  })
                  .join(' '),
            ),
          ];
          process.stdout.write(`${lines.join('\n')}\n`);
          return;
        }
        const report = await blackSpotReport(db, study, { ...gistar, confidence, period }, areaSummary, categories);
        if (options.geojson) return print(blackSpotFeatures(report));
        if (options.json) return print(report);
        const lines = [...header, `Black spots: hot cells at ${confidence} % merged where they touch`];
        if (report.spots.length === 0) lines.push('No black spot.');
        else {
          lines.push('rank  district        incidents  share    km²     PAI   hot for');
          for (const spot of report.spots) {
            lines.push(
              `${String(spot.rank).padStart(4)}  ${(spot.district?.code ?? '—').padEnd(14)} ${String(spot.incidents).padStart(9)}  ${percent(spot.share).padStart(7)} ${spot.areaKm2.toFixed(2).padStart(7)} ${spot.pai.toFixed(1).padStart(6)}   ${spot.hotPeriods} of ${spot.periods} ${period}s`,
            );
          }
        }
        process.stdout.write(`${lines.join('\n')}\n`);
      });
    });
}
