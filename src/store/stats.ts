import { sql } from 'kysely';
import type { Db } from './db.js';
import { inArea, inScope, type AreaRef, type Scope } from './scope.js';

export interface DayWindow {
  from: string;
  to: string;
}

export interface WindowCounts {
  areaId: number;
  current: number;
  previous: number;
  solved: number;
}

export interface CategoryCounts {
  category: string;
  current: number;
  previous: number;
  solved: number;
}

/**
 * Incidents per area in two windows of local days (inclusive), from the daily roll-up only. Areas without
 * incidents are absent.
 */
export async function countByArea(
  db: Db,
  areaIds: readonly number[],
  current: DayWindow,
  previous: DayWindow,
): Promise<WindowCounts[]> {
  if (areaIds.length === 0) return [];
  const result = await sql<WindowCounts>`
    select area_id,
           coalesce(sum(incidents) filter (where day between ${current.from}::date and ${current.to}::date), 0) as current,
           coalesce(sum(incidents) filter (where day between ${previous.from}::date and ${previous.to}::date), 0) as previous,
           coalesce(sum(solved) filter (where day between ${current.from}::date and ${current.to}::date), 0) as solved
      from rollup_daily
     where area_id = any(${sql.val(areaIds)}::int[])
       and (day between ${current.from}::date and ${current.to}::date
            or day between ${previous.from}::date and ${previous.to}::date)
     group by area_id
     -- Deletes leave roll-up rows at zero behind them.
    having sum(incidents) > 0
  `.execute(db);
  return result.rows;
}

/** Incidents per category in one area and two windows, from the daily roll-up only. */
export async function countByCategory(
  db: Db,
  areaId: number,
  current: DayWindow,
  previous: DayWindow,
): Promise<CategoryCounts[]> {
  const result = await sql<CategoryCounts>`
    select category,
           coalesce(sum(incidents) filter (where day between ${current.from}::date and ${current.to}::date), 0) as current,
           coalesce(sum(incidents) filter (where day between ${previous.from}::date and ${previous.to}::date), 0) as previous,
           coalesce(sum(solved) filter (where day between ${current.from}::date and ${current.to}::date), 0) as solved
      from rollup_daily
     where area_id = ${areaId}
       and (day between ${current.from}::date and ${current.to}::date
            or day between ${previous.from}::date and ${previous.to}::date)
     group by category
  `.execute(db);
  return result.rows;
}

/** The latest local day with incidents recorded in an area, or null when it has none. */
export async function lastDayWithData(db: Db, areaId: number): Promise<string | null> {
  // Newest first along the primary key (area, day, category): reads a few rows, not the area's whole history.
  const row = await db
    .selectFrom('rollupDaily')
    .select('day')
    .where('areaId', '=', areaId)
    .where('incidents', '>', 0)
    .orderBy('day', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row?.day ?? null;
}

/**
 * The same counts as `countByArea`, computed from raw incidents instead of the roll-up: what the roll-up saves,
 * measured by the benchmark, and a cross-check for the tests.
 */
export async function countByAreaFromIncidents(
  db: Db,
  areaIds: readonly number[],
  current: DayWindow,
  previous: DayWindow,
): Promise<WindowCounts[]> {
  if (areaIds.length === 0) return [];
  const result = await sql<WindowCounts>`
    with located as (
      select aa.ancestor_id as area_id, (i.occurred_at at time zone a.time_zone)::date as day, i.solved_at
        from incident i
        join area a on a.id = i.area_id
        join area_ancestor aa on aa.area_id = i.area_id
       where aa.ancestor_id = any(${sql.val(areaIds)}::int[])
         and i.occurred_at >= (${previous.from}::date - 1)::timestamp at time zone 'UTC'
    )
    select area_id,
           count(*) filter (where day between ${current.from}::date and ${current.to}::date) as current,
           count(*) filter (where day between ${previous.from}::date and ${previous.to}::date) as previous,
           count(solved_at) filter (where day between ${current.from}::date and ${current.to}::date) as solved
      from located
     where day between ${current.from}::date and ${current.to}::date
        or day between ${previous.from}::date and ${previous.to}::date
     group by area_id
  `.execute(db);
  return result.rows;
}

/** Incidents per H3 cell (decimal index) in an area and a time range, from raw incidents (an area's few weeks). */
export async function countByCell(
  db: Db,
  scope: Scope,
  area: AreaRef,
  resolution: 7 | 8 | 9,
  from: Date,
  to: Date,
): Promise<{ cell: string; count: number }[]> {
  const column = sql.ref(`incident.h3_r${resolution}`);
  const result = await sql<{ cell: string; count: number }>`
    select ${column}::text as cell, count(*) as count
      from incident
     where ${inArea('incident', area)} and ${inScope('incident', scope)}
       and incident.occurred_at >= ${from} and incident.occurred_at < ${to}
       and ${column} is not null
     group by 1
  `.execute(db);
  return result.rows;
}
