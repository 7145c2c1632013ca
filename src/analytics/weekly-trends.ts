/**
 * Weekly trends for CompStat's charts: per category and in total, incidents in each Monday–Sunday week of the
 * N weeks ending with the as-of day's week, beside the same weeks a year earlier. Counts in, series out.
 *
 * - **Weeks** run Monday to Sunday; the last one ends on the as-of day, so it may be partial (`partial`, `days`).
 * - **A year earlier** is 52 weeks (364 days) earlier: the same weekdays, so each earlier week is a Monday–Sunday
 *   week too and a partial week is compared with the same weekdays. (The CompStat table compares the same
 *   calendar dates instead, which a chart of weeks cannot follow: those windows would start on other weekdays.)
 *   The earlier week lies one or two calendar days later in the year than the same dates would.
 */
import { categoryCodes } from '../domain/category.js';
import { addDays } from '../domain/time.js';
import { percentChange } from './compare.js';
import { isoWeekday, type DayWindow } from './compstat.js';

/** At most a year of weeks, so that the weeks and those a year earlier never overlap. */
export const maxTrendWeeks = 52;
export const defaultTrendWeeks = 13;
/** How far back "a year earlier" is: 52 weeks. */
export const trendLagDays = 364;

export interface TrendWeek {
  /** The Monday the week starts on. */
  from: string;
  /** Its Sunday, or the as-of day for the last week. */
  to: string;
  days: number;
  partial: boolean;
  /** The same weekdays 52 weeks earlier. */
  lastYear: DayWindow;
}

/** The weeks of a trend, oldest first: `weeks` Monday–Sunday weeks, the last one ending on `asOf`. */
export function trendWeeks(asOf: string, weeks: number): TrendWeek[] {
  if (!(Number.isInteger(weeks) && weeks >= 1 && weeks <= maxTrendWeeks)) {
    throw new RangeError(`invalid number of weeks (1 to ${maxTrendWeeks}): ${weeks}`);
  }
  const lastMonday = addDays(asOf, -(isoWeekday(asOf) - 1));
  return Array.from({ length: weeks }, (_, i) => {
    const from = addDays(lastMonday, -7 * (weeks - 1 - i));
    const last = i === weeks - 1;
    const to = last ? asOf : addDays(from, 6);
    const days = last ? isoWeekday(asOf) : 7;
    return {
      from,
      to,
      days,
      partial: days < 7,
      lastYear: { from: addDays(from, -trendLagDays), to: addDays(to, -trendLagDays) },
    };
  });
}

/** The two spans the weeks cover, the current one and the one a year earlier, for one query. */
export function trendSpans(weeks: readonly TrendWeek[]): { current: DayWindow; lastYear: DayWindow } {
  const first = weeks[0];
  const last = weeks[weeks.length - 1];
  if (!first || !last) throw new RangeError('no weeks');
  return {
    current: { from: first.from, to: last.to },
    lastYear: { from: first.lastYear.from, to: last.lastYear.to },
  };
}

/** Incidents of a category in one week of a span, weeks counted from the span's first day (0 the first). */
export interface WeekCount {
  span: 'current' | 'lastYear';
  week: number;
  category: string;
  incidents: number;
}

export interface TrendSeries {
  /** A category code, or 'total'. */
  category: string;
  /** Incidents in each week, oldest first. */
  current: number[];
  /** The same weeks a year earlier. */
  lastYear: number[];
  currentTotal: number;
  lastYearTotal: number;
  /** Change over the whole span, in percent; null when the earlier count is below 10 (`percentChange`). */
  changePct: number | null;
}

export interface WeeklyTrends {
  weeks: TrendWeek[];
  /** Categories with an incident in any week of either span, in the vocabulary's (ICCS) order. */
  rows: TrendSeries[];
  total: TrendSeries;
}

/** The series from the store's weekly counts; weeks or categories missing from `counts` count zero. */
export function weeklyTrends(input: { asOf: string; weeks: number; counts: readonly WeekCount[] }): WeeklyTrends {
  const weeks = trendWeeks(input.asOf, input.weeks);
  const n = weeks.length;
  const series = new Map<string, { current: number[]; lastYear: number[] }>();
  const seriesOf = (key: string) => {
    let s = series.get(key);
    if (!s) {
      s = { current: new Array<number>(n).fill(0), lastYear: new Array<number>(n).fill(0) };
      series.set(key, s);
    }
    return s;
  };
  const total = seriesOf('');
  for (const c of input.counts) {
    if (!(Number.isInteger(c.week) && c.week >= 0 && c.week < n)) throw new RangeError(`invalid week: ${c.week}`);
    if (c.incidents === 0) continue;
    for (const s of [seriesOf(c.category), total]) s[c.span][c.week] = (s[c.span][c.week] ?? 0) + c.incidents;
  }
  const finish = (category: string, s: { current: number[]; lastYear: number[] }): TrendSeries => {
    const currentTotal = s.current.reduce((a, b) => a + b, 0);
    const lastYearTotal = s.lastYear.reduce((a, b) => a + b, 0);
    return { category, ...s, currentTotal, lastYearTotal, changePct: percentChange(currentTotal, lastYearTotal) };
  };
  const order = (code: string) => {
    const i = (categoryCodes as readonly string[]).indexOf(code);
    return i < 0 ? categoryCodes.length : i;
  };
  const categories = [...series.keys()]
    .filter((k) => k !== '')
    .sort((a, b) => order(a) - order(b) || a.localeCompare(b));
  return {
    weeks,
    rows: categories.map((c) => finish(c, seriesOf(c))),
    total: finish('total', total),
  };
}
