import type { Command } from 'commander';
import { BaselineYearError, compstatReport } from '../../analysis/compstat.js';
import type { Compstat } from '../../contract/compstat.js';
import { isIsoDay } from '../../domain/time.js';
import { demoInfo } from '../../ingest/demo.js';
import { areaSummary } from '../../server/area-access.js';
import { findAreaByCode } from '../../store/areas.js';
import { unrestricted } from '../../store/scope.js';
import { UsageError, withDatabase } from '../context.js';

interface Options {
  area?: string;
  asOf?: string;
  baselineYear?: string;
  json?: boolean;
}

type Row = Compstat['total'];
type Cell = Row['days28'];
type Change = Cell['lastYear'];

const periodTitles = { weekToDate: 'Week to date', days28: '28 days', yearToDate: 'Year to date' } as const;

/** A change as the sheet shows it: the percentage, * when the exact test finds it significant, n<10 when withheld. */
function changeText(c: Change | null): string {
  if (c === null) return '';
  const text = c.changePct === null ? 'n<10' : `${c.changePct >= 0 ? '+' : ''}${c.changePct.toFixed(1)}%`;
  return `${text}${c.significant ? '*' : ''}`;
}

const num = (value: number | null, digits = 1) => (value === null ? '–' : value.toFixed(digits));

/** The table as text: one block per period (the column groups), one line per category and the total. */
export function compstatText(report: Compstat): string {
  const range = (w: { from: string; to: string } | null) => (w === null ? '–' : `${w.from}…${w.to}`);
  const base = report.baselineYear;
  const lines = [
    `CompStat — ${report.area.nameFr} (${report.area.code}), as of ${report.asOf}` +
      `${base === null ? ', no baseline year' : `, baseline ${base}`}${report.synthetic ? ' — synthetic demo data' : ''}`,
    `Changes: * significant at ${report.alpha} (exact Poisson test); n<10 when the earlier count is below 10.`,
  ];
  const columns = ['now', 'last yr', 'change', '2 yrs', 'change', base === null ? 'base' : String(base), 'change'];
  for (const period of ['weekToDate', 'days28', 'yearToDate'] as const) {
    const w = report.periods[period];
    lines.push(
      '',
      `${periodTitles[period]}: ${range(w.current)} (${w.current.days} d); last year ${range(w.lastYear)}; ` +
        `two years ${range(w.twoYearsAgo)}${w.baseline === null ? '' : `; baseline ${range(w.baseline)}`}`,
      `${'category'.padEnd(18)}${columns.map((c) => c.padStart(9)).join('')}${'/100k'.padStart(9)}${'cleared'.padStart(9)}`,
    );
    for (const row of [...report.rows, report.total]) {
      const cell: Cell = row[period];
      const values = [
        String(cell.incidents),
        String(cell.lastYear.incidents),
        changeText(cell.lastYear),
        String(cell.twoYearsAgo.incidents),
        changeText(cell.twoYearsAgo),
        cell.baseline === null ? '' : String(cell.baseline.incidents),
        changeText(cell.baseline),
        num(cell.ratePer100k, 2),
        cell.clearancePct === null ? '–' : `${num(cell.clearancePct)}%`,
      ];
      lines.push(`${row.category.padEnd(18)}${values.map((v) => v.padStart(9)).join('')}`);
    }
  }
  return lines.join('\n');
}

export function compstatCommand(program: Command): void {
  program
    .command('compstat')
    .description(
      'CompStat table of an area: week to date, 28 days and year to date by category, against one and two years ' +
        'earlier and a baseline year, with rates per 100,000, clearance and exact Poisson tests',
    )
    // Checked here rather than by commander, so that a missing area is a usage error (exit 2) like the others.
    .option('--area <code>', 'the area (required)')
    .option('--as-of <day>', 'the last day, YYYY-MM-DD (default: the latest day with data)')
    .option('--baseline-year <year>', 'the long-run comparison year (default: the earliest full year with data)')
    .option('--json', 'print the result as JSON (the API’s answer)')
    .action(async (options: Options) => {
      const code = options.area;
      if (code === undefined) throw new UsageError('--area: which area? (an area code, e.g. 06.141.01.0)');
      if (options.asOf !== undefined && !(isIsoDay(options.asOf) && options.asOf >= '1900-01-01')) {
        throw new UsageError(`--as-of: not a calendar day: ${options.asOf}`);
      }
      let baselineYear: number | undefined;
      if (options.baselineYear !== undefined) {
        baselineYear = Number(options.baselineYear);
        if (!/^\d{4}$/.test(options.baselineYear) || baselineYear < 1900) {
          throw new UsageError(`--baseline-year: expected a year from 1900, not ${options.baselineYear}`);
        }
      }
      await withDatabase(async (db) => {
        const area = await findAreaByCode(db, code);
        if (!area) throw new UsageError(`--area: no area with code ${code}`);
        let report: Compstat;
        try {
          report = await compstatReport(
            db,
            unrestricted,
            {
              area,
              now: new Date(),
              ...(options.asOf === undefined ? {} : { asOf: options.asOf }),
              ...(baselineYear === undefined ? {} : { baselineYear }),
            },
            { summary: areaSummary, synthetic: (await demoInfo(db)) !== undefined },
          );
        } catch (error) {
          if (error instanceof BaselineYearError) throw new UsageError(`--baseline-year: ${error.message}`);
          throw error;
        }
        process.stdout.write(options.json ? `${JSON.stringify(report, null, 2)}\n` : `${compstatText(report)}\n`);
      });
    });
}
