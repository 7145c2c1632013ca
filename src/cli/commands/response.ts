import type { Command } from 'commander';
import { clearanceReport, parseStandards, responseReport, ResponseWindowError } from '../../analysis/response.js';
import type { ResponseStandards } from '../../analytics/response-times.js';
import type { Clearance, ClearanceReport, ResponseReport, ResponseTimes } from '../../contract/response.js';
import type { CallPriority } from '../../domain/call.js';
import { isIsoDay } from '../../domain/time.js';
import { demoInfo } from '../../ingest/demo.js';
import { areaSummary } from '../../server/area-access.js';
import { findAreaByCode } from '../../store/areas.js';
import { unrestricted } from '../../store/scope.js';
import { UsageError, withDatabase } from '../context.js';

interface Options {
  area?: string;
  from?: string;
  to?: string;
  priority?: string;
  standards?: string;
  exact?: boolean;
  json?: boolean;
}

/** Seconds as minutes with one decimal, or a dash. */
const minutes = (seconds: number | null) => (seconds === null ? '–' : (seconds / 60).toFixed(1));
const days = (seconds: number | null) => (seconds === null ? '–' : (seconds / 86_400).toFixed(1));
const pct = (value: number | null) => (value === null ? '–' : `${value.toFixed(1)}%`);

const columns = [
  'calls',
  'no disp',
  'no arr',
  'open',
  'disp med',
  'disp p90',
  'arr med',
  'arr p90',
  'n arr',
  'close med',
  'in std',
];

function line(label: string, t: ResponseTimes): string {
  const values = [
    String(t.calls),
    String(t.neverDispatched),
    String(t.neverArrived),
    String(t.neverClosed),
    minutes(t.toDispatch.medianSeconds),
    minutes(t.toDispatch.p90Seconds),
    minutes(t.toArrival.medianSeconds),
    minutes(t.toArrival.p90Seconds),
    String(t.toArrival.n),
    minutes(t.toClose.medianSeconds),
    pct(t.withinStandardPct),
  ];
  return `${label.padEnd(18)}${values.map((v) => v.padStart(10)).join('')}`;
}

function clearanceLine(label: string, c: Clearance): string {
  return (
    `${label.padEnd(18)}${String(c.incidents).padStart(10)}${String(c.solved).padStart(10)}` +
    `${pct(c.solvedPct).padStart(10)}${days(c.timeToSolve.medianSeconds).padStart(10)}` +
    `${days(c.timeToSolve.p90Seconds).padStart(10)}`
  );
}

/** The response times and the clearance headline as text tables: times in minutes, time to solve in days. */
export function responseText(report: ResponseReport, clearance: ClearanceReport): string {
  const standards = report.standards.map((s) => `P${s.priority} ${s.minutes} min`).join(', ');
  const header = `${''.padEnd(18)}${columns.map((c) => c.padStart(10)).join('')}`;
  const lines = [
    `Response times — ${report.area.nameFr} (${report.area.code}), calls received ${report.from}…${report.to} ` +
      `(${report.timeZone})${report.priority === null ? '' : `, priority ${report.priority}`}` +
      `${report.synthetic ? ' — synthetic demo data' : ''}`,
    `Minutes from receipt: median and 90th percentile; "in std" = on scene within the standard (${standards}), ` +
      'calls never on scene counted as not within.' +
      (report.source === 'rollup' ? ' Percentiles from the roll-up, within about 2 % (--exact for exact ones).' : ''),
    '',
    header,
    line('all calls', report.summary),
    ...report.byPriority.map((p) => line(`priority ${p.priority}`, p)),
    '',
    ...report.byCallType.map((c) => line(c.callType, c)),
    '',
    ...report.byWeek.map((w) => line(`week ${w.weekStart}`, w)),
    '',
    `Clearance of incidents that occurred ${clearance.from}…${clearance.to} (time to solve in days)`,
    `${''.padEnd(18)}${['incidents', 'solved', 'share', 'solve med', 'solve p90'].map((c) => c.padStart(10)).join('')}`,
    clearanceLine('all', clearance.headline.overall),
    clearanceLine('violent', clearance.headline.violent),
  ];
  return lines.join('\n');
}

function day(value: string | undefined, flag: string): string {
  if (value === undefined) throw new UsageError(`${flag}: which day? (YYYY-MM-DD)`);
  if (!(isIsoDay(value) && value >= '1900-01-01')) throw new UsageError(`${flag}: not a calendar day: ${value}`);
  return value;
}

export function responseCommand(program: Command): void {
  program
    .command('response')
    .description(
      'Response times of calls for service in an area (to dispatch, on scene, closed: median, 90th percentile, ' +
        'calls never dispatched, on scene or closed, share on scene within the standard of each priority) by ' +
        'priority, call type and week, with the clearance headline (share of incidents solved, overall and violent)',
    )
    .option('--area <code>', 'the area (required)')
    .option('--from <day>', 'first local day of receipt, YYYY-MM-DD (required)')
    .option('--to <day>', 'last local day of receipt, YYYY-MM-DD (required)')
    .option('--priority <n>', 'one priority only, 1 (most urgent) to 4')
    .option('--standards <minutes>', 'minutes to be on scene for priorities 1–4 (default 10,20,45,90)')
    .option('--exact', 'percentiles from the calls themselves, not from the roll-up (slower)')
    .option('--json', 'print the result as JSON ({ response, clearance }: the two API answers)')
    .action(async (options: Options) => {
      const code = options.area;
      if (code === undefined) throw new UsageError('--area: which area? (an area code, e.g. 06.141.01.0)');
      const from = day(options.from, '--from');
      const to = day(options.to, '--to');
      let priority: CallPriority | undefined;
      if (options.priority !== undefined) {
        if (!/^[1-4]$/.test(options.priority)) {
          throw new UsageError(`--priority: expected 1, 2, 3 or 4, not ${options.priority}`);
        }
        priority = Number(options.priority) as CallPriority;
      }
      let standards: ResponseStandards | undefined;
      if (options.standards !== undefined) {
        try {
          standards = parseStandards(options.standards);
        } catch (error) {
          throw new UsageError(`--standards: ${(error as Error).message}`);
        }
      }
      await withDatabase(async (db) => {
        const area = await findAreaByCode(db, code);
        if (!area) throw new UsageError(`--area: no area with code ${code}`);
        const context = { summary: areaSummary, synthetic: (await demoInfo(db)) !== undefined };
        try {
          const response = await responseReport(
            db,
            unrestricted,
            { area, from, to, priority, standards, exact: options.exact === true },
            context,
          );
          const clearance = await clearanceReport(db, unrestricted, { area, from, to }, context);
          process.stdout.write(
            options.json
              ? `${JSON.stringify({ response, clearance }, null, 2)}\n`
              : `${responseText(response, clearance)}\n`,
          );
        } catch (error) {
          if (error instanceof ResponseWindowError) throw new UsageError(`--${error.field}: ${error.message}`);
          throw error;
        }
      });
    });
}
