import { sql } from 'kysely';
import type { TimePrecision } from '../domain/incident.js';
import { addDays } from '../domain/time.js';
import type { Db } from './db.js';
import { inArea, inScope, type AreaRef, type Scope } from './scope.js';

export interface DayWindow {
  from: string;
  to: string;
}

/** Incidents and solved ones of a category in a window of local days (both ends included). */
export interface WindowCount {
  from: string;
  to: string;
  category: string;
  incidents: number;
  solved: number;
}

export interface AreaWindowCount extends WindowCount {
  areaId: number;
}

/** The windows as a VALUES list (index, first day, last day) to join on. */
function windowValues(windows: readonly DayWindow[]) {
  return sql.join(windows.map((w, i) => sql`(${i}::int, ${w.from}::date, ${w.to}::date)`));
}

/**
 * The roll-up areas a scope may read: the scope's area and every area inside it, or all. An area's roll-up row
 * counts only incidents inside it, so an area in scope shows nothing from outside.
 */
function rollupInScope(scope: Scope) {
  return scope.area === null
    ? sql<boolean>`true`
    : sql<boolean>`r.area_id in (select area_id from area_ancestor where ancestor_id = ${scope.area.id})`;
}

/**
 * Incidents and solved ones per category in each window, for one area, from the daily roll-up in one query
 * (a window × category row for every pair with a roll-up row; empty pairs are absent).
 */
export async function countCompstat(
  db: Db,
  scope: Scope,
  areaId: number,
  windows: readonly DayWindow[],
): Promise<WindowCount[]> {
  if (windows.length === 0) return [];
  const result = await sql<{ win: number; category: string; incidents: number; solved: number }>`
    select w.i as win, r.category, sum(r.incidents) as incidents, sum(r.solved) as solved
      from rollup_daily r
      join (values ${windowValues(windows)}) as w (i, first_day, last_day)
        on r.day between w.first_day and w.last_day
     where r.area_id = ${areaId} and ${rollupInScope(scope)}
     group by 1, 2
  `.execute(db);
  return result.rows.map((r) => ({ ...(windows[r.win] as DayWindow), ...pick(r) }));
}

const pick = (r: { category: string; incidents: number; solved: number }) => ({
  category: r.category,
  incidents: r.incidents,
  solved: r.solved,
});

/** Incidents of one category in one week of a span (weeks counted from the span's first day, 0 the first). */
export interface SpanWeekCount {
  /** The span's index in the list asked for. */
  span: number;
  week: number;
  category: string;
  incidents: number;
}

/**
 * Incidents per category and 7-day week of each span, for one area, from the daily roll-up in one query: the
 * week of a day is its distance from the span's first day, in whole weeks. Empty weeks are absent.
 */
export async function countWeekly(
  db: Db,
  scope: Scope,
  areaId: number,
  spans: readonly DayWindow[],
  category: string | null = null,
): Promise<SpanWeekCount[]> {
  if (spans.length === 0) return [];
  const result = await sql<SpanWeekCount>`
    select w.i as span, (r.day - w.first_day) / 7 as week, r.category, sum(r.incidents) as incidents
      from rollup_daily r
      join (values ${windowValues(spans)}) as w (i, first_day, last_day)
        on r.day between w.first_day and w.last_day
     where r.area_id = ${areaId} and ${rollupInScope(scope)}
       and ${category === null ? sql`true` : sql`r.category = ${category}`}
     group by 1, 2, 3
    having sum(r.incidents) > 0
  `.execute(db);
  return result.rows;
}

/** Incidents of one precision at a local ISO weekday and hour. */
export interface WeekdayHourRow {
  precision: TimePrecision;
  weekday: number;
  hour: number;
  incidents: number;
}

/**
 * Incidents of an area whose local day falls in a window (both ends included), by precision, local ISO weekday
 * (Monday 1) and local hour, read from the incidents themselves (the roll-up has no hours). Local time is the
 * incident's area's zone, as the roll-up's days are; an incident known only to the month counts on the day it is
 * recorded at, its month's first.
 */
export async function countWeekdayHour(
  db: Db,
  scope: Scope,
  area: AreaRef,
  window: DayWindow,
  category: string | null = null,
): Promise<WeekdayHourRow[]> {
  const result = await sql<WeekdayHourRow>`
    with located as (
      select incident.occurred_precision as precision, incident.occurred_at at time zone a.time_zone as local
        from incident
        join area a on a.id = incident.area_id
       where ${inArea('incident', area)} and ${inScope('incident', scope)}
         and ${category === null ? sql`true` : sql`incident.category = ${category}`}
         -- A day earlier and later than the window in UTC covers every zone's local days.
         and incident.occurred_at >= (${window.from}::date - 1)::timestamp at time zone 'UTC'
         and incident.occurred_at < (${window.to}::date + 2)::timestamp at time zone 'UTC'
    )
    select precision, extract(isodow from local)::int as weekday, extract(hour from local)::int as hour,
           count(*) as incidents
      from located
     where local::date between ${window.from}::date and ${window.to}::date
     group by 1, 2, 3
  `.execute(db);
  return result.rows;
}

