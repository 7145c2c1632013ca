import type { Command } from 'commander';
import {
  defaultPatrolRisk,
  fairnessReport,
  patrolRisk,
  patrolRiskSources,
  patrolUnits,
  planPatrols,
  presenceReport,
  type PatrolRiskName,
} from '../../analysis/patrols.js';
import type { FairnessReport, PatrolPlan, PresenceReport } from '../../contract/patrols.js';
import { parseShift } from '../../domain/patrol.js';
import { isIsoDay } from '../../domain/time.js';
import { findAreaByCode } from '../../store/areas.js';
import type { Db } from '../../store/db.js';
import { output, UsageError, withDatabase } from '../context.js';

const num = (value: number | null, digits = 1) => (value === null ? '–' : value.toFixed(digits));
const pct = (value: number | null) => (value === null ? '–' : `${(value * 100).toFixed(1)}%`);

function day(value: string | undefined, option: string): string {
  if (value === undefined || !(isIsoDay(value) && value >= '1900-01-01')) {
    throw new UsageError(`${option}: not a calendar day: ${value ?? ''}`);
  }
  return value;
}

function positive(value: string | undefined, option: string, integer: boolean): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!(Number.isFinite(n) && n >= 0 && (!integer || Number.isInteger(n)))) {
    throw new UsageError(`${option}: not a ${integer ? 'whole ' : ''}number ≥ 0: ${value}`);
  }
  return n;
}

async function area(db: Db, code: string | undefined) {
  if (code === undefined) throw new UsageError('--area: required');
  const found = await findAreaByCode(db, code);
  if (!found) throw new UsageError(`--area: no area with code ${code}`);
  return found;
}

/** The fairness table as text: one line per district. */
export function fairnessText(report: FairnessReport): string {
  const lines = [
    `Patrol fairness — ${report.area.nameFr} (${report.area.code}), ${report.from}…${report.to}: ` +
      `${num(report.patrolHours)} patrol hours, ${report.incidents} incidents`,
    `${'district'.padEnd(16)}${'hours'.padStart(9)}${'h/100k'.padStart(9)}${'incid.'.padStart(8)}` +
      `${'crime'.padStart(8)}${'patrol'.padStart(8)}${'ratio'.padStart(7)}  name`,
  ];
  for (const d of report.districts) {
    lines.push(
      `${d.district.code.padEnd(16)}${num(d.patrolHours).padStart(9)}${num(d.hoursPer100k).padStart(9)}` +
        `${String(d.incidents).padStart(8)}${pct(d.crimeShare).padStart(8)}${pct(d.patrolShare).padStart(8)}` +
        `${num(d.patrolToCrime, 2).padStart(7)}  ${d.district.nameFr}`,
    );
  }
  lines.push('', 'ratio: share of patrol hours ÷ share of incidents (1: patrols follow crime).');
  return lines.join('\n');
}

/** The presence table as text: one line per district. */
export function presenceText(report: PresenceReport): string {
  const lines = [
    `Patrol presence — ${report.area.nameFr} (${report.area.code}), ${report.from}…${report.to} (${report.days} days): ` +
      `${num(report.hours)} patrol hours, ${num(report.hoursPer100k)} per 100,000 residents`,
    `${'district'.padEnd(16)}${'units'.padStart(6)}${'on duty'.padStart(8)}${'hours'.padStart(9)}${'h/100k'.padStart(9)}` +
      `${'morn.'.padStart(7)}${'aft.'.padStart(7)}${'night'.padStart(7)}  name`,
  ];
  for (const d of report.districts) {
    lines.push(
      `${d.district.code.padEnd(16)}${String(d.units).padStart(6)}${String(d.onDuty).padStart(8)}` +
        `${num(d.hours).padStart(9)}${num(d.hoursPer100k).padStart(9)}${num(d.unitsPerShift.morning).padStart(7)}` +
        `${num(d.unitsPerShift.afternoon).padStart(7)}${num(d.unitsPerShift.night).padStart(7)}  ${d.district.nameFr}`,
    );
  }
  lines.push('', 'morn., aft., night: units present on average in each shift (hours ÷ 8 ÷ days).');
  return lines.join('\n');
}

