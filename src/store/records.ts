import type { NewCall } from '../domain/call.js';
import type { AreaAssignment, NewIncident } from '../domain/incident.js';
import { copyValue } from './copy.js';
import { withRawSession, type Db } from './db.js';

/** H3 cells as the store keeps them: the 64-bit index in decimal, null without a location. */
export interface H3Cells {
  h3R7: string | null;
  h3R8: string | null;
  h3R9: string | null;
}

export type Place = AreaAssignment & H3Cells;

export const incidentColumns = [
  'id',
  'category',
  'occurred_at',
  'reported_at',
  'lat',
  'lon',
  'area_id',
  'region_id',
  'province_id',
  'city_id',
  'district_id',
  'h3_r7',
  'h3_r8',
  'h3_r9',
  'status',
  'solved_at',
  'provenance',
  'source',
  'external_id',
  'synthetic',
] as const;

export const callColumns = [
  'received_at',
  'dispatched_at',
  'on_scene_at',
  'closed_at',
  'priority',
  'call_type',
  'incident_id',
  'lat',
  'lon',
  'area_id',
  'region_id',
  'province_id',
  'city_id',
  'district_id',
  'h3_r7',
  'h3_r8',
  'h3_r9',
  'outcome',
  'source',
  'external_id',
  'synthetic',
] as const;

const nil = '\\N';
const time = (d: Date | null) => (d === null ? nil : d.toISOString());
const num = (n: number | null) => (n === null ? nil : String(n));
const text = (s: string | null) => (s === null ? nil : s);

/** One incident as a line of COPY text, in `incidentColumns` order. */
export function incidentLine(id: number, r: NewIncident, p: Place): string {
  return `${id}\t${copyValue(r.category)}\t${time(r.occurredAt)}\t${time(r.reportedAt)}\t${num(r.lat)}\t${num(r.lon)}\t${p.areaId}\t${num(p.regionId)}\t${num(p.provinceId)}\t${num(p.cityId)}\t${num(p.districtId)}\t${text(p.h3R7)}\t${text(p.h3R8)}\t${text(p.h3R9)}\t${copyValue(r.status)}\t${time(r.solvedAt)}\t${copyValue(r.provenance)}\t${copyValue(r.source)}\t${copyValue(r.externalId)}\t${r.synthetic ? 't' : 'f'}\n`;
}

/** One call as a line of COPY text, in `callColumns` order. */
export function callLine(r: NewCall, p: Place, incidentId: number | null): string {
  return `${time(r.receivedAt)}\t${time(r.dispatchedAt)}\t${time(r.onSceneAt)}\t${time(r.closedAt)}\t${r.priority}\t${copyValue(r.callType)}\t${num(incidentId)}\t${num(r.lat)}\t${num(r.lon)}\t${p.areaId}\t${num(p.regionId)}\t${num(p.provinceId)}\t${num(p.cityId)}\t${num(p.districtId)}\t${text(p.h3R7)}\t${text(p.h3R8)}\t${text(p.h3R9)}\t${copyValue(r.outcome)}\t${copyValue(r.source)}\t${copyValue(r.externalId)}\t${r.synthetic ? 't' : 'f'}\n`;
}

export interface Batch {
  incidents: readonly { record: NewIncident; place: Place }[];
  /** Calls; `incidentIndex` points into this batch's incidents when the call reported one of them. */
  calls: readonly { record: NewCall; place: Place; incidentId?: number | null; incidentIndex?: number | null }[];
}

/**
 * Writes a batch of incidents and calls in one transaction (COPY on both engines): the batch lands whole or not at
 * all, and the roll-up triggers update the daily roll-up in the same transaction. Returns the new incidents' ids.
 */
export async function writeBatch(db: Db, batch: Batch): Promise<number[]> {
  return withRawSession(db, async (session) => {
    await session.query('begin');
    try {
      let ids: number[] = [];
      if (batch.incidents.length > 0) {
        const rows = await session.query<{ id: number }>(
          `select nextval('incident_id_seq') as id from generate_series(1, $1)`,
          [batch.incidents.length],
        );
        ids = rows.map((r) => Number(r.id));
        await session.copyText(
          'incident',
          incidentColumns,
          batch.incidents.map((r, i) => incidentLine(ids[i] as number, r.record, r.place)).join(''),
        );
      }
      if (batch.calls.length > 0) {
        const incidentIdOf = (c: Batch['calls'][number]) =>
          c.incidentIndex !== undefined && c.incidentIndex !== null
            ? (ids[c.incidentIndex] ?? null)
            : (c.incidentId ?? null);
        await session.copyText(
          'call_for_service',
          callColumns,
          batch.calls.map((c) => callLine(c.record, c.place, incidentIdOf(c))).join(''),
        );
      }
      await session.query('commit');
      return ids;
    } catch (error) {
      await session.query('rollback');
      throw error;
    }
  });
}
