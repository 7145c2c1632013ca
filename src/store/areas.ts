import { sql } from 'kysely';
import type { AreaGeometry, AreaLevel, AreaRecord } from '../domain/area.js';
import { AreaDirectory, type DirectoryArea } from '../geo/area-directory.js';
import { bboxOf } from '../geo/geometry.js';
import type { Db } from './db.js';

export interface AreaRow {
  id: number;
  code: string;
  level: AreaLevel;
  kind: string;
  parentId: number | null;
  parentCode: string | null;
  nameAr: string;
  nameFr: string;
  nameEn: string | null;
  population: number | null;
  isoCode: string | null;
  synthetic: boolean;
  boundarySource: string;
  timeZone: string;
  centroid: [number, number] | null;
  bbox: [number, number, number, number] | null;
  childCount: number;
}

const batchSize = 200;

/**
 * Adds areas (parents before children, as the builders produce them) with their ancestry, in one transaction.
 * Codes already present are left as they are; returns how many areas were added.
 */
export async function insertAreas(
  db: Db,
  records: readonly AreaRecord[],
  timeZone = 'Africa/Casablanca',
): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const existing = new Map(
      (await trx.selectFrom('area').select(['id', 'code']).execute()).map((r) => [r.code, r.id] as const),
    );
    const fresh = records.filter((r) => !existing.has(r.code));
    for (let start = 0; start < fresh.length; start += batchSize) {
      // Parents come first in `records`, so a batch's parents are known once earlier batches are in.
      const batch = fresh.slice(start, start + batchSize);
      const pending = [...batch];
      while (pending.length > 0) {
        const ready = pending.filter((r) => r.parentCode === null || existing.has(r.parentCode));
        if (ready.length === 0) {
          throw new RangeError(
            `unknown parent area for ${pending.map((r) => `${r.code} (${r.parentCode})`).join(', ')}`,
          );
        }
        const rows = await trx
          .insertInto('area')
          .values(
            ready.map((r) => {
              const box = r.geometry ? bboxOf(r.geometry) : null;
              return {
                code: r.code,
                level: r.level,
                kind: r.kind,
                parentId: r.parentCode === null ? null : (existing.get(r.parentCode) as number),
                nameAr: r.nameAr,
                nameFr: r.nameFr,
                nameEn: r.nameEn,
                population: r.population,
                isoCode: r.isoCode,
                synthetic: r.synthetic,
                boundarySource: r.boundarySource,
                timeZone,
                centroidLon: r.centroid?.[0] ?? null,
                centroidLat: r.centroid?.[1] ?? null,
                minLon: box?.minLon ?? null,
                minLat: box?.minLat ?? null,
                maxLon: box?.maxLon ?? null,
                maxLat: box?.maxLat ?? null,
                boundary: r.geometry ? JSON.stringify(r.geometry) : null,
              };
            }),
          )
          .returning(['id', 'code'])
          .execute();
        for (const row of rows) existing.set(row.code, row.id);
        const done = new Set(ready.map((r) => r.code));
        pending.splice(0, pending.length, ...pending.filter((r) => !done.has(r.code)));
      }
    }
    if (fresh.length > 0) {
      // The closure of the parent relation, rebuilt from scratch: small (areas × depth) and always consistent.
      await sql`delete from area_ancestor`.execute(trx);
      await sql`
        insert into area_ancestor (area_id, ancestor_id, depth)
        with recursive chain (area_id, ancestor_id, depth) as (
          select id, id, 0 from area
          union all
          select c.area_id, a.parent_id, c.depth + 1
            from chain c join area a on a.id = c.ancestor_id
           where a.parent_id is not null
        )
        select area_id, ancestor_id, depth from chain
      `.execute(trx);
      // An area without a boundary of its own (the country) spans its children.
      await sql`
        update area a
           set min_lon = c.min_lon, min_lat = c.min_lat, max_lon = c.max_lon, max_lat = c.max_lat
          from (
            select parent_id, min(min_lon) as min_lon, min(min_lat) as min_lat, max(max_lon) as max_lon, max(max_lat) as max_lat
              from area where parent_id is not null group by parent_id
          ) c
         where c.parent_id = a.id and a.boundary is null
      `.execute(trx);
    }
    return fresh.length;
  });
}

export async function countAreas(db: Db): Promise<number> {
  const row = await db
    .selectFrom('area')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return row.n;
}

function areaQuery(db: Db) {
  return db
    .selectFrom('area as a')
    .leftJoin('area as p', 'p.id', 'a.parentId')
    .select([
      'a.id',
      'a.code',
      'a.level',
      'a.kind',
      'a.parentId',
      'p.code as parentCode',
      'a.nameAr',
      'a.nameFr',
      'a.nameEn',
      'a.population',
      'a.isoCode',
      'a.synthetic',
      'a.boundarySource',
      'a.timeZone',
      'a.centroidLon',
      'a.centroidLat',
      'a.minLon',
      'a.minLat',
      'a.maxLon',
      'a.maxLat',
      (eb) =>
        eb
          .selectFrom('area as c')
          .whereRef('c.parentId', '=', 'a.id')
          .select((e) => e.fn.countAll<number>().as('n'))
          .as('childCount'),
    ]);
}