/** The plan as text: the problems first, then each unit's cell and each district's coverage. */
export function planText(plan: PatrolPlan): string {
  const lines = [
    `Patrol plan — ${plan.area.nameFr} (${plan.area.code}), ${plan.shift.day} ${plan.shift.name} ` +
      `(${plan.shift.start} → ${plan.shift.end}), ${plan.units} units, cap ${plan.capHours} h per cell per week`,
    `Risk: ${plan.risk.source}, ${plan.risk.from} → ${plan.risk.to}; rotation discount ${plan.rotationDiscount}`,
  ];
  if (!plan.feasible || plan.problems.length > 0) {
    lines.push('', plan.feasible ? 'Notes:' : 'NOT FEASIBLE:', ...plan.problems.map((p) => `  ${p.message}`));
  }
  lines.push('', `${'unit'.padEnd(6)}${'cell'.padEnd(17)}${'district'.padEnd(16)}${'basis'.padEnd(7)}risk`);
  for (const a of plan.assignments) {
    const rotation = a.streak > 0 ? ` (patrolled ${a.streak} shift${a.streak > 1 ? 's' : ''} running)` : '';
    lines.push(
      `${String(a.slot).padEnd(6)}${a.cell.padEnd(17)}${a.district.padEnd(16)}${a.basis.padEnd(7)}${num(a.risk)}${rotation}`,
    );
  }
  lines.push('', `${'district'.padEnd(16)}${'cells'.padStart(7)}${'floor h'.padStart(9)}${'units'.padStart(7)}`);
  for (const d of plan.districts) {
    lines.push(
      `${d.district.padEnd(16)}${String(d.cells).padStart(7)}${num(d.floorHours).padStart(9)}` +
        `${String(d.units).padStart(7)}${d.floorMet ? '' : `  SHORT ${num(d.shortfallHours)} h`}`,
    );
  }
  return lines.join('\n');
}

interface PeriodOptions {
  area?: string;
  from?: string;
  to?: string;
  json?: boolean;
}

interface PlanOptions {
  area?: string;
  shift?: string;
  units?: string;
  cap?: string;
  floor?: string;
  risk?: string;
  includePoliceInitiated?: boolean;
  json?: boolean;
}

