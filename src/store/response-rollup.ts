import { sql, type RawBuilder } from 'kysely';
import { histogramStats, type Histogram } from '../analytics/response-histogram.js';
import type { DurationStats, ResponseStandards } from '../analytics/response-times.js';
import { callPriorities, type CallPriority } from '../domain/call.js';
import type { Db } from './db.js';
import { responseBinEdges, responseBinOf } from './migrations/0008-response-rollup.js';
import {
  responseGroupsFromCalls,
  responseGroupsOfCalls,
  type DayWindow,
  type ResponseGroupRow,
  type ResponseGrouping,
  type ResponseQuery,
  type ResponseSource,
} from './response.js';
import type { Scope } from './scope.js';

/**
 * Response-time figures from the response roll-up (migration 0008): counts and shares within standard exact,
 * percentiles estimated from the histograms (src/analytics/response-histogram.ts: within one bin, about 2 %, of
 * `percentile_cont` over the calls).
 */

/** Whether a standard of whole minutes is a bin edge, so that the calls within it are counted exactly. */
export function standardOnEdge(minutes: number): boolean {
  const seconds = minutes * 60;
  return responseBinEdges[responseBinOf(seconds)] === seconds;
}

/** Where a query's figures come from: the roll-up when it can answer exactly, else the calls. */
export type ResponseSourceName = 'rollup' | 'raw';

/**
 * The roll-up answers when every standard is a bin edge and the area lies inside the scope (a scope narrower than
 * the area would need the calls themselves).
 */
export async function responseSourceFor(
  db: Db,
  scope: Scope,
  query: ResponseQuery,
): Promise<{ name: ResponseSourceName; read: ResponseSource }> {
  const raw = { name: 'raw' as const, read: responseGroupsFromCalls };
  if (!callPriorities.every((p) => standardOnEdge(query.standards[p]))) return raw;
  if (scope.area !== null && scope.area.id !== query.area.id) {
    const inside = await db
      .selectFrom('areaAncestor')
      .select('areaId')
      .where('areaId', '=', query.area.id)
      .where('ancestorId', '=', scope.area.id)
      .executeTakeFirst();
    if (!inside) return raw;
  }
  return { name: 'rollup', read: responseGroupsFromRollup };
}

interface RollupGroup {
  key: string | null;
  calls: number;
  dispatched: number;
  arrived: number;
  closed: number;
  withinStandard: number;
  dispatchBins: number[] | null;
  dispatchCounts: number[] | null;
  arrivalBins: number[] | null;
  arrivalCounts: number[] | null;
  closeBins: number[] | null;
  closeCounts: number[] | null;
}

/** The bin of each priority's standard: the calls on scene within it are those of its bin and below. */
const standardBins = (standards: ResponseStandards) =>
  sql.join(callPriorities.map((p) => sql`(${p}::int, ${responseBinOf(standards[p] * 60)}::int)`));

/**
 * One breakdown of an area's calls over local days from a roll-up table: per `key` (an expression over the table's
 * row `t`), the summed counts, the calls within standard and the summed histograms.
 */