type RawAreaRow = Awaited<ReturnType<ReturnType<typeof areaQuery>['execute']>>[number];

function toAreaRow(r: RawAreaRow): AreaRow {
  return {
    id: r.id,
    code: r.code,
    level: r.level as AreaLevel,
    kind: r.kind,
    parentId: r.parentId,
    parentCode: r.parentCode,
    nameAr: r.nameAr,
    nameFr: r.nameFr,
    nameEn: r.nameEn,
    population: r.population,
    isoCode: r.isoCode,
    synthetic: r.synthetic,
    boundarySource: r.boundarySource,
    timeZone: r.timeZone,
    centroid: r.centroidLon === null || r.centroidLat === null ? null : [r.centroidLon, r.centroidLat],
    bbox:
      r.minLon === null || r.minLat === null || r.maxLon === null || r.maxLat === null
        ? null
        : [r.minLon, r.minLat, r.maxLon, r.maxLat],
    childCount: Number(r.childCount ?? 0),
  };
}

export interface AreaFilter {
  level?: AreaLevel | undefined;
  parentId?: number | undefined;
  codes?: readonly string[] | undefined;
  ids?: readonly number[] | undefined;
}

export async function listAreas(db: Db, filter: AreaFilter = {}): Promise<AreaRow[]> {
  let query = areaQuery(db);
  if (filter.level) query = query.where('a.level', '=', filter.level);
  if (filter.parentId !== undefined) query = query.where('a.parentId', '=', filter.parentId);
  if (filter.codes) {
    query = filter.codes.length === 0 ? query.where(sql<boolean>`false`) : query.where('a.code', 'in', filter.codes);
  }
  if (filter.ids) {
    query = filter.ids.length === 0 ? query.where(sql<boolean>`false`) : query.where('a.id', 'in', filter.ids);
  }
  const rows = await query.orderBy('a.code').execute();
  return rows.map(toAreaRow);
}

export async function findAreaByCode(db: Db, code: string): Promise<AreaRow | undefined> {
  const row = await areaQuery(db).where('a.code', '=', code).executeTakeFirst();
  return row ? toAreaRow(row) : undefined;
}

export async function findAreaById(db: Db, id: number): Promise<AreaRow | undefined> {
  const row = await areaQuery(db).where('a.id', '=', id).executeTakeFirst();
  return row ? toAreaRow(row) : undefined;
}

/** The ancestors of an area, from the root down to its parent. */
export async function listAncestors(db: Db, areaId: number): Promise<AreaRow[]> {
  const ids = await db
    .selectFrom('areaAncestor')
    .select(['ancestorId', 'depth'])
    .where('areaId', '=', areaId)
    .where('depth', '>', 0)
    .orderBy('depth', 'desc')
    .execute();
  const rows = await listAreas(db, { ids: ids.map((r) => r.ancestorId) });
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.map((r) => byId.get(r.ancestorId)).filter((r): r is AreaRow => r !== undefined);
}

/** Whether `ancestorId` is the area itself or one of its ancestors. */
export async function isWithin(db: Db, areaId: number, ancestorId: number): Promise<boolean> {
  const row = await db
    .selectFrom('areaAncestor')
    .select('depth')
    .where('areaId', '=', areaId)
    .where('ancestorId', '=', ancestorId)
    .executeTakeFirst();
  return row !== undefined;
}

export interface AreaBoundary {
  id: number;
  code: string;
  geometry: AreaGeometry;
}

export async function listBoundaries(
  db: Db,
  filter: AreaFilter,
): Promise<(AreaRow & { geometry: AreaGeometry | null })[]> {
  const areas = await listAreas(db, filter);
  if (areas.length === 0) return [];
  const shapes = await db
    .selectFrom('area')
    .select(['id', 'boundary'])
    .where(
      'id',
      'in',
      areas.map((a) => a.id),
    )
    .execute();
  const byId = new Map(shapes.map((s) => [s.id, s.boundary]));
  return areas.map((a) => ({ ...a, geometry: byId.get(a.id) ?? null }));
}

/** Every area with its boundary, as plain data. */
export async function listAreaShapes(db: Db): Promise<DirectoryArea[]> {
  const rows = await db
    .selectFrom('area')
    .select(['id', 'code', 'level', 'parentId', 'population', 'boundary'])
    .execute();
  return rows.map((r) => ({
    id: r.id,
    code: r.code,
    level: r.level as AreaLevel,
    parentId: r.parentId,
    population: r.population,
    geometry: r.boundary ?? null,
  }));
}

/** Every area with its boundary, as the in-memory directory that assigns records to areas. */
export async function loadAreaDirectory(db: Db): Promise<AreaDirectory> {
  return new AreaDirectory(await listAreaShapes(db));
}

/** Every area of a level inside an area (the area itself included when it is of that level). */
export async function listAreasWithin(db: Db, ancestorId: number, level: AreaLevel): Promise<AreaRow[]> {
  const ids = await db
    .selectFrom('areaAncestor')
    .innerJoin('area', 'area.id', 'areaAncestor.areaId')
    .select('area.id')
    .where('areaAncestor.ancestorId', '=', ancestorId)
    .where('area.level', '=', level)
    .execute();
  return listAreas(db, { ids: ids.map((r) => r.id) });
}
