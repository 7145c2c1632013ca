import { sql } from 'kysely';
import type { AreaLevel } from '../domain/area.js';
import type { Db } from './db.js';
import { inArea, type AreaRef } from './scope.js';

export interface AreaCategoryCount {
  areaId: number;
  category: string;
  incidents: number;
}

/**
 * Incidents per area of one level and category over local days from–to (inclusive), from the daily roll-up (so
 * every provenance, and nothing but counts). Pairs without incidents are absent.
 */
export async function countByLevelAndCategory(
  db: Db,
  level: AreaLevel,
  from: string,
  to: string,
): Promise<AreaCategoryCount[]> {
  const result = await sql<AreaCategoryCount>`
    select r.area_id, r.category, sum(r.incidents)::int as incidents
      from rollup_daily r
      join area a on a.id = r.area_id
     where a.level = ${level}
       and r.day between ${from}::date and ${to}::date
     group by r.area_id, r.category
    having sum(r.incidents) > 0
  `.execute(db);
  return result.rows;
}

export interface CellCount {
  /** The H3 index at resolution 7, decimal as stored. */
  cell: string;
  incidents: number;
}

/**
 * Incidents per H3 cell of resolution 7 (about 5 km²) inside an area over an interval of time, only the cells
 * holding at least `minIncidents`: what generalised black spots are drawn from. Incidents without a point have no
 * cell and are left out.
 */
export async function countByH3R7(
  db: Db,
  area: AreaRef,
  interval: { from: Date; to: Date },
  minIncidents: number,
): Promise<CellCount[]> {
  const result = await sql<CellCount>`
    select incident.h3_r7::text as cell, count(*)::int as incidents
      from incident
     where ${inArea('incident', area)}
       and incident.h3_r7 is not null
       and incident.occurred_at >= ${interval.from} and incident.occurred_at < ${interval.to}
     group by incident.h3_r7
    having count(*) >= ${minIncidents}
     order by incidents desc, cell
  `.execute(db);
  return result.rows;
}