async function readGroups(
  db: Db,
  table: 'rollup_response',
  key: RawBuilder<string | null>,
  areaId: number,
  window: DayWindow,
  priority: CallPriority | null,
  standards: ResponseStandards,
): Promise<RollupGroup[]> {
  const unnestKind = (name: string, kind: number) =>
    sql`select ${kind}::int as kind, b, n from unnest(r.${sql.raw(name)}_bins, r.${sql.raw(name)}_counts) u (b, n)`;
  const histogram = (name: string, kind: number) => sql`
    left join (select key, array_agg(bin order by bin) as bins, array_agg(n order by bin) as counts
                 from bins where kind = ${kind}::int group by key) ${sql.raw(name)}
      on coalesce(${sql.raw(name)}.key, '') = coalesce(c.key, '')`;
  const result = await sql<RollupGroup>`
    with r as materialized (
      select ${key} as key, t.calls, t.dispatched, t.arrived, t.closed,
             (select coalesce(sum(n), 0) from unnest(t.arrival_bins, t.arrival_counts) u (b, n) where b <= s.bin)
               as within_standard,
             t.dispatch_bins, t.dispatch_counts, t.arrival_bins, t.arrival_counts, t.close_bins, t.close_counts
        from ${sql.table(table)} t
        join (values ${standardBins(standards)}) as s (priority, bin) on s.priority = t.priority
       where t.area_id = ${areaId} and t.day between ${window.from}::date and ${window.to}::date
         and ${priority === null ? sql`true` : sql`t.priority = ${priority}`}
    ), c as (
      select key, sum(calls)::int as calls, sum(dispatched)::int as dispatched, sum(arrived)::int as arrived,
             sum(closed)::int as closed, sum(within_standard)::int as within_standard
        from r group by key
    ), bins as (
      select r.key, h.kind, h.b as bin, sum(h.n)::int as n
        from r cross join lateral (${unnestKind('dispatch', 0)} union all ${unnestKind('arrival', 1)}
                                   union all ${unnestKind('close', 2)}) h
       group by 1, 2, 3
    )
    select c.key, c.calls, c.dispatched, c.arrived, c.closed, c.within_standard,
           dispatch.bins as dispatch_bins, dispatch.counts as dispatch_counts,
           arrival.bins as arrival_bins, arrival.counts as arrival_counts,
           close.bins as close_bins, close.counts as close_counts
      from c ${histogram('dispatch', 0)} ${histogram('arrival', 1)} ${histogram('close', 2)}
  `.execute(db);
  return result.rows;
}

const histogramOf = (bins: number[] | null, counts: number[] | null): Histogram => ({
  bins: (bins ?? []).map(Number),
  counts: (counts ?? []).map(Number),
});

const toRow = (grouping: ResponseGrouping, g: RollupGroup): ResponseGroupRow => ({
  grouping,
  key: g.key,
  calls: g.calls,
  dispatched: g.dispatched,
  arrived: g.arrived,
  closed: g.closed,
  withinStandard: g.withinStandard,
  toDispatch: histogramStats(responseBinEdges, histogramOf(g.dispatchBins, g.dispatchCounts)),
  toArrival: histogramStats(responseBinEdges, histogramOf(g.arrivalBins, g.arrivalCounts)),
  toClose: histogramStats(responseBinEdges, histogramOf(g.closeBins, g.closeCounts)),
});

/**
 * The figures of `responseGroupsFromCalls`, the total, priorities and weeks read from the roll-up, the local hours
 * and call types (not in the roll-up's key) from the calls. Only for queries `responseSourceFor` gives it
 * (standards on bin edges, the area inside the scope): it applies no scope to the roll-up.
 */
export const responseGroupsFromRollup: ResponseSource = async (db, scope, query) => {
  const { area, window, priority, standards } = query;
  const read = (key: RawBuilder<string | null>) =>
    readGroups(db, 'rollup_response', key, area.id, window, priority, standards);
  const parts: [ResponseGrouping, () => Promise<RollupGroup[]>][] = [
    ['total', () => read(sql`null::text`)],
    ['priority', () => read(sql`t.priority::text`)],
    ['week', () => read(sql`date_trunc('week', t.day::timestamp)::date::text`)],
  ];
  const [groups, fromCalls] = await Promise.all([
    Promise.all(parts.map(([, run]) => run())),
    responseGroupsOfCalls(db, scope, query, ['hour', 'callType']),
  ]);
  return [...parts.flatMap(([grouping], i) => (groups[i] ?? []).map((g) => toRow(grouping, g))), ...fromCalls];
};

/** One row of a response roll-up table, as the tests compare them. */
export interface ResponseRollupRow {
  areaId: number;
  day: string;
  priority: number;
  /** The local hour or the call type, by table; null in `rollup_response`. */
  extra: string | null;
  calls: number;
  dispatched: number;
  arrived: number;
  closed: number;
  toDispatch: Histogram;
  toArrival: Histogram;
  toClose: Histogram;
}

interface StoredRow {
  areaId: number;
  day: string;
  priority: number;
  extra: string | null;
  calls: number;
  dispatched: number;
  arrived: number;
  closed: number;
  dispatchBins: number[];
  dispatchCounts: number[];
  arrivalBins: number[];
  arrivalCounts: number[];
  closeBins: number[];
  closeCounts: number[];
}

