import { sql, type RawBuilder } from 'kysely';
import type { ResponseStandards } from '../analytics/response-times.js';
import { callPriorities } from '../domain/call.js';
import type { Db } from './db.js';
import type { DayWindow } from './response.js';
import { inArea, inScope, type AreaRef, type Scope } from './scope.js';

/**
 * Equity: the figures of every area of one level inside a parent, grouped in SQL by the level column each call and
 * incident carries (one pass for all the areas, not one query per area), for the whole window or per local month.
 * The definitions are those of src/store/response.ts: a call counts on the local day it was received, an incident
 * on the local day it occurred; percentiles are PostgreSQL's percentile_cont.
 */

/** The levels compared, each with the column that places a record in one of its areas. */
export const equityLevels = ['province', 'city'] as const;
export type EquityLevel = (typeof equityLevels)[number];

const levelColumn: Record<EquityLevel, string> = { province: 'province_id', city: 'city_id' };

export interface EquityGroupQuery {
  /** The area whose records are read (a region, the country…). */
  parent: AreaRef;
  /** The areas the figures are grouped by; null for the parent's total only. */
  level: EquityLevel | null;
  window: DayWindow;
  /** Group per local month of the window too ('YYYY-MM'), or the whole window at once. */
  byMonth: boolean;
}

/**
 * One group's key: the area of the level (null for the parent's total) and the local month (null for the whole
 * window).
 */
export interface EquityKey {
  areaId: number | null;
  month: string | null;
}

export interface ResponseEquityRow extends EquityKey {
  calls: number;
  withinStandard: number;
  arrivalN: number;
  arrivalMedian: number | null;
  arrivalP90: number | null;
}

export interface ClearanceEquityRow extends EquityKey {
  incidents: number;
  solved: number;
  violent: number;
  violentSolved: number;
}

/** `group by` for the query's keys: per area and for the total, each per month or for the window. */
function grouping(
  level: EquityLevel | null,
  byMonth: boolean,
): { keys: RawBuilder<unknown>; group: RawBuilder<unknown>; isTotal: RawBuilder<unknown> } {
  const month = byMonth ? sql`to_char(local, 'YYYY-MM')` : sql`null::text`;
  const area = level === null ? sql`null::int` : sql.ref(levelColumn[level]);
  return {
    keys: sql`${area} as level_area, ${month} as month`,
    ...groupingSets(level),
  };
}

/** The total per month alone, or each area's too; `is_total` tells them apart. */
const groupingSets = (level: EquityLevel | null) =>
  level === null
    ? { group: sql`month, level_area`, isTotal: sql`true` }
    : { group: sql`grouping sets ((level_area, month), (month))`, isTotal: sql`grouping(level_area) = 1` };

interface RawKey {
  isTotal: boolean;
  levelArea: number | null;
  month: string | null;
}

/** Records in none of the level's areas count in the total only. */
const located = (r: RawKey) => r.isTotal || r.levelArea !== null;

const keyOf = (r: RawKey): EquityKey => ({ areaId: r.isTotal ? null : r.levelArea, month: r.month });

/** The window in UTC, a day wider on both sides, covers every zone's local days. */
const utcWindow = (column: RawBuilder<unknown>, window: DayWindow) => sql`
  ${column} >= (${window.from}::date - 1)::timestamp at time zone 'UTC'
  and ${column} < (${window.to}::date + 2)::timestamp at time zone 'UTC'`;

/**
 * Calls received in the parent over local days, per area of the level (and per local month): calls, those on scene
 * within the standard of their priority, and the median and 90th percentile of the time to arrival on scene over
 * the calls with an arrival. Rows with `areaId` null are the parent's total.
 */
export async function responseEquityGroups(
  db: Db,
  scope: Scope,
  query: EquityGroupQuery & { standards: ResponseStandards },
): Promise<ResponseEquityRow[]> {
  const { parent, window, standards } = query;
  const standardValues = sql.join(callPriorities.map((p) => sql`(${p}::int, ${standards[p] * 60}::float8)`));
  const { keys, group, isTotal } = grouping(query.level, query.byMonth);
  const result = await sql<
    RawKey & {
      calls: number;
      withinStandard: number;
      arrivalN: number;
      arrivalMedian: number | null;
      arrivalP90: number | null;
    }
  >`
    with located as (
      select call_for_service.province_id, call_for_service.city_id,
             call_for_service.received_at at time zone a.time_zone as local, s.seconds as standard_seconds,
             (extract(epoch from call_for_service.on_scene_at) - extract(epoch from call_for_service.received_at))::float8 as to_arrival
        from call_for_service
        join area a on a.id = call_for_service.area_id
        join (values ${standardValues}) as s (priority, seconds) on s.priority = call_for_service.priority
       where ${inArea('call_for_service', parent)} and ${inScope('call_for_service', scope)}
         and ${utcWindow(sql.ref('call_for_service.received_at'), window)}
    ), calls as (
      select ${keys}, standard_seconds, to_arrival
        from located
       where local::date between ${window.from}::date and ${window.to}::date
    )
    select ${isTotal} as is_total, level_area, month,
           count(*) as calls,
           count(*) filter (where to_arrival <= standard_seconds) as within_standard,
           count(to_arrival) as arrival_n,
           percentile_cont(0.5) within group (order by to_arrival) as arrival_median,
           percentile_cont(0.9) within group (order by to_arrival) as arrival_p90
      from calls
     group by ${group}
  `.execute(db);
  return result.rows.filter(located).map((r) => ({
    ...keyOf(r),
    calls: r.calls,
    withinStandard: r.withinStandard,
    arrivalN: r.arrivalN,
    arrivalMedian: r.arrivalMedian,
    arrivalP90: r.arrivalP90,
  }));
}

