import {
  compstatAlpha,
  compstatPeriods,
  compstatTable,
  compstatWindows,
  defaultBaselineYear,
  distinctWindows,
  windowDays,
  type DayWindow,
} from '../analytics/compstat.js';
import { defaultPatternWindow, weekdayHourPattern } from '../analytics/weekday-hour.js';
import { defaultTrendWeeks, trendSpans, trendWeeks, weeklyTrends } from '../analytics/weekly-trends.js';
import type { AreaSummary } from '../contract/common.js';
import type { Compstat, CompstatPatterns, CompstatTrends } from '../contract/compstat.js';
import type { CategoryCode } from '../domain/category.js';
import { addDays, daysBetween, zonedDay } from '../domain/time.js';
import { listAncestors, type AreaRow } from '../store/areas.js';
import { countCompstat, countWeekdayHour, countWeekly, dataSpan } from '../store/compstat.js';
import type { Db } from '../store/db.js';
import type { Scope } from '../store/scope.js';

/** A baseline year that is not before the as-of day's year. */
export class BaselineYearError extends RangeError {}

/** A window of days that cannot be read: its end before its start, or too long. `field` names the bound at fault. */
export class PatternWindowError extends RangeError {
  readonly field: 'from' | 'to';
  constructor(field: 'from' | 'to', message: string) {
    super(message);
    this.field = field;
  }
}

/** The longest window the patterns read: ten years, as the black-spot analyses. */
export const maxPatternDays = 3660;

export interface CompstatRequest {
  area: AreaRow;
  /** The as-of day; default the latest day with data in the area's hierarchy, never after today. */
  asOf?: string;
  /** The long-run comparison year; default the earliest full year with data in the hierarchy, if any. */
  baselineYear?: number;
  now: Date;
}

export interface CompstatContext {
  summary: (area: AreaRow) => AreaSummary;
  /** Whether the figures come from the generated demo. */
  synthetic: boolean;
}

/** The first and last days with data in the area's hierarchy (its root area). */
async function hierarchySpan(db: Db, area: AreaRow) {
  const [root] = await listAncestors(db, area.id);
  return dataSpan(db, root?.id ?? area.id);
}

/** The default as-of day: the latest day with data in the hierarchy, never after today in the area's zone. */
function defaultAsOf(span: { last: string | null }, area: AreaRow, now: Date): string {
  const today = zonedDay(now, area.timeZone);
  return span.last !== null && span.last < today ? span.last : today;
}

/** The CompStat as-of day an area gets by default (`compstatReport`'s), for pages and reports that follow it. */
export async function compstatDefaultAsOf(db: Db, area: AreaRow, now: Date): Promise<string> {
  return defaultAsOf(await hierarchySpan(db, area), area, now);
}

/**
 * The CompStat table of an area (src/analytics/compstat.ts has the rules, docs/compstat.md the reasons): one
 * roll-up query for every window, the table computed from it. The default as-of day and baseline year come from
 * the data of the area's whole hierarchy (its root), as the overview's do, so a district and its city share them.
 */
export async function compstatReport(
  db: Db,
  scope: Scope,
  request: CompstatRequest,
  context: CompstatContext,
): Promise<Compstat> {
  const { area } = request;
  const span = await hierarchySpan(db, area);
  const asOf = request.asOf ?? defaultAsOf(span, area, request.now);
  const year = Number(asOf.slice(0, 4));
  if (request.baselineYear !== undefined && request.baselineYear >= year) {
    throw new BaselineYearError(`baselineYear: ${request.baselineYear} is not before ${year}, the year of asOf`);
  }
  const baselineYear = request.baselineYear ?? defaultBaselineYear(span.first, span.last, asOf);
  const windows = compstatWindows(asOf, baselineYear);
  const counts = await countCompstat(db, scope, area.id, distinctWindows(windows));
  const table = compstatTable({ asOf, baselineYear, population: area.population, counts });
  const withDays = (w: DayWindow) => ({ ...w, days: windowDays(w) });
  const periods = {} as Compstat['periods'];
  for (const period of compstatPeriods) {
    const w = table.windows[period];
    const baseline = w.baseline;
    periods[period] = {
      current: withDays(w.current),
      lastYear: withDays(w.lastYear),
      twoYearsAgo: withDays(w.twoYearsAgo),
      baseline: baseline === null ? null : withDays(baseline),
    };
  }
  return {
    area: context.summary(area),
    asOf,
    baselineYear,
    alpha: compstatAlpha,
    synthetic: context.synthetic,
    periods,
    rows: table.rows,
    total: table.total,
  };
}

export interface PatternsRequest {
  area: AreaRow;
  /** First local day; default 27 days before `to`. */
  from?: string;
  /** Last local day; default 27 days after `from`, else the CompStat default as-of day. */
  to?: string;
  /** One category; default every category. */
  category?: CategoryCode;
  now: Date;
}

/**
 * Incidents of an area by local hour of day × ISO weekday over a window of days (default: the 28 days ending on
 * the CompStat as-of day, the table's 28-day period), with those whose time is known only to the day or the month
 * counted apart. Read from the incidents (the roll-up has no hours), scope applied in SQL.
 */
export async function compstatPatterns(
  db: Db,
  scope: Scope,
  request: PatternsRequest,
  context: CompstatContext,
): Promise<CompstatPatterns> {
  const { area } = request;
  let { from, to } = request;
  if (to === undefined) {
    to = from === undefined ? await compstatDefaultAsOf(db, area, request.now) : addDays(from, 27);
  }
  from ??= defaultPatternWindow(to).from;
  if (to < from) throw new PatternWindowError('to', `to (${to}) is before from (${from})`);
  const days = daysBetween(from, to) + 1;
  if (days > maxPatternDays) throw new PatternWindowError('to', `the window is longer than ${maxPatternDays} days`);
  const category = request.category ?? null;
  const rows = await countWeekdayHour(db, scope, area, { from, to }, category);
  return {
    area: context.summary(area),
    from,
    to,
    days,
    category,
    timeZone: area.timeZone,
    synthetic: context.synthetic,
    ...weekdayHourPattern(rows),
  };
}

export interface TrendsRequest {
  area: AreaRow;
  /** The last day of the last week; default the CompStat default as-of day. */
  asOf?: string;
  /** Weeks ending with the as-of day's, 1 to 52; default 13. */
  weeks?: number;
  /** One category; default every category. */
  category?: CategoryCode;
  now: Date;
}

/**
 * Weekly counts of an area per category and in total: the Monday–Sunday weeks ending with the as-of day's week
 * (the last one partial unless the as-of day is a Sunday), beside the same weekdays 52 weeks earlier
 * (src/analytics/weekly-trends.ts). One roll-up query for both spans.
 */
export async function compstatTrends(
  db: Db,
  scope: Scope,
  request: TrendsRequest,
  context: CompstatContext,
): Promise<CompstatTrends> {
  const { area } = request;
  const asOf = request.asOf ?? (await compstatDefaultAsOf(db, area, request.now));
  const weeks = request.weeks ?? defaultTrendWeeks;
  const spans = trendSpans(trendWeeks(asOf, weeks));
  const category = request.category ?? null;
  const counts = await countWeekly(db, scope, area.id, [spans.current, spans.lastYear], category);
  const trends = weeklyTrends({
    asOf,
    weeks,
    counts: counts.map((c) => ({ ...c, span: c.span === 0 ? ('current' as const) : ('lastYear' as const) })),
  });
  return { area: context.summary(area), asOf, category, synthetic: context.synthetic, ...trends };
}