/** Every row of a response roll-up table, in key order. */
export async function readResponseRollup(db: Db, table: 'rollup_response'): Promise<ResponseRollupRow[]> {
  const extra = sql`null`;
  const result = await sql<StoredRow>`
    select area_id, day::text as day, priority::int as priority, ${extra} as extra, calls, dispatched, arrived, closed,
           dispatch_bins, dispatch_counts, arrival_bins, arrival_counts, close_bins, close_counts
      from ${sql.table(table)} order by 1, 2, 3, 4
  `.execute(db);
  return result.rows.map((r) => ({
    areaId: r.areaId,
    day: r.day,
    priority: r.priority,
    extra: r.extra,
    calls: r.calls,
    dispatched: r.dispatched,
    arrived: r.arrived,
    closed: r.closed,
    toDispatch: histogramOf(r.dispatchBins, r.dispatchCounts),
    toArrival: histogramOf(r.arrivalBins, r.arrivalCounts),
    toClose: histogramOf(r.closeBins, r.closeCounts),
  }));
}

/** The median and 90th percentile of the time to arrival of one area's calls of one priority. */
export interface AreaPriorityArrival {
  areaId: number;
  priority: number;
  arrival: DurationStats;
}

interface ArrivalHistogramRow {
  areaId: number;
  priority: number;
  bins: number[];
  counts: number[];
}

/**
 * Time to arrival (median, 90th percentile) per area and priority over local days, for many areas at once, from
 * the roll-up: one query summing each area's histograms, percentiles estimated as `responseGroupsFromRollup` does.
 */
export async function arrivalByAreaFromRollup(
  db: Db,
  areaIds: readonly number[],
  window: DayWindow,
): Promise<AreaPriorityArrival[]> {
  if (areaIds.length === 0) return [];
  const result = await sql<ArrivalHistogramRow>`
    with bins as (
      select t.area_id, t.priority::int as priority, u.bin, sum(u.n)::int as n
        from rollup_response t cross join lateral unnest(t.arrival_bins, t.arrival_counts) u (bin, n)
       where t.area_id in (${sql.join(areaIds.map((id) => sql`${id}::int`))})
         and t.day between ${window.from}::date and ${window.to}::date
       group by 1, 2, 3
    )
    select area_id, priority, array_agg(bin order by bin) as bins, array_agg(n order by bin) as counts
      from bins group by 1, 2 order by 1, 2
  `.execute(db);
  return result.rows.map((r) => ({
    areaId: r.areaId,
    priority: r.priority,
    arrival: histogramStats(responseBinEdges, histogramOf(r.bins, r.counts)),
  }));
}

interface ArrivalRow {
  areaId: number;
  priority: number;
  n: number;
  median: number | null;
  p90: number | null;
}

/** The same figures as `arrivalByAreaFromRollup`, exactly, with `percentile_cont` over the calls themselves. */
export async function arrivalByAreaFromCalls(
  db: Db,
  areaIds: readonly number[],
  window: DayWindow,
): Promise<AreaPriorityArrival[]> {
  if (areaIds.length === 0) return [];
  const result = await sql<ArrivalRow>`
    with calls as (
      select aa.ancestor_id as area_id, c.priority::int as priority,
             (extract(epoch from c.on_scene_at) - extract(epoch from c.received_at))::float8 as arrival,
             (c.received_at at time zone a.time_zone)::date as day
        from call_for_service c
        join area a on a.id = c.area_id
        join area_ancestor aa on aa.area_id = c.area_id
       where aa.ancestor_id in (${sql.join(areaIds.map((id) => sql`${id}::int`))})
         and c.on_scene_at is not null
         -- A day earlier and later than the window in UTC covers every zone's local days.
         and c.received_at >= (${window.from}::date - 1)::timestamp at time zone 'UTC'
         and c.received_at < (${window.to}::date + 2)::timestamp at time zone 'UTC'
    )
    select area_id, priority, count(*)::int as n,
           percentile_cont(0.5) within group (order by arrival) as median,
           percentile_cont(0.9) within group (order by arrival) as p90
      from calls
     where day between ${window.from}::date and ${window.to}::date
     group by 1, 2 order by 1, 2
  `.execute(db);
  return result.rows.map((r) => ({
    areaId: r.areaId,
    priority: r.priority,
    arrival: { n: r.n, medianSeconds: r.median, p90Seconds: r.p90 },
  }));
}
