import { sql } from 'kysely';
import type { Provenance, TimePrecision } from '../domain/incident.js';
import type { Db } from './db.js';
import { inArea, inScope, type AreaRef, type Scope } from './scope.js';

export interface PointQuery {
  area: AreaRef;
  /** Instants: from inclusive, to exclusive. */
  from: Date;
  to: Date;
  /** Default: every category. */
  categories?: readonly string[] | undefined;
  /** Default: every provenance. */
  provenances?: readonly Provenance[] | undefined;
}

/**
 * Located incidents as parallel arrays (no object per incident: an analysis may read millions). Incidents
 * without a point are left out and counted.
 */
export interface IncidentPoints {
  id: Float64Array;
  lon: Float64Array;
  lat: Float64Array;
  /** Milliseconds since the epoch. */
  time: Float64Array;
  category: string[];
  precision: TimePrecision[];
  /** The district each incident falls in, or 0 when none. */
  districtId: Int32Array;
  /** Incidents of the query that have no point. */
  withoutPoint: number;
  /** Located incidents that are synthetic (the demo's). */
  synthetic: number;
}

interface PointRow {
  id: number;
  lon: number | null;
  lat: number | null;
  time: number;
  category: string;
  precision: TimePrecision;
  districtId: number | null;
  synthetic: boolean;
}

/** The incidents of an area and a time range inside the caller's scope, as points. */
export async function incidentPoints(db: Db, scope: Scope, query: PointQuery): Promise<IncidentPoints> {
  const categories = query.categories && query.categories.length > 0 ? query.categories : null;
  const provenances = query.provenances && query.provenances.length > 0 ? query.provenances : null;
  const result = await sql<PointRow>`
    select incident.id, incident.lon, incident.lat,
           extract(epoch from incident.occurred_at) * 1000 as time,
           incident.category, incident.occurred_precision as precision, incident.district_id as "districtId",
           incident.synthetic
      from incident
     where ${inArea('incident', query.area)} and ${inScope('incident', scope)}
       and incident.occurred_at >= ${query.from} and incident.occurred_at < ${query.to}
       and ${categories === null ? sql`true` : sql`incident.category in (${sql.join(categories)})`}
       and ${provenances === null ? sql`true` : sql`incident.provenance in (${sql.join(provenances)})`}
     order by incident.occurred_at, incident.id
  `.execute(db);
  const located = result.rows.filter((row) => row.lon !== null && row.lat !== null);
  const n = located.length;
  const points: IncidentPoints = {
    id: new Float64Array(n),
    lon: new Float64Array(n),
    lat: new Float64Array(n),
    time: new Float64Array(n),
    category: new Array<string>(n),
    precision: new Array<TimePrecision>(n),
    districtId: new Int32Array(n),
    withoutPoint: result.rows.length - n,
    synthetic: 0,
  };
  located.forEach((row, i) => {
    points.id[i] = Number(row.id);
    points.lon[i] = Number(row.lon);
    points.lat[i] = Number(row.lat);
    points.time[i] = Number(row.time);
    points.category[i] = row.category;
    points.precision[i] = row.precision;
    points.districtId[i] = row.districtId ?? 0;
    if (row.synthetic) points.synthetic++;
  });
  return points;
}
