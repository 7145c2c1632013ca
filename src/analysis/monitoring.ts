/**
 * Daily indicators and alerts (docs/compstat.md, "Daily indicators and alerts"): the control chart of an area's
 * daily counts, the 7- and 28-day threshold report, and the scan that stores an alert for each day above its band
 * and publishes the new ones. The rules are in src/analytics/daily-indicators.ts; counts come from the daily
 * roll-up.
 */
import {
  dailyExpectation,
  indicatorDefaults,
  indicatorWindows,
  judgeDay,
  thresholdVerdict,
  type DayWindow,
  type IndicatorInput,
  type IndicatorWindows,
} from '../analytics/daily-indicators.js';
import type { AreaSummary } from '../contract/common.js';
import type { Alert, DailyPoint, DailySeries, ThresholdReport } from '../contract/monitoring.js';
import type { AreaLevel } from '../domain/area.js';
import { categoryCodes } from '../domain/category.js';
import { addDays, daysBetween, sameDayYearsBefore, zonedDay } from '../domain/time.js';
import { listAncestors, type AreaRow } from '../store/areas.js';
import { countCompstat, dataSpan } from '../store/compstat.js';
import type { Db } from '../store/db.js';
import {
  countDaily,
  countWindowsByArea,
  insertAlerts,
  listAlerts,
  listMonitoredAreas,
  type AlertQuery,
  type AlertRow,
  type NewAlert,
} from '../store/monitoring.js';
import { unrestricted, type Scope } from '../store/scope.js';
import type { AlertFeed } from './alert-feed.js';

/**
 * The levels the scan evaluates: the city and every level above it. A district's or a sector's daily counts of one
 * category are mostly 0 or 1, where a band says little and many areas × categories × days raise alerts by chance.
 */
export const monitoredLevels: readonly AreaLevel[] = ['country', 'region', 'province', 'city'];

/** The scan raises no alert where less than one incident a day was expected, for the same reason. */
export const minExpectedForAlert = 1;

/** The longest control chart one request may ask for, in days. */
export const maxSeriesDays = 366;

/** First and last days with data: what history an expectation may read. */
interface Span {
  first: string | null;
  last: string | null;
}

const covers = (span: Span, w: DayWindow) =>
  span.first !== null && span.last !== null && w.from >= span.first && w.to <= span.last;

/** The counts of a day's windows (`indicatorWindows`) that the data covers, as the expectation reads them. */
function indicatorInput(windows: IndicatorWindows, span: Span, count: (w: DayWindow) => number): IndicatorInput {
  return {
    weekdayCounts: windows.weekdays
      .filter((d) => covers(span, { from: d, to: d }))
      .map((d) => count({ from: d, to: d })),
    prior: windows.prior
      .filter((p) => covers(span, p.before) && covers(span, p.season))
      .map((p) => ({
        season: count(p.season),
        seasonDays: daysBetween(p.season.from, p.season.to) + 1,
        before: count(p.before),
        beforeDays: daysBetween(p.before.from, p.before.to) + 1,
      })),
  };
}

async function rootSpan(db: Db, area: AreaRow): Promise<Span> {
  const [root] = await listAncestors(db, area.id);
  return dataSpan(db, root?.id ?? area.id);
}

/** The latest day with data in the area's hierarchy, never after today: the default last day of a report. */
export async function defaultLastDay(db: Db, area: AreaRow, now: Date): Promise<string> {
  const span = await rootSpan(db, area);
  const today = zonedDay(now, area.timeZone);
  return span.last !== null && span.last < today ? span.last : today;
}

export interface DailySeriesRequest {
  area: AreaRow;
  /** A category code, or null for every category. */
  category: string | null;
  from: string;
  to: string;
}

/**
 * The control chart of an area's daily counts: each day's count, its expectation and band, and whether it lies
 * outside. One roll-up read covers the days and the history their expectations need.
 */
