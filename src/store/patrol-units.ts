import { sql } from 'kysely';
import type { PatrolUnitKind, PatrolUnitStatus } from '../domain/patrol-unit.js';
import type { ShiftName } from '../domain/patrol.js';
import { inTransaction } from './audit.js';
import type { Db } from './db.js';
import type { TimeRange } from './patrols.js';

/** Patrol units and the presence they give each district (docs/patrols.md "Units and presence"). */

export interface NewPatrolUnit {
  code: string;
  stationId: number;
  districtId: number;
  kind: PatrolUnitKind;
  status: PatrolUnitStatus;
  statusSince: Date;
  illustrative: boolean;
}

export interface PatrolUnitRow {
  id: number;
  code: string;
  stationCode: string;
  districtId: number;
  districtCode: string;
  kind: PatrolUnitKind;
  status: PatrolUnitStatus;
  statusSince: Date;
  illustrative: boolean;
}

const batch = 1000;

export async function insertPatrolUnits(db: Db, units: readonly NewPatrolUnit[]): Promise<void> {
  for (let i = 0; i < units.length; i += batch) {
    await db
      .insertInto('patrolUnit')
      .values(units.slice(i, i + batch))
      .execute();
  }
}

/** Removes the demo's units and its generated patrol shifts. */
export async function deleteIllustrativePatrols(db: Db): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('patrolLog').where('synthetic', '=', true).execute();
    await trx.deleteFrom('patrolUnit').where('illustrative', '=', true).execute();
  });
}

function unitQuery(db: Db) {
  return db
    .selectFrom('patrolUnit as p')
    .innerJoin('policeUnit as s', 's.id', 'p.stationId')
    .innerJoin('area as d', 'd.id', 'p.districtId')
    .select([
      'p.id',
      'p.code',
      's.code as stationCode',
      'p.districtId',
      'd.code as districtCode',
      'p.kind',
      'p.status',
      'p.statusSince',
      'p.illustrative',
    ]);
}

const rowOf = (r: Awaited<ReturnType<ReturnType<typeof unitQuery>['execute']>>[number]): PatrolUnitRow => ({
  ...r,
  kind: r.kind as PatrolUnitKind,
  status: r.status as PatrolUnitStatus,
});

/** The units whose home district lies in an area (the area itself when it is a district), by code. */
export async function listPatrolUnits(db: Db, areaId: number): Promise<PatrolUnitRow[]> {
  const rows = await unitQuery(db)
    .where('p.districtId', 'in', (eb) =>
      eb.selectFrom('areaAncestor').select('areaId').where('ancestorId', '=', areaId),
    )
    .orderBy('p.code')
    .execute();
  return rows.map(rowOf);
}

export async function findPatrolUnit(db: Db, code: string): Promise<PatrolUnitRow | undefined> {
  const row = await unitQuery(db).where('p.code', '=', code).executeTakeFirst();
  return row && rowOf(row);
}

/** Sets a unit's status and records the change, in one transaction. */
export async function setPatrolUnitStatus(
  db: Db,
  unitId: number,
  status: PatrolUnitStatus,
  at: Date,
  changedBy: number | null,
): Promise<void> {
  await inTransaction(db, async (trx) => {
    await trx.updateTable('patrolUnit').set({ status, statusSince: at }).where('id', '=', unitId).execute();
    await trx.insertInto('patrolUnitStatusChange').values({ unitId, status, at, changedBy }).execute();
  });
}

export interface PresenceRow {
  districtId: number;
  shift: ShiftName;
  hours: number;
}

/**
 * Actual patrol hours per district of an area and shift, the part of each log entry inside the range; an entry
 * belongs to the shift its local start time falls in (06–14 morning, 14–22 afternoon, else night).
 */
export async function presenceByShift(
  db: Db,
  areaId: number,
  range: TimeRange,
  timeZone: string,
): Promise<PresenceRow[]> {
  const result = await sql<PresenceRow>`
    select p.district_id,
           case when extract(hour from p.started_at at time zone ${timeZone}) >= 6
                 and extract(hour from p.started_at at time zone ${timeZone}) < 14 then 'morning'
                when extract(hour from p.started_at at time zone ${timeZone}) >= 14
                 and extract(hour from p.started_at at time zone ${timeZone}) < 22 then 'afternoon'
                else 'night' end as shift,
           sum(extract(epoch from (least(p.ended_at, ${range.to}::timestamptz)
                                   - greatest(p.started_at, ${range.from}::timestamptz))) / 3600)::float8 as hours
      from patrol_log p
     where p.source = 'actual'
       and p.district_id in (select area_id from area_ancestor where ancestor_id = ${areaId})
       and p.started_at < ${range.to}::timestamptz
       and p.ended_at > ${range.from}::timestamptz
     group by 1, 2
  `.execute(db);
  return result.rows;
}
