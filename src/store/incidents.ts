import { sql } from 'kysely';
import type { CategoryCode } from '../domain/category.js';
import type { IncidentStatus, Provenance } from '../domain/incident.js';
import type { Db } from './db.js';
import { inArea, inScope, type AreaRef, type Scope } from './scope.js';

export interface IncidentQuery {
  area?: AreaRef | undefined;
  categories?: readonly string[] | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
  /** [minLon, minLat, maxLon, maxLat] */
  bbox?: readonly [number, number, number, number] | undefined;
  /** Continue after this (occurredAt, id), newest first. */
  after?: { occurredAt: Date; id: number } | undefined;
  limit: number;
}

export interface IncidentRecord {
  id: number;
  category: CategoryCode;
  occurredAt: Date;
  reportedAt: Date | null;
  lat: number | null;
  lon: number | null;
  areaId: number;
  areaCode: string;
  districtId: number | null;
  cityId: number | null;
  status: IncidentStatus;
  solvedAt: Date | null;
  provenance: Provenance;
  source: string;
  externalId: string | null;
  synthetic: boolean;
  h3R9: string | null;
}

/** Incidents newest first, one page at a time, inside the caller's scope and the requested area. */
export async function listIncidents(db: Db, scope: Scope, query: IncidentQuery): Promise<IncidentRecord[]> {
  let q = db
    .selectFrom('incident')
    .innerJoin('area', 'area.id', 'incident.areaId')
    .select([
      'incident.id',
      'incident.category',
      'incident.occurredAt',
      'incident.reportedAt',
      'incident.lat',
      'incident.lon',
      'incident.areaId',
      'area.code as areaCode',
      'incident.districtId',
      'incident.cityId',
      'incident.status',
      'incident.solvedAt',
      'incident.provenance',
      'incident.source',
      'incident.externalId',
      'incident.synthetic',
      // 64-bit cell indexes exceed a double's precision: read them as text.
      sql<string | null>`incident.h3_r9::text`.as('h3R9'),
    ])
    .where(inScope('incident', scope));
  const { area, categories, from, to, bbox, after } = query;
  if (area) q = q.where(inArea('incident', area));
  if (categories && categories.length > 0) q = q.where('incident.category', 'in', categories);
  if (from) q = q.where('incident.occurredAt', '>=', from);
  if (to) q = q.where('incident.occurredAt', '<', to);
  if (bbox) {
    q = q
      .where('incident.lon', '>=', bbox[0])
      .where('incident.lat', '>=', bbox[1])
      .where('incident.lon', '<=', bbox[2])
      .where('incident.lat', '<=', bbox[3]);
  }
  if (after) {
    q = q.where((eb) =>
      eb.or([
        eb('incident.occurredAt', '<', after.occurredAt),
        eb.and([eb('incident.occurredAt', '=', after.occurredAt), eb('incident.id', '<', after.id)]),
      ]),
    );
  }
  const rows = await q
    .orderBy('incident.occurredAt', 'desc')
    .orderBy('incident.id', 'desc')
    .limit(query.limit)
    .execute();
  return rows.map((r) => ({
    ...r,
    category: r.category as CategoryCode,
    status: r.status as IncidentStatus,
    provenance: r.provenance as Provenance,
  }));
}
