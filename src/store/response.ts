import { sql } from 'kysely';
import type { DurationStats, ResponseCounts, ResponseStandards } from '../analytics/response-times.js';
import { callPriorities, type CallPriority } from '../domain/call.js';
import type { Db } from './db.js';
import { inArea, inScope, type AreaRef, type Scope } from './scope.js';

/** Local days, both ends included, in the zone of each record's area. */
export interface DayWindow {
  from: string;
  to: string;
}

export const responseGroupings = ['total', 'priority', 'callType', 'hour', 'week'] as const;
export type ResponseGrouping = (typeof responseGroupings)[number];

/**
 * One group's counts and durations. `key` is the priority ('1'…'4'), the call type, the local hour ('0'…'23') or
 * the Monday of the local week ('2026-11-02'); null for the total.
 */
export interface ResponseGroupRow extends ResponseCounts {
  grouping: ResponseGrouping;
  key: string | null;
}

export interface ResponseQuery {
  area: AreaRef;
  window: DayWindow;
  /** One priority only; null for all. */
  priority: CallPriority | null;
  /** Minutes within which a unit should be on scene, by priority. */
  standards: ResponseStandards;
}

/**
 * Where the response-time figures of an area come from. Today the calls themselves (`responseGroupsFromCalls`);
 * a roll-up of durations per area, day and priority can take its place behind the same function.
 */
export type ResponseSource = (db: Db, scope: Scope, query: ResponseQuery) => Promise<ResponseGroupRow[]>;

interface RawGroup {
  grouping: ResponseGrouping;
  key: string | null;
  calls: number;
  dispatched: number;
  arrived: number;
  closed: number;
  withinStandard: number;
  dispatchN: number;
  dispatchMedian: number | null;
  dispatchP90: number | null;
  arrivalN: number;
  arrivalMedian: number | null;
  arrivalP90: number | null;
  closeN: number;
  closeMedian: number | null;
  closeP90: number | null;
}

const stats = (n: number, median: number | null, p90: number | null): DurationStats => ({
  n,
  medianSeconds: median,
  p90Seconds: p90,
});

/** Seconds from one time to another, as a double (exact to the microsecond the columns hold). */
const secondsFrom = (from: string, to: string) =>
  sql`(extract(epoch from ${sql.ref(to)}) - extract(epoch from ${sql.ref(from)}))::float8`;

/** The median and 90th percentile in PostgreSQL's percentile_cont, as src/analytics/response-times.ts defines them. */
const percentiles = (column: string, name: string) => sql`
  count(${sql.ref(column)}) as ${sql.ref(`${name}_n`)},
  percentile_cont(0.5) within group (order by ${sql.ref(column)}) as ${sql.ref(`${name}_median`)},
  percentile_cont(0.9) within group (order by ${sql.ref(column)}) as ${sql.ref(`${name}_p90`)}`;

/**
 * Response-time figures of the calls received in an area over local days, in one pass over the calls: the total,
 * and per priority, call type, local hour of receipt and local week (Monday to Sunday) of receipt. A call counts on
 * the local day and hour it was received, whatever the day of its dispatch, arrival or close. Durations are
 * seconds from receipt; percentiles ignore the calls missing the time, which are counted instead.
 */
export const responseGroupsFromCalls: ResponseSource = (db, scope, query) =>
  responseGroupsOfCalls(db, scope, query, responseGroupings);

const groupingColumn: Record<ResponseGrouping, string> = {
  total: '',
  priority: 'priority',
  callType: 'call_type',
  hour: 'hour',
  week: 'week',
};

/** The figures of `responseGroupsFromCalls` for some of its groupings only. */
export async function responseGroupsOfCalls(
  db: Db,
  scope: Scope,
  query: ResponseQuery,
  groupings: readonly ResponseGrouping[],
): Promise<ResponseGroupRow[]> {
  const { area, window, priority, standards } = query;
  const sets = sql.raw(groupings.map((g) => `(${groupingColumn[g]})`).join(', '));
  // GROUPING() takes only columns the sets group by: name the grouping of each row from those asked for.
  const grouped = groupings.filter((g) => g !== 'total');
  const whens = sql.raw(grouped.map((g) => `when grouping(${groupingColumn[g]}) = 0 then '${g}'`).join(' '));
  const keys = sql.raw(
    grouped.length === 0 ? 'null::text' : `coalesce(${grouped.map((g) => `${groupingColumn[g]}::text`).join(', ')})`,
  );
  const standardValues = sql.join(callPriorities.map((p) => sql`(${p}::int, ${standards[p] * 60}::float8)`));
  const result = await sql<RawGroup>`
    with located as (
      select call_for_service.priority, call_for_service.call_type, call_for_service.received_at at time zone a.time_zone as local, s.seconds as standard_seconds,
             ${secondsFrom('call_for_service.received_at', 'call_for_service.dispatched_at')} as to_dispatch,
             ${secondsFrom('call_for_service.received_at', 'call_for_service.on_scene_at')} as to_arrival,
             ${secondsFrom('call_for_service.received_at', 'call_for_service.closed_at')} as to_close
        from call_for_service
        join area a on a.id = call_for_service.area_id
        join (values ${standardValues}) as s (priority, seconds) on s.priority = call_for_service.priority
       where ${inArea('call_for_service', area)} and ${inScope('call_for_service', scope)}
         and ${priority === null ? sql`true` : sql`call_for_service.priority = ${priority}`}
         -- A day earlier and later than the window in UTC covers every zone's local days.
         and call_for_service.received_at >= (${window.from}::date - 1)::timestamp at time zone 'UTC'
         and call_for_service.received_at < (${window.to}::date + 2)::timestamp at time zone 'UTC'
    ), calls as (
      select priority, call_type, extract(hour from local)::int as hour, date_trunc('week', local)::date as week,
             standard_seconds, to_dispatch, to_arrival, to_close
        from located
       where local::date between ${window.from}::date and ${window.to}::date
    )
    select case ${whens} else 'total' end as grouping,
           ${keys} as key,
           count(*) as calls,
           count(to_dispatch) as dispatched,
           count(to_arrival) as arrived,
           count(to_close) as closed,
           count(*) filter (where to_arrival <= standard_seconds) as within_standard,
           ${percentiles('to_dispatch', 'dispatch')},
           ${percentiles('to_arrival', 'arrival')},
           ${percentiles('to_close', 'close')}
      from calls
     group by grouping sets (${sets})
  `.execute(db);
  return result.rows.map((r) => ({
    grouping: r.grouping,
    key: r.key,
    calls: r.calls,
    dispatched: r.dispatched,
    arrived: r.arrived,
    closed: r.closed,
    withinStandard: r.withinStandard,
    toDispatch: stats(r.dispatchN, r.dispatchMedian, r.dispatchP90),
    toArrival: stats(r.arrivalN, r.arrivalMedian, r.arrivalP90),
    toClose: stats(r.closeN, r.closeMedian, r.closeP90),
  }));
}