export async function dailyIndicatorSeries(
  db: Db,
  scope: Scope,
  request: DailySeriesRequest,
  summary: (area: AreaRow) => AreaSummary,
): Promise<DailySeries> {
  const { area, category, from, to } = request;
  if (to < from) throw new RangeError(`to (${to}) is before from (${from})`);
  const span = await rootSpan(db, area);
  const start = addDays(sameDayYearsBefore(from, indicatorDefaults.seasonYears), -7 * indicatorDefaults.weeks - 1);
  const rows = await countDaily(db, scope, area.id, category, start, to);
  // Cumulative counts from `start`, so that any window's count is one subtraction.
  const length = daysBetween(start, to) + 1;
  const cumulative = new Float64Array(length + 1);
  const daily = new Float64Array(length);
  for (const r of rows) daily[daysBetween(start, r.day)] = r.incidents;
  for (let i = 0; i < length; i++) cumulative[i + 1] = (cumulative[i] ?? 0) + (daily[i] ?? 0);
  const index = (day: string) => Math.min(length, Math.max(0, daysBetween(start, day)));
  const count = (w: DayWindow) => (cumulative[index(w.to) + 1] ?? 0) - (cumulative[index(w.from)] ?? 0);

  const days: DailyPoint[] = [];
  for (let day = from; day <= to; day = addDays(day, 1)) {
    const observed = count({ from: day, to: day });
    const e = dailyExpectation(indicatorInput(indicatorWindows(day), span, count));
    const verdict = e === null ? null : judgeDay(observed, e);
    days.push({
      day,
      count: observed,
      expected: e?.expected ?? null,
      lower: e?.lower ?? null,
      upper: e?.upper ?? null,
      outside: verdict?.outside ?? null,
      score: verdict?.score ?? null,
      seasonalFactor: e?.seasonalFactor ?? null,
    });
  }
  return {
    area: summary(area),
    category: category ?? 'total',
    from,
    to,
    method: {
      weeks: indicatorDefaults.weeks,
      sigmas: indicatorDefaults.sigmas,
      seasonYears: indicatorDefaults.seasonYears,
    },
    days,
  };
}

const order = (code: string) => {
  const i = (categoryCodes as readonly string[]).indexOf(code);
  return i < 0 ? categoryCodes.length : i;
};

/**
 * The threshold report of an area as of a day: for each category and the total, the incidents of the 7 and the
 * 28 days ending on `asOf` against the same windows (same calendar dates) in every earlier year the data covers
 * whole, flagged above the prior years' mean + 2 SD (with two prior years at least).
 */
export async function thresholdReport(
  db: Db,
  scope: Scope,
  request: { area: AreaRow; asOf?: string; now: Date },
  summary: (area: AreaRow) => AreaSummary,
): Promise<ThresholdReport> {
  const { area } = request;
  const span = await rootSpan(db, area);
  const asOf = request.asOf ?? (await defaultLastDay(db, area, request.now));
  const lengths = { days7: 7, days28: 28 } as const;
  type Period = keyof typeof lengths;
  const windowsOf = (period: Period): { year: number; window: DayWindow }[] => {
    const list: { year: number; window: DayWindow }[] = [];
    for (let y = 0; y <= 50; y++) {
      const to = y === 0 ? asOf : sameDayYearsBefore(asOf, y);
      const window = { from: addDays(to, -(lengths[period] - 1)), to };
      if (y > 0 && !(span.first !== null && window.from >= span.first)) break;
      list.push({ year: Number(to.slice(0, 4)), window });
    }
    return list;
  };
  const periods = { days7: windowsOf('days7'), days28: windowsOf('days28') };
  const all = [...periods.days7, ...periods.days28].map((w) => w.window);
  const counts = await countCompstat(db, scope, area.id, all);
  const tally = new Map<string, number>();
  const present = new Set<string>();
  for (const c of counts) {
    if (c.incidents > 0) present.add(c.category);
    for (const key of [`${c.category}|${c.from}/${c.to}`, `|${c.from}/${c.to}`]) {
      tally.set(key, (tally.get(key) ?? 0) + c.incidents);
    }
  }
  const row = (category: string, key: string) => {
    const cell = (period: Period) => {
      const [current, ...prior] = periods[period];
      const of = (w: DayWindow) => tally.get(`${key}|${w.from}/${w.to}`) ?? 0;
      const now = current ? of(current.window) : 0;
      const priorCounts = prior.map((p) => ({ year: p.year, ...p.window, count: of(p.window) }));
      return {
        from: current?.window.from ?? asOf,
        to: asOf,
        current: now,
        prior: priorCounts,
        ...thresholdVerdict(
          now,
          priorCounts.map((p) => p.count),
        ),
      };
    };
    return { category, days7: cell('days7'), days28: cell('days28') };
  };
  const categories = [...present].sort((a, b) => order(a) - order(b) || a.localeCompare(b));
  return { area: summary(area), asOf, rows: categories.map((c) => row(c, c)), total: row('total', '') };
}

