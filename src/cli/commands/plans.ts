import type { Command } from 'commander';
import { listPlans } from '../../analysis/plans.js';
import type { Objective, Plan, PlanList } from '../../contract/plans.js';
import { isIsoDay } from '../../domain/time.js';
import { countryCode } from '../../geo/morocco.js';
import { findAreaByCode } from '../../store/areas.js';
import { unrestricted } from '../../store/scope.js';
import { UsageError, withDatabase } from '../context.js';

interface Options {
  area?: string;
  asOf?: string;
  json?: boolean;
}

const statusWords: Record<string, string> = {
  not_started: 'not started',
  on_track: 'on track',
  off_track: 'OFF TRACK',
  achieved: 'achieved',
  missed: 'MISSED',
  no_data: 'no data (no population)',
};

const value = (v: number | null) => (v === null ? '–' : v.toFixed(1));
const signed = (v: number | null) => (v === null ? '–' : `${v >= 0 ? '+' : ''}${v.toFixed(1)}%`);

/** One objective on one line: what is measured, then baseline → now → target, the change and the status. */
function objectiveLine(o: Objective): string {
  const what = `${o.categories.length === 0 ? 'all categories' : o.categories.join('+')} ${o.measure === 'rate' ? 'per 100k' : 'count'}`;
  const window = o.window === 'rolling' ? `${o.windowDays ?? 0} days` : `${o.windowFrom ?? ''}…${o.windowTo ?? ''}`;
  const baseline = o.baseline === 'year_before' ? 'a year before' : `${o.baselineFrom ?? ''}…${o.baselineTo ?? ''}`;
  const head = `${what} in ${o.area.nameFr} (${o.area.code}), ${window} vs ${baseline}, ${signed(o.targetChangePct)} by ${o.deadline}`;
  const p = o.progress;
  if (o.withheld || p === null) return `${head}: figures outside your scope`;
  const share = p.shareOfTarget === null ? '' : `, ${Math.round(p.shareOfTarget * 100)}% of the target`;
  return (
    `${head}: baseline ${value(p.baselineValue)} → now ${value(p.currentValue)} → target ${value(p.targetValue)} ` +
    `(${signed(p.achievedChangePct)}${share}) ${statusWords[p.status] ?? p.status}`
  );
}

function planBlock(plan: Plan): string[] {
  const lines = [
    `[${plan.kind}] #${plan.id} ${plan.title} — ${plan.area.nameFr} (${plan.area.code}), ` +
      `${plan.start}…${plan.end}, ${plan.status}${plan.synthetic ? ', synthetic demo' : ''}`,
  ];
  if (plan.objectives.length === 0) lines.push('  no objectives');
  for (const o of plan.objectives) lines.push(`  objective: ${objectiveLine(o)}`);
  lines.push(`  actions: ${plan.actions.length}, open ${plan.openActions}, late ${plan.lateActions}`);
  for (const a of plan.actions.filter((x) => x.late)) {
    lines.push(`  LATE #${a.id} due ${a.due} (${a.daysLate ?? 0} d late), ${a.ownerUnit.code}: ${a.description}`);
  }
  return lines;
}

/** The plans as text: a block per plan, its objectives' progress and its late actions. */
export function plansText(list: PlanList): string {
  const lines = [`Plans — ${list.area.nameFr} (${list.area.code}), as of ${list.asOf}`];
  if (list.items.length === 0) lines.push('', 'No plan bears on this area.');
  for (const plan of list.items) lines.push('', ...planBlock(plan));
  return lines.join('\n');
}

export function plansCommand(program: Command): void {
  const plans = program
    .command('plans')
    .description('Emergency and strategic plans: objectives measured from the data, actions and their follow-up');

  plans
    .command('list')
    .description(
      'List the plans bearing on an area (its own, those of the areas containing it and of the areas inside it), ' +
        'each objective with its baseline, current and target values and status, and the late actions',
    )
    .option('--area <code>', 'the area (default: the whole country)')
    .option('--as-of <day>', 'the day to measure on, YYYY-MM-DD (default: today)')
    .option('--json', 'print the result as JSON (the API’s answer)')
    .addHelpText(
      'after',
      `
Statuses: on track (at or better than the straight line from the baseline to the target), off track, achieved
or missed (judged on the deadline), not started (a calendar window not yet begun), no data (a rate without a
population). An action is late when it is not done and its due day is past.`,
    )
    .action(async (options: Options) => {
      if (options.asOf !== undefined && !(isIsoDay(options.asOf) && options.asOf >= '1900-01-01')) {
        throw new UsageError(`--as-of: not a calendar day: ${options.asOf}`);
      }
      await withDatabase(async (db) => {
        const code = options.area ?? countryCode;
        const area = await findAreaByCode(db, code);
        if (!area) throw new UsageError(`--area: no area with code ${code}`);
        const list = await listPlans(db, unrestricted, null, {
          area,
          now: new Date(),
          ...(options.asOf === undefined ? {} : { asOf: options.asOf }),
        });
        process.stdout.write(options.json ? `${JSON.stringify(list, null, 2)}\n` : `${plansText(list)}\n`);
      });
    });
}
