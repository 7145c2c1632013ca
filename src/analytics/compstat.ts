/**
 * The CompStat table: for each offence category and the total, the week to date, the last 28 days and the year to
 * date, each against the same period one year, two years and a chosen baseline year earlier. Counts in, table out;
 * the windows to count come from `compstatWindows`. Decisions (docs/compstat.md):
 *
 * - **Alignment.** A period a year earlier is the same calendar dates a year earlier, by the overview's rule
 *   (`comparisonWindows`, `sameDayYearsBefore`): the week to date and the 28 days are the same number of days
 *   ending on the same calendar day a year earlier, the year to date runs from 1 January to that day. Not the same
 *   ISO week: one rule for the three periods (a 28-day window and a year to date have no ISO week to follow), and
 *   the figures agree with the overview's. The cost, a year-earlier week starting on another weekday, is small
 *   against the week-to-week noise of counts.
 * - **29 February** is compared with 28 February: as of 29 February 2024 the 28 days a year earlier end on
 *   28 February 2023 and the year to date runs to 28 February 2023 (59 days against 60). 29 February 2024 itself
 *   falls in last year's periods only for as-of days after 28 February 2025 (the year to date from 1 March 2025,
 *   the 28 days as of 1 to 27 March 2025). The significance test weighs each count by its days.
 * - **Small counts.** `changePct` is null, with `changeNote: 'small_base'`, when the earlier count is below 10
 *   (`percentChange`'s rule); the counts stay. Whether a change is more than chance is the exact Poisson test
 *   (`poissonRateTest`), significant below 0.05.
 * - **Rates** are incidents in the period per 100,000 inhabitants, not annualised; **clearance** is solved over
 *   incidents, as solved today (recent periods have had less time to be solved).
 */
import { ratePer100k } from '../domain/area.js';
import { categoryCodes } from '../domain/category.js';
import { addDays, daysBetween, sameDayYearsBefore } from '../domain/time.js';
import { percentChange } from './compare.js';
import { poissonRateTest } from './poisson-test.js';

export interface DayWindow {
  from: string;
  to: string;
}

export const compstatPeriods = ['weekToDate', 'days28', 'yearToDate'] as const;
export type CompstatPeriod = (typeof compstatPeriods)[number];

export const compstatComparisons = ['lastYear', 'twoYearsAgo', 'baseline'] as const;
export type CompstatComparison = (typeof compstatComparisons)[number];

export interface PeriodWindows {
  current: DayWindow;
  lastYear: DayWindow;
  twoYearsAgo: DayWindow;
  /** The same period in the baseline year, or null without one. */
  baseline: DayWindow | null;
}

/** Significance level of the exact test. */
export const compstatAlpha = 0.05;

/** Day of the week of an ISO day, Monday 1 to Sunday 7. */
export function isoWeekday(day: string): number {
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
  return weekday === 0 ? 7 : weekday;
}

/** Days in a window, both ends included. */
export const windowDays = (w: DayWindow) => daysBetween(w.from, w.to) + 1;

function periodWindow(period: CompstatPeriod, asOf: string, yearsBefore: number): DayWindow {
  const to = yearsBefore === 0 ? asOf : sameDayYearsBefore(asOf, yearsBefore);
  if (period === 'yearToDate') return { from: `${to.slice(0, 4)}-01-01`, to };
  const days = period === 'days28' ? 28 : isoWeekday(asOf);
  return { from: addDays(to, -(days - 1)), to };
}

/**
 * The windows of the table as of a day: the week to date (Monday to `asOf`), the 28 days ending on `asOf` and the
 * year to date, and each of them one year, two years and `asOf`'s year minus `baselineYear` years earlier.
 */
export function compstatWindows(asOf: string, baselineYear: number | null): Record<CompstatPeriod, PeriodWindows> {
  const year = Number(asOf.slice(0, 4));
  if (baselineYear !== null && !(Number.isInteger(baselineYear) && baselineYear < year)) {
    throw new RangeError(`invalid baseline year for ${asOf}: ${baselineYear}`);
  }
  const windows = {} as Record<CompstatPeriod, PeriodWindows>;
  for (const period of compstatPeriods) {
    windows[period] = {
      current: periodWindow(period, asOf, 0),
      lastYear: periodWindow(period, asOf, 1),
      twoYearsAgo: periodWindow(period, asOf, 2),
      baseline: baselineYear === null ? null : periodWindow(period, asOf, year - baselineYear),
    };
  }
  return windows;
}

/** Every distinct window of the table, for one query. */
export function distinctWindows(windows: Record<CompstatPeriod, PeriodWindows>): DayWindow[] {
  const seen = new Map<string, DayWindow>();
  for (const period of compstatPeriods) {
    for (const w of [windows[period].current, ...compstatComparisons.map((c) => windows[period][c])]) {
      if (w) seen.set(`${w.from}/${w.to}`, w);
    }
  }
  return [...seen.values()];
}

