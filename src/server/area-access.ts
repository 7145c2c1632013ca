import type { AreaSummary } from '../contract/common.js';
import { findAreaByCode, findAreaById, isWithin, type AreaRow } from '../store/areas.js';
import type { Db } from '../store/db.js';
import type { Scope } from '../store/scope.js';
import { AppError, areaNotFound } from './errors.js';

/** The area with this code if it exists (404) and lies inside the scope (403). */
export async function areaInScope(db: Db, code: string, scope: Scope, field = 'area'): Promise<AreaRow> {
  const area = await findAreaByCode(db, code);
  if (!area) throw new AppError('AREA_NOT_FOUND', 404, `no area with code ${code}`, field);
  if (scope.area !== null && !(await isWithin(db, area.id, scope.area.id))) {
    throw new AppError('OUT_OF_SCOPE', 403, `area ${code} is outside your scope`, field);
  }
  return area;
}

/** The area a request is about: the one named, else the caller's scope, else the country. */
export async function requestedArea(
  db: Db,
  code: string | undefined,
  scope: Scope,
  defaultCode: string,
): Promise<AreaRow> {
  if (code !== undefined) return areaInScope(db, code, scope);
  if (scope.area !== null) {
    const rows = await db.selectFrom('area').select('code').where('id', '=', scope.area.id).execute();
    const own = rows[0];
    if (!own) throw new AppError('OUT_OF_SCOPE', 403, 'your scope area no longer exists');
    return areaInScope(db, own.code, scope);
  }
  const fallback = await findAreaByCode(db, defaultCode);
  if (!fallback) throw areaNotFound(defaultCode);
  return fallback;
}

/** The summary of a user's scope area, or null for a national scope. */
export async function scopeSummary(db: Db, scopeAreaId: number | null): Promise<AreaSummary | null> {
  const area = scopeAreaId === null ? undefined : await findAreaById(db, scopeAreaId);
  return area ? areaSummary(area) : null;
}

export function areaSummary(area: AreaRow): AreaSummary {
  return {
    code: area.code,
    level: area.level,
    kind: area.kind,
    nameAr: area.nameAr,
    nameFr: area.nameFr,
    nameEn: area.nameEn ?? area.nameFr,
    population: area.population,
    synthetic: area.synthetic,
  };
}
