import { sql, type RawBuilder } from 'kysely';
import type { AreaLevel } from '../domain/area.js';

export interface AreaRef {
  id: number;
  level: AreaLevel;
}

/**
 * What a caller may see: one area and everything inside it, or everything (`area: null`). Every store function
 * that reads incidents or calls takes one, so no query can forget it.
 */
export interface Scope {
  area: AreaRef | null;
}

export const unrestricted: Scope = { area: null };

type Located = 'incident' | 'call_for_service';

const levelColumn: Partial<Record<AreaLevel, string>> = {
  region: 'region_id',
  province: 'province_id',
  city: 'city_id',
  district: 'district_id',
};

/** Records of `table` inside an area: through the level column where the level has one, else the area closure. */
export function inArea(table: Located, area: AreaRef): RawBuilder<boolean> {
  const column = levelColumn[area.level];
  if (column) return sql<boolean>`${sql.ref(`${table}.${column}`)} = ${area.id}`;
  return sql<boolean>`${sql.ref(`${table}.area_id`)} in (select area_id from area_ancestor where ancestor_id = ${area.id})`;
}

/** The scope's condition on `table`, or `true` for an unrestricted scope. */
export function inScope(table: Located, scope: Scope): RawBuilder<boolean> {
  return scope.area === null ? sql<boolean>`true` : inArea(table, scope.area);
}