/** An alert as the API gives it. */
export function alertJson(row: AlertRow): Alert {
  return {
    id: row.id,
    area: {
      code: row.areaCode,
      level: row.areaLevel,
      nameAr: row.areaNameAr,
      nameFr: row.areaNameFr,
      nameEn: row.areaNameEn ?? row.areaNameFr,
    },
    category: row.category,
    day: row.day,
    kind: row.kind,
    observed: row.observed,
    expected: row.expected,
    upper: row.upper,
    score: row.score,
    createdAt: row.createdAt.toISOString(),
    acknowledgedBy: row.acknowledgedBy,
    acknowledgedAt: row.acknowledgedAt?.toISOString() ?? null,
  };
}

/**
 * The alerts of an area and of the areas inside it, for days from `from` to `to` (both included), inside the
 * scope, the latest day first: what a meeting brief lists.
 */
export async function alertsOfArea(
  db: Db,
  scope: Scope,
  query: { areaId: number; from?: string; to?: string; category?: string; limit?: number },
): Promise<Alert[]> {
  const q: AlertQuery = { areaId: query.areaId };
  if (query.from !== undefined) q.from = query.from;
  if (query.to !== undefined) q.to = query.to;
  if (query.category !== undefined) q.category = query.category;
  if (query.limit !== undefined) q.limit = query.limit;
  return (await listAlerts(db, scope, q)).map(alertJson);
}

export interface ScanRequest {
  day: string;
  /** Only this area and the areas inside it; default every area. */
  withinAreaId?: number | null;
  /** When the alerts are stored (the clock, passed in). */
  now: Date;
}

export interface ScanResult {
  day: string;
  /** Areas evaluated and area × category pairs with an expectation of at least `minExpectedForAlert`. */
  areas: number;
  evaluated: number;
  /** Alerts this scan added (an alert already stored is not raised again). */
  raised: Alert[];
}

/**
 * Evaluates one day for every monitored area (`monitoredLevels`) and category, stores an alert for each count
 * above its upper limit where at least `minExpectedForAlert` was expected, and publishes the new alerts to `feed`
 * once stored. Scanning a day again stores and publishes nothing new for the same excesses.
 */
export async function scanDay(db: Db, request: ScanRequest, feed?: AlertFeed): Promise<ScanResult> {
  const { day } = request;
  const areas = await listMonitoredAreas(db, unrestricted, monitoredLevels, request.withinAreaId ?? null);
  const spans = new Map<number, Span>();
  for (const rootId of new Set(areas.map((a) => a.rootId))) spans.set(rootId, await dataSpan(db, rootId));
  const windows = indicatorWindows(day);
  const list: DayWindow[] = [
    { from: day, to: day },
    ...windows.weekdays.map((d) => ({ from: d, to: d })),
    ...windows.prior.flatMap((p) => [p.season, p.before]),
  ];
  const position = new Map(list.map((w, i) => [`${w.from}/${w.to}`, i]));
  const counts = await countWindowsByArea(
    db,
    areas.map((a) => a.id),
    list,
  );
  const rootOf = new Map(areas.map((a) => [a.id, a.rootId]));
  const alerts: NewAlert[] = [];
  let evaluated = 0;
  for (const row of counts) {
    const span = spans.get(rootOf.get(row.areaId) ?? -1) ?? { first: null, last: null };
    const count = (w: DayWindow) => row.counts[position.get(`${w.from}/${w.to}`) ?? -1] ?? 0;
    const e = dailyExpectation(indicatorInput(windows, span, count));
    if (e === null || e.expected < minExpectedForAlert) continue;
    evaluated++;
    const observed = row.counts[0] ?? 0;
    const verdict = judgeDay(observed, e);
    if (!verdict.excess) continue;
    alerts.push({
      areaId: row.areaId,
      category: row.category,
      day,
      kind: 'daily_excess',
      observed,
      expected: e.expected,
      upper: e.upper,
      score: verdict.score,
      createdAt: request.now,
    });
  }
  const ids = await insertAlerts(db, alerts);
  const stored = ids.length === 0 ? [] : await listAlerts(db, unrestricted, { ids, limit: ids.length });
  feed?.publish(stored.map((r) => ({ areaId: r.areaId, alert: alertJson(r) })));
  return { day, areas: areas.length, evaluated, raised: stored.map(alertJson) };
}

/** `scanDay` for each day from `from` to `to`, in order. */
export async function scanDays(
  db: Db,
  request: Omit<ScanRequest, 'day'> & { from: string; to: string },
  feed?: AlertFeed,
): Promise<ScanResult[]> {
  const results: ScanResult[] = [];
  for (let day = request.from; day <= request.to; day = addDays(day, 1)) {
    results.push(await scanDay(db, { day, withinAreaId: request.withinAreaId ?? null, now: request.now }, feed));
  }
  return results;
}
