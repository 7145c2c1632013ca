import { sql } from 'kysely';
import type { AreaLevel } from '../domain/area.js';
import type { Db } from './db.js';

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
