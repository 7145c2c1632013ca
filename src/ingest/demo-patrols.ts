import { polygonToCells } from 'h3-js';
import type { AreaGeometry, Position } from '../domain/area.js';
import { patrolUnitCode } from '../domain/patrol-unit.js';
import { shiftHours, shiftStartMinutes } from '../domain/patrol.js';
import { addDays, defaultTimeZone, zonedDay, zonedInstant } from '../domain/time.js';
import { generatePatrols, type PatrolDistrict } from '../synthetic/patrols.js';
import { remotenessOf } from '../synthetic/plan.js';
import { listAreas, loadAreaDirectory } from '../store/areas.js';
import type { Db } from '../store/db.js';
import { deleteIllustrativePatrols, insertPatrolUnits } from '../store/patrol-units.js';

/** The H3 resolution-8 cells whose centres lie in a boundary, in a stable order. */
function cellsOf(geometry: AreaGeometry | null): string[] {
  if (geometry === null) return [];
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  return polygons.flatMap((polygon) => polygonToCells(polygon, 8, true)).sort();
}

const batch = 1000;

/**
 * The demo's patrol units and their shifts over the last four weeks up to `until` (src/synthetic/patrols.ts,
 * docs/synthetic-data.md "Patrols"): each district's station, units in proportion to its residents and fewer in
 * remote cities, marked illustrative; their shifts written to the patrol log as actual time, marked synthetic.
 * Replaces the previous demo's, and nothing else.
 */
export async function seedDemoPatrols(db: Db, until: Date, seed: number): Promise<{ units: number; shifts: number }> {
  await deleteIllustrativePatrols(db);
  const directory = await loadAreaDirectory(db);
  const cities = (await listAreas(db, { level: 'city' })).filter((c) => c.centroid !== null);
  const remoteness = new Map(
    remotenessOf(cities.map((c) => ({ population: c.population ?? 0, centre: c.centroid as Position }))).map((r, i) => [
      (cities[i] as (typeof cities)[number]).id,
      r,
    ]),
  );
  const stations = new Map(
    (
      await db
        .selectFrom('policeUnit')
        .select(['id', 'code', 'areaId'])
        .where('kind', '=', 'district')
        .where('areaId', 'is not', null)
        .execute()
    ).map((s) => [s.areaId as number, s]),
  );
  const districts: PatrolDistrict[] = [];
  for (const area of await listAreas(db, { level: 'district' })) {
    const station = stations.get(area.id);
    const cityId = directory.assignmentFor(area.id).cityId;
    if (!station || cityId === null || !area.population) continue;
    districts.push({
      id: area.id,
      stationCode: station.code,
      population: area.population,
      remoteness: remoteness.get(cityId) ?? 0,
      cells: cellsOf(directory.byId(area.id)?.geometry ?? null),
    });
  }
  districts.sort((a, b) => (a.stationCode < b.stationCode ? -1 : 1));
  const lastDay = zonedDay(until, defaultTimeZone);
  const { units, shifts } = generatePatrols(districts, addDays(lastDay, -1), seed);
  const stationIds = new Map([...stations.values()].map((s) => [s.code, s.id]));
  await insertPatrolUnits(
    db,
    units.map((u) => ({
      code: patrolUnitCode(u.stationCode, u.number),
      stationId: stationIds.get(u.stationCode) as number,
      districtId: u.districtId,
      kind: u.kind,
      status: u.status,
      statusSince: until,
      illustrative: true,
    })),
  );
  const rows = shifts.map((s) => {
    const startedAt = zonedInstant(s.day, shiftStartMinutes[s.shift], defaultTimeZone);
    return {
      unitId: stationIds.get(s.stationCode) as number,
      cell: s.cell,
      districtId: s.districtId,
      startedAt,
      endedAt: new Date(startedAt.getTime() + shiftHours * 3_600_000),
      source: 'actual',
      recordedBy: null,
      synthetic: true,
    };
  });
  for (let i = 0; i < rows.length; i += batch) {
    await db
      .insertInto('patrolLog')
      .values(rows.slice(i, i + batch))
      .execute();
  }
  return { units: units.length, shifts: shifts.length };
}