/** The first and last local days with incidents in an area, or nulls when it has none. */
export async function dataSpan(db: Db, areaId: number): Promise<{ first: string | null; last: string | null }> {
  const result = await sql<{ first: string | null; last: string | null }>`
    select (select day from rollup_daily where area_id = ${areaId} and incidents > 0 order by day limit 1) as first,
           (select day from rollup_daily where area_id = ${areaId} and incidents > 0 order by day desc limit 1) as last
  `.execute(db);
  return result.rows[0] ?? { first: null, last: null };
}

/**
 * The year-to-date values whose signed sum is a window's count: the year to date at its last day, less the year to
 * date the day before its first, plus the whole of every year the window reaches back into (a window over
 * 1 January). Days whose terms cancel (a window from 1 January) are left out.
 */
export function yearToDateTerms(window: DayWindow): Map<string, number> {
  const terms = new Map<string, number>();
  const add = (day: string, sign: number) => {
    const coefficient = (terms.get(day) ?? 0) + sign;
    if (coefficient === 0) terms.delete(day);
    else terms.set(day, coefficient);
  };
  const before = addDays(window.from, -1);
  add(window.to, 1);
  add(before, -1);
  for (let year = Number(before.slice(0, 4)); year < Number(window.to.slice(0, 4)); year++) add(`${year}-12-31`, 1);
  return terms;
}

/**
 * `countCompstat` for every area at once (a national CompStat), from the year-to-date roll-up: each window's count
 * is a signed sum of years to date (`yearToDateTerms`), and a year to date is one row's `before + cum[day]`, so
 * the query reads only the rows of the months holding those days (one per area, category and month) and returns
 * every area and category with one value per day. Empty windows are absent, as from the daily roll-up.
 */
export async function countCompstatAllAreas(
  db: Db,
  scope: Scope,
  windows: readonly DayWindow[],
): Promise<AreaWindowCount[]> {
  if (windows.length === 0) return [];
  const terms = windows.map(yearToDateTerms);
  const days = [...new Set(terms.flatMap((t) => [...t.keys()]))].sort();
  if (days.length === 0) return [];
  const monthOf = (day: string) => `${day.slice(0, 7)}-01`;
  const months = [...new Set(days.map(monthOf))];
  const values = days.map((day, i) => {
    const at = sql`r.month = ${monthOf(day)}::date`;
    const d = sql.lit(Number(day.slice(8, 10)));
    return sql`max(r.before_incidents + r.incidents[${d}]) filter (where ${at}) as ${sql.ref(`c${i}`)},
               max(r.before_solved + r.solved[${d}]) filter (where ${at}) as ${sql.ref(`s${i}`)}`;
  });
  const result = await sql<Record<string, number | null> & { areaId: number; category: string }>`
    select r.area_id, r.category, ${sql.join(values)}
      from rollup_ytd r
     where r.month in (${sql.join(months.map((m) => sql`${m}::date`))}) and ${rollupInScope(scope)}
     group by 1, 2
  `.execute(db);
  const index = new Map(days.map((day, i) => [day, i]));
  const plan = terms.map((t) =>
    [...t].map(([day, coefficient]) => [`c${index.get(day)}`, `s${index.get(day)}`, coefficient] as const),
  );
  const counts: AreaWindowCount[] = [];
  for (const row of result.rows) {
    windows.forEach((w, k) => {
      let incidents = 0;
      let solved = 0;
      for (const [c, s, coefficient] of plan[k] as (readonly [string, string, number])[]) {
        incidents += coefficient * (row[c] ?? 0);
        solved += coefficient * (row[s] ?? 0);
      }
      if (incidents > 0) counts.push({ areaId: row.areaId, ...w, category: row.category, incidents, solved });
    });
  }
  return counts;
}

/**
 * The same counts as `countCompstatAllAreas` from raw incidents (every incident placed in each of its areas on its
 * local day): what the roll-up saves, for the benchmark and as a cross-check. Incidents known only to the month
 * are left out, as the daily roll-up leaves them out.
 */
export async function countCompstatAllAreasFromIncidents(
  db: Db,
  scope: Scope,
  windows: readonly DayWindow[],
): Promise<AreaWindowCount[]> {
  if (windows.length === 0) return [];
  const first = windows.reduce((min, w) => (w.from < min ? w.from : min), windows[0]?.from ?? '');
  const last = windows.reduce((max, w) => (w.to > max ? w.to : max), windows[0]?.to ?? '');
  const result = await sql<{ areaId: number; win: number; category: string; incidents: number; solved: number }>`
    with located as (
      select aa.ancestor_id as area_id, (i.occurred_at at time zone a.time_zone)::date as day, i.category,
             i.solved_at is not null as solved
        from incident i
        join area a on a.id = i.area_id
        join area_ancestor aa on aa.area_id = i.area_id
       where i.occurred_precision <> 'month'
         -- A day earlier and later than the windows in UTC covers every zone's local days.
         and i.occurred_at >= (${first}::date - 1)::timestamp at time zone 'UTC'
         and i.occurred_at < (${last}::date + 2)::timestamp at time zone 'UTC'
    )
    select r.area_id, w.i as win, r.category, count(*) as incidents, count(*) filter (where r.solved) as solved
      from located r
      join (values ${windowValues(windows)}) as w (i, first_day, last_day)
        on r.day between w.first_day and w.last_day
     where ${rollupInScope(scope)}
     group by 1, 2, 3
  `.execute(db);
  return result.rows.map((r) => ({ areaId: r.areaId, ...(windows[r.win] as DayWindow), ...pick(r) }));
}
