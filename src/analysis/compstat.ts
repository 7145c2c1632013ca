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
import type { AreaSummary } from '../contract/common.js';
import type { Compstat } from '../contract/compstat.js';
import { zonedDay } from '../domain/time.js';
import { listAncestors, type AreaRow } from '../store/areas.js';
import { countCompstat, dataSpan } from '../store/compstat.js';
import type { Db } from '../store/db.js';
import type { Scope } from '../store/scope.js';

/** A baseline year that is not before the as-of day's year. */
export class BaselineYearError extends RangeError {}

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
  const [root] = await listAncestors(db, area.id);
  const span = await dataSpan(db, root?.id ?? area.id);
  const today = zonedDay(request.now, area.timeZone);
  const asOf = request.asOf ?? (span.last !== null && span.last < today ? span.last : today);
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