export function patrolsCommand(program: Command): void {
  const patrols = program
    .command('patrols')
    .description('Patrol plans that reach every district, and how patrol time is spread against crime');

  patrols
    .command('fairness')
    .description(
      'Per district of an area over a period: actual patrol hours from the log, per 100,000 residents, the ' +
        'district’s share of incidents and of patrol hours, and their ratio',
    )
    .requiredOption('--area <code>', 'the area')
    .requiredOption('--from <day>', 'first local day, YYYY-MM-DD')
    .requiredOption('--to <day>', 'last local day, YYYY-MM-DD')
    .option('--json', 'print the result as JSON (the API’s answer)')
    .action(async (options: PeriodOptions) => {
      const from = day(options.from, '--from');
      const to = day(options.to, '--to');
      if (to < from) throw new UsageError('--to: before --from');
      await withDatabase(async (db) => {
        const report = await fairnessReport(db, await area(db, options.area), from, to);
        output(options.json ?? false, report, () => fairnessText(report));
      });
    });

  patrols
    .command('presence')
    .description(
      'Per district of an area over a period: its patrol units (on duty now), actual patrol hours by shift, per ' +
        '100,000 residents, and the units present on average per shift',
    )
    .requiredOption('--area <code>', 'the area')
    .requiredOption('--from <day>', 'first local day, YYYY-MM-DD')
    .requiredOption('--to <day>', 'last local day, YYYY-MM-DD')
    .option('--json', 'print the result as JSON (the API’s answer)')
    .action(async (options: PeriodOptions) => {
      const from = day(options.from, '--from');
      const to = day(options.to, '--to');
      if (to < from) throw new UsageError('--to: before --from');
      await withDatabase(async (db) => {
        const report = await presenceReport(db, await area(db, options.area), from, to);
        output(options.json ?? false, report, () => presenceText(report));
      });
    });

  patrols
    .command('units')
    .description('The patrol units based in an area’s districts, with their kind and status')
    .requiredOption('--area <code>', 'the area')
    .option('--json', 'print the result as JSON (the API’s answer)')
    .action(async (options: { area?: string; json?: boolean }) => {
      await withDatabase(async (db) => {
        const list = await patrolUnits(db, await area(db, options.area));
        output(options.json ?? false, list, () =>
          [
            `Patrol units — ${list.area.nameFr} (${list.area.code}): ${list.items.length}; ` +
              Object.entries(list.byStatus)
                .map(([status, n]) => `${status} ${n}`)
                .join(', '),
            ...list.items.map((u) => `${u.code.padEnd(24)}${u.kind.padEnd(12)}${u.status.padEnd(16)}${u.district}`),
          ].join('\n'),
        );
      });
    });

  patrols
    .command('plan')
    .description(
      'Plan one shift: every district gets its floor, no cell goes over the weekly cap, cells patrolled in the ' +
        'last shifts give way to others of near-equal risk, then the highest risk takes the remaining units',
    )
    .requiredOption('--area <code>', 'the area')
    .requiredOption('--shift <day:name>', 'the shift, DAY:morning|afternoon|night (06–14, 14–22, 22–06 local)')
    .option('--units <n>', 'units available for the shift across the area (default: its patrol units on duty now)')
    .option('--cap <hours>', 'patrol hours per cell per week, this shift included (default 24)')
    .option('--floor <hours>', 'patrol hours each district must get in the shift (default 8: one unit)')
    .option('--risk <source>', `${patrolRiskSources.join('|')} (default ${defaultPatrolRisk})`)
    .option('--include-police-initiated', 'let the risk learn from police-initiated records too')
    .option('--json', 'print the result as JSON (the API’s answer)')
    .addHelpText(
      'after',
      `
Risk, per H3 resolution-8 cell: by default the ETAS forecast of incidents in the shift, learned from the 365 days
before it; --risk prospective|kde|naive uses another forecast model, --risk recent the incidents of the 28 days
before the shift; --risk new-year|ramadan|eid-al-fitr|eid-al-adha, for a shift inside that period, the period's
forecast from the same period in the 3 years before. Only citizens' reports and calls for service count, not police-initiated records
(which follow patrols), unless --include-police-initiated. Hours this week and rotation come from the patrol log.`,
    )
    .action(async (options: PlanOptions) => {
      const shift = parseShift(options.shift ?? '');
      if (!shift || shift.day < '1900-01-01') {
        throw new UsageError(`--shift: not DAY:morning|afternoon|night: ${options.shift ?? ''}`);
      }
      const units = positive(options.units, '--units', true);
      const capHours = positive(options.cap, '--cap', false);
      const floorHours = positive(options.floor, '--floor', false);
      const risk = options.risk ?? defaultPatrolRisk;
      if (!(patrolRiskSources as readonly string[]).includes(risk)) {
        throw new UsageError(`--risk: not ${patrolRiskSources.join('|')}: ${risk}`);
      }
      await withDatabase(async (db) => {
        const plan = await planPatrols(db, {
          area: await area(db, options.area),
          shift,
          units,
          ...(capHours === undefined ? {} : { capHours }),
          ...(floorHours === undefined ? {} : { floorHours }),
          risk: patrolRisk(risk as PatrolRiskName, { includePoliceInitiated: options.includePoliceInitiated ?? false }),
        });
        output(options.json ?? false, plan, () => planText(plan));
      });
    });
}