/**
 * Incidents that occurred in the parent over local days, per area of the level (and per local month): incidents
 * and those solved, overall and in the violent categories. Incidents known only to the month are left out, as
 * from the clearance report.
 */
export async function clearanceEquityGroups(
  db: Db,
  scope: Scope,
  query: EquityGroupQuery & { violentCategories: readonly string[] },
): Promise<ClearanceEquityRow[]> {
  const { parent, window, violentCategories } = query;
  const violent =
    violentCategories.length === 0
      ? sql`false`
      : sql`incident.category in (${sql.join(violentCategories.map((c) => sql`${c}`))})`;
  const { keys, group, isTotal } = grouping(query.level, query.byMonth);
  const result = await sql<
    RawKey & {
      incidents: number;
      solved: number;
      violent: number;
      violentSolved: number;
    }
  >`
    with located as (
      select incident.province_id, incident.city_id, ${violent} as violent, incident.solved_at,
             incident.occurred_at at time zone a.time_zone as local
        from incident
        join area a on a.id = incident.area_id
       where ${inArea('incident', parent)} and ${inScope('incident', scope)}
         and incident.occurred_precision <> 'month'
         and ${utcWindow(sql.ref('incident.occurred_at'), window)}
    ), incidents as (
      select ${keys}, violent, solved_at
        from located
       where local::date between ${window.from}::date and ${window.to}::date
    )
    select ${isTotal} as is_total, level_area, month,
           count(*) as incidents,
           count(solved_at) as solved,
           count(*) filter (where violent) as violent,
           count(solved_at) filter (where violent) as violent_solved
      from incidents
     group by ${group}
  `.execute(db);
  return result.rows.filter(located).map((r) => ({
    ...keyOf(r),
    incidents: r.incidents,
    solved: r.solved,
    violent: r.violent,
    violentSolved: r.violentSolved,
  }));
}

/** A period of instants, `from` included and `to` excluded, under a key ('YYYY-MM' for a month, null for all). */
export interface KeyedRange {
  key: string | null;
  from: Date;
  to: Date;
}

export interface PatrolEquityRow extends EquityKey {
  /** Actual patrol hours, counting only the part of each entry inside the period. */
  hours: number;
  /** Log entries overlapping the period. */
  entries: number;
}

/**
 * Actual patrol hours logged in the districts of the parent, per area of the level that holds the district, over
 * each of the periods given (the window, or its months). Rows with `areaId` null are the parent's total.
 */
export async function patrolEquityGroups(
  db: Db,
  query: { parent: AreaRef; level: EquityLevel | null; periods: readonly KeyedRange[] },
): Promise<PatrolEquityRow[]> {
  const { parent, level, periods } = query;
  if (periods.length === 0) return [];
  const values = sql.join(
    periods.map((p) => sql`(${p.key}::text, ${p.from.toISOString()}::timestamptz, ${p.to.toISOString()}::timestamptz)`),
  );
  const levelJoin =
    level === null
      ? sql``
      : sql`join area_ancestor holder on holder.area_id = p.district_id
            join area held on held.id = holder.ancestor_id and held.level = ${level}`;
  const { group, isTotal } = groupingSets(level);
  const result = await sql<RawKey & { hours: number; entries: number }>`
    with entries as (
      select ${level === null ? sql`null::int` : sql`held.id`} as level_area, period.key as month,
             extract(epoch from least(p.ended_at, period.until) - greatest(p.started_at, period.since))::float8 / 3600 as hours
        from patrol_log p
        join (values ${values}) as period (key, since, until)
          on p.started_at < period.until and p.ended_at > period.since
        ${levelJoin}
       where p.district_id in (select area_id from area_ancestor where ancestor_id = ${parent.id})
         and p.source = 'actual'
    )
    select ${isTotal} as is_total, level_area, month,
           coalesce(sum(hours), 0)::float8 as hours, count(*)::int as entries
      from entries
     group by ${group}
  `.execute(db);
  return result.rows.filter(located).map((r) => ({ ...keyOf(r), hours: r.hours, entries: r.entries }));
}
