import { sql } from 'kysely';
import type { Provenance } from '../domain/incident.js';
import type { PatrolSource } from '../domain/patrol.js';
import type { Db } from './db.js';
import { inArea, type AreaRef } from './scope.js';

/** The patrol dosage log (docs/patrols.md). */

export interface NewPatrolLogEntry {
  unitId: number;
  cell: string;
  districtId: number;
  startedAt: Date;
  endedAt: Date;
  source: PatrolSource;
  recordedBy: number | null;
}

export interface PatrolLogRow {
  id: number;
  unitCode: string;
  cell: string;
  districtCode: string;
  startedAt: Date;
  endedAt: Date;
  source: PatrolSource;
  recordedBy: string | null;
  recordedAt: Date;
}

/** A time range: `from` included, `to` excluded. */
export interface TimeRange {
  from: Date;
  to: Date;
}

export async function insertPatrolLog(db: Db, entry: NewPatrolLogEntry): Promise<number> {
  const { id } = await db.insertInto('patrolLog').values(entry).returning('id').executeTakeFirstOrThrow();
  return id;
}

const inAreaOf = (areaId: number) => (eb: { selectFrom: Db['selectFrom'] }) =>
  eb.selectFrom('areaAncestor').select('areaId').where('ancestorId', '=', areaId);

/** The log's entries in the districts of an area that overlap a range, by start time. */
export async function listPatrolLog(db: Db, areaId: number, range: TimeRange): Promise<PatrolLogRow[]> {
  const rows = await db
    .selectFrom('patrolLog as p')
    .innerJoin('policeUnit as u', 'u.id', 'p.unitId')
    .innerJoin('area as d', 'd.id', 'p.districtId')
    .leftJoin('appUser as w', 'w.id', 'p.recordedBy')
    .select([
      'p.id',
      'u.code as unitCode',
      'p.cell',
      'd.code as districtCode',
      'p.startedAt',
      'p.endedAt',
      'p.source',
      'w.username as recordedBy',
      'p.recordedAt',
    ])
    .where('p.districtId', 'in', inAreaOf(areaId)(db))
    .where('p.startedAt', '<', range.to)
    .where('p.endedAt', '>', range.from)
    .orderBy('p.startedAt')
    .orderBy('p.id')
    .execute();
  return rows.map((r) => ({ ...r, source: r.source as PatrolSource }));
}

export interface PatrolHours {
  districtId: number;
  cell: string;
  hours: number;
}

/**
 * Hours of one source in the districts of an area, per district and cell, counting only the part of each entry
 * inside the range.
 */
export async function patrolHours(
  db: Db,
  areaId: number,
  range: TimeRange,
  source: PatrolSource,
): Promise<PatrolHours[]> {
  const result = await sql<PatrolHours>`
    select district_id as "districtId", cell,
           sum(extract(epoch from least(ended_at, ${range.to}::timestamptz)
                                - greatest(started_at, ${range.from}::timestamptz)))::float8 / 3600 as hours
      from patrol_log
     where district_id in (select area_id from area_ancestor where ancestor_id = ${areaId})
       and source = ${source}
       and started_at < ${range.to}::timestamptz and ended_at > ${range.from}::timestamptz
     group by 1, 2
     order by 1, 2
  `.execute(db);
  return result.rows;
}

/** The cells of an area's districts with any entry (planned or actual) overlapping a range. */
export async function patrolledCells(db: Db, areaId: number, range: TimeRange): Promise<string[]> {
  const rows = await db
    .selectFrom('patrolLog')
    .select('cell')
    .distinct()
    .where('districtId', 'in', inAreaOf(areaId)(db))
    .where('startedAt', '<', range.to)
    .where('endedAt', '>', range.from)
    .orderBy('cell')
    .execute();
  return rows.map((r) => r.cell);
}

/** Incidents per area from the daily roll-up over local days (both ends included), for the areas given. */
export async function incidentsByArea(
  db: Db,
  areaIds: readonly number[],
  fromDay: string,
  toDay: string,
): Promise<Map<number, number>> {
  if (areaIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('rollupDaily')
    .select(['areaId', sql<number>`sum(incidents)::int`.as('incidents')])
    .where('areaId', 'in', areaIds)
    .where('day', '>=', fromDay)
    .where('day', '<=', toDay)
    .groupBy('areaId')
    .execute();
  return new Map(rows.map((r) => [r.areaId, r.incidents]));
}

export interface CellCount {
  /** The H3 resolution-8 index, decimal as stored. */
  h3R8: string;
  districtId: number;
  incidents: number;
}

/**
 * Incidents of the given provenances in an area per H3 resolution-8 cell and district, occurring in a range.
 * Incidents without a cell or a district are left out.
 */
export async function incidentsByH3R8(
  db: Db,
  area: AreaRef,
  range: TimeRange,
  provenances: readonly Provenance[],
): Promise<CellCount[]> {
  if (provenances.length === 0) return [];
  const result = await sql<CellCount>`
    select incident.h3_r8::text as "h3R8", incident.district_id as "districtId", count(*)::int as incidents
      from incident
     where ${inArea('incident', area)}
       and incident.occurred_at >= ${range.from}::timestamptz and incident.occurred_at < ${range.to}::timestamptz
       and incident.provenance in (${sql.join(provenances)})
       and incident.h3_r8 is not null and incident.district_id is not null
     group by 1, 2
     order by 1, 2
  `.execute(db);
  return result.rows;
}