/**
 * The baseline year by default: the earliest calendar year the data covers whole (from its first day to its last,
 * `first` and `last` being the first and last days with data), if it ends before `asOf`'s year; else none.
 */
export function defaultBaselineYear(first: string | null, last: string | null, asOf: string): number | null {
  if (first === null || last === null) return null;
  const firstYear = Number(first.slice(0, 4));
  const year = first.slice(5) === '01-01' ? firstYear : firstYear + 1;
  return `${year}-12-31` <= last && year < Number(asOf.slice(0, 4)) ? year : null;
}

/** Incidents and solved ones of a category in a window, as the store counts them. */
export interface WindowCount {
  from: string;
  to: string;
  category: string;
  incidents: number;
  solved: number;
}

export interface CompstatChange {
  incidents: number;
  solved: number;
  clearancePct: number | null;
  /** Change from this period to the current one, in percent; null when this count is below 10. */
  changePct: number | null;
  changeNote: 'small_base' | null;
  /** Exact Poisson test of equal daily rates (two-sided). */
  pValue: number;
  significant: boolean;
}

export interface CompstatCell {
  incidents: number;
  solved: number;
  clearancePct: number | null;
  ratePer100k: number | null;
  lastYear: CompstatChange;
  twoYearsAgo: CompstatChange;
  baseline: CompstatChange | null;
}

export interface CompstatRow {
  /** A category code, or 'total'. */
  category: string;
  weekToDate: CompstatCell;
  days28: CompstatCell;
  yearToDate: CompstatCell;
}

export interface CompstatTable {
  asOf: string;
  baselineYear: number | null;
  windows: Record<CompstatPeriod, PeriodWindows>;
  /** Categories with an incident in any window, in the vocabulary's (ICCS) order, then the total. */
  rows: CompstatRow[];
  total: CompstatRow;
}

const clearance = (incidents: number, solved: number) => (incidents > 0 ? (solved / incidents) * 100 : null);

function change(current: number, currentDays: number, previous: Tally, previousDays: number): CompstatChange {
  const changePct = percentChange(current, previous.incidents);
  const { pValue } = poissonRateTest(current, previous.incidents, currentDays, previousDays);
  return {
    incidents: previous.incidents,
    solved: previous.solved,
    clearancePct: clearance(previous.incidents, previous.solved),
    changePct,
    changeNote: changePct === null ? 'small_base' : null,
    pValue,
    significant: pValue < compstatAlpha,
  };
}

interface Tally {
  incidents: number;
  solved: number;
}

/**
 * The table from the counts of every window (`distinctWindows`) by category. Windows or categories missing from
 * `counts` count zero.
 */
export function compstatTable(input: {
  asOf: string;
  baselineYear: number | null;
  population: number | null;
  counts: readonly WindowCount[];
}): CompstatTable {
  const windows = compstatWindows(input.asOf, input.baselineYear);
  const tallies = new Map<string, Tally>();
  const present = new Set<string>();
  const add = (key: string, c: WindowCount) => {
    const t = tallies.get(key) ?? { incidents: 0, solved: 0 };
    tallies.set(key, { incidents: t.incidents + c.incidents, solved: t.solved + c.solved });
  };
  for (const c of input.counts) {
    if (c.incidents > 0) present.add(c.category);
    add(`${c.category}|${c.from}/${c.to}`, c);
    add(`|${c.from}/${c.to}`, c);
  }
  const tally = (category: string, w: DayWindow): Tally =>
    tallies.get(`${category}|${w.from}/${w.to}`) ?? { incidents: 0, solved: 0 };

  const row = (category: string, key: string): CompstatRow => {
    const cell = (period: CompstatPeriod): CompstatCell => {
      const w = windows[period];
      const now = tally(key, w.current);
      const days = windowDays(w.current);
      const against = (prior: DayWindow) => change(now.incidents, days, tally(key, prior), windowDays(prior));
      return {
        incidents: now.incidents,
        solved: now.solved,
        clearancePct: clearance(now.incidents, now.solved),
        ratePer100k: ratePer100k(now.incidents, input.population),
        lastYear: against(w.lastYear),
        twoYearsAgo: against(w.twoYearsAgo),
        baseline: w.baseline === null ? null : against(w.baseline),
      };
    };
    return { category, weekToDate: cell('weekToDate'), days28: cell('days28'), yearToDate: cell('yearToDate') };
  };

  const order = (code: string) => {
    const i = (categoryCodes as readonly string[]).indexOf(code);
    return i < 0 ? categoryCodes.length : i;
  };
  const categories = [...present].sort((a, b) => order(a) - order(b) || a.localeCompare(b));
  return {
    asOf: input.asOf,
    baselineYear: input.baselineYear,
    windows,
    rows: categories.map((c) => row(c, c)),
    total: row('total', ''),
  };
}