export const clearanceGroupings = ['total', 'violent', 'category', 'child'] as const;
export type ClearanceGrouping = (typeof clearanceGroupings)[number];

/** One group's incidents, solved ones and time to solve. `key` is the category or the child area's id. */
export interface ClearanceGroupRow {
  grouping: ClearanceGrouping;
  key: string | null;
  incidents: number;
  solved: number;
  timeToSolve: DurationStats;
}

export interface ClearanceQuery {
  area: AreaRef;
  window: DayWindow;
  /** The categories of the violent headline. */
  violentCategories: readonly string[];
  /** The areas to break the figures down by (the area's children); an incident in none counts in the total only. */
  childIds: readonly number[];
}

interface RawClearance {
  grouping: ClearanceGrouping;
  key: string | null;
  incidents: number;
  solved: number;
  solveN: number;
  solveMedian: number | null;
  solveP90: number | null;
}

/**
 * Clearance of the incidents that occurred in an area over local days: the total, the violent categories together,
 * each category and each child area, in one pass. Solved means a solving time is recorded (as the roll-up counts
 * it); time to solve runs from occurrence. Incidents known only to the month are left out, as from every
 * day-by-day figure.
 */
export async function clearanceGroups(db: Db, scope: Scope, query: ClearanceQuery): Promise<ClearanceGroupRow[]> {
  const { area, window, violentCategories, childIds } = query;
  const violent =
    violentCategories.length === 0
      ? sql`false`
      : sql`incident.category in (${sql.join(violentCategories.map((c) => sql`${c}`))})`;
  // The child holding an incident, by a join (a tree: at most one of the children is its ancestor).
  const childJoin =
    childIds.length === 0
      ? sql``
      : sql`left join area_ancestor child
              on child.area_id = incident.area_id
             and child.ancestor_id in (${sql.join(childIds.map((id) => sql`${id}::int`))})`;
  const child = childIds.length === 0 ? sql`null::int` : sql`child.ancestor_id`;
  const result = await sql<RawClearance>`
    with located as (
      select incident.category, ${violent} as violent, ${child} as child, incident.solved_at,
             incident.occurred_at at time zone a.time_zone as local, ${secondsFrom('incident.occurred_at', 'incident.solved_at')} as to_solve
        from incident
        join area a on a.id = incident.area_id
        ${childJoin}
       where ${inArea('incident', area)} and ${inScope('incident', scope)}
         and incident.occurred_precision <> 'month'
         -- A day earlier and later than the window in UTC covers every zone's local days.
         and incident.occurred_at >= (${window.from}::date - 1)::timestamp at time zone 'UTC'
         and incident.occurred_at < (${window.to}::date + 2)::timestamp at time zone 'UTC'
    ), incidents as (
      select category, violent, child, solved_at, to_solve
        from located
       where local::date between ${window.from}::date and ${window.to}::date
    )
    select case when grouping(category) = 0 then 'category'
                when grouping(violent) = 0 then 'violent'
                when grouping(child) = 0 then 'child'
                else 'total' end as grouping,
           case when grouping(category) = 0 then category
                when grouping(violent) = 0 then violent::text
                when grouping(child) = 0 then child::text end as key,
           count(*) as incidents,
           count(solved_at) as solved,
           ${percentiles('to_solve', 'solve')}
      from incidents
     group by grouping sets ((), (category), (violent), (child))
  `.execute(db);
  return result.rows
    .filter((r) => (r.grouping === 'violent' ? r.key === 'true' : r.grouping !== 'child' || r.key !== null))
    .map((r) => ({
      grouping: r.grouping,
      key: r.grouping === 'violent' ? null : r.key,
      incidents: r.incidents,
      solved: r.solved,
      timeToSolve: stats(r.solveN, r.solveMedian, r.solveP90),
    }));
}
