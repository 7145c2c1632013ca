import { sql } from 'kysely';
import type { AreaAssignment } from '../domain/incident.js';
import type { ReportKind, ReportStatus } from '../domain/citizen-report.js';
import type { Db } from './db.js';

/** Citizen reports and perception answers (migration 0010). */

export interface ReportRow {
  id: number;
  code: string;
  kind: ReportKind;
  serviceCode: string;
  description: string;
  lat: number | null;
  lon: number | null;
  areaId: number | null;
  areaCode: string | null;
  address: string | null;
  anonymous: boolean;
  contactName: string | null;
  contactEmail: string | null;
  contactPhone: string | null;
  status: ReportStatus;
  statusNotes: string | null;
  mergedInto: string | null;
  incidentId: number | null;
  requestedAt: Date;
  updatedAt: Date;
}

export interface NewReport {
  kind: ReportKind;
  serviceCode: string;
  description: string;
  lat: number | null;
  lon: number | null;
  place: AreaAssignment | null;
  address: string | null;
  contactName: string | null;
  contactEmail: string | null;
  contactPhone: string | null;
  requestedAt: Date;
  clientHash: string;
}

function reportQuery(db: Db) {
  return db
    .selectFrom('citizenReport as r')
    .leftJoin('area as a', 'a.id', 'r.areaId')
    .leftJoin('citizenReport as m', 'm.id', 'r.mergedInto')
    .select([
      'r.id',
      'r.code',
      'r.kind',
      'r.serviceCode',
      'r.description',
      'r.lat',
      'r.lon',
      'r.areaId',
      'a.code as areaCode',
      'r.address',
      'r.anonymous',
      'r.contactName',
      'r.contactEmail',
      'r.contactPhone',
      'r.status',
      'r.statusNotes',
      'm.code as mergedInto',
      'r.incidentId',
      'r.requestedAt',
      'r.updatedAt',
    ]);
}

type Selected = Awaited<ReturnType<ReturnType<typeof reportQuery>['executeTakeFirstOrThrow']>>;

function toRow(r: Selected): ReportRow {
  return {
    ...r,
    kind: r.kind as ReportKind,
    status: r.status as ReportStatus,
    incidentId: r.incidentId === null ? null : Number(r.incidentId),
  };
}

/**
 * Stores a report under a new code; `newCode` is asked again in the unlikely event that a code is taken. Returns the
 * stored row.
 */
export async function insertReport(db: Db, report: NewReport, newCode: () => string): Promise<ReportRow> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const code = newCode();
    const inserted = await db
      .insertInto('citizenReport')
      .values({
        code,
        kind: report.kind,
        serviceCode: report.serviceCode,
        description: report.description,
        lat: report.lat,
        lon: report.lon,
        areaId: report.place?.areaId ?? null,
        regionId: report.place?.regionId ?? null,
        provinceId: report.place?.provinceId ?? null,
        cityId: report.place?.cityId ?? null,
        districtId: report.place?.districtId ?? null,
        address: report.address,
        anonymous: report.contactName === null && report.contactEmail === null && report.contactPhone === null,
        contactName: report.contactName,
        contactEmail: report.contactEmail,
        contactPhone: report.contactPhone,
        requestedAt: report.requestedAt,
        updatedAt: report.requestedAt,
        clientHash: report.clientHash,
      })
      .onConflict((oc) => oc.column('code').doNothing())
      .returning('id')
      .executeTakeFirst();
    if (inserted) {
      const row = await findReport(db, code);
      if (!row) throw new Error(`report ${code} vanished`);
      return row;
    }
  }
  throw new Error('no free report code after 5 attempts');
}

export async function findReport(db: Db, code: string): Promise<ReportRow | undefined> {
  const row = await reportQuery(db).where('r.code', '=', code).executeTakeFirst();
  return row ? toRow(row) : undefined;
}

export async function findReports(db: Db, codes: readonly string[]): Promise<ReportRow[]> {
  if (codes.length === 0) return [];
  const rows = await reportQuery(db).where('r.code', 'in', codes).orderBy('r.id').execute();
  return rows.map(toRow);
}

/** Reports stored since `since`, by anyone: the global cap on new reports. */
export async function countReportsSince(db: Db, since: Date): Promise<number> {
  const row = await db
    .selectFrom('citizenReport')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('requestedAt', '>', since)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export interface ReportListQuery {
  /** Reports placed inside this area; `withUnplaced` adds those with no place (the national queue). */
  areaId: number;
  withUnplaced: boolean;
  status?: ReportStatus;
  after?: { at: Date; id: number };
  limit: number;
}

/** The triage queue, newest first; one row more than `limit` tells there is another page. */
export async function listReports(db: Db, q: ReportListQuery): Promise<ReportRow[]> {
  let query = reportQuery(db).where((eb) => {
    const inside = eb(
      'r.areaId',
      'in',
      eb.selectFrom('areaAncestor').select('areaId').where('ancestorId', '=', q.areaId),
    );
    return q.withUnplaced ? eb.or([inside, eb('r.areaId', 'is', null)]) : inside;
  });
  if (q.status) query = query.where('r.status', '=', q.status);
  if (q.after) {
    const { at, id } = q.after;
    query = query.where((eb) =>
      eb.or([eb('r.requestedAt', '<', at), eb.and([eb('r.requestedAt', '=', at), eb('r.id', '<', id)])]),
    );
  }
  const rows = await query
    .orderBy('r.requestedAt', 'desc')
    .orderBy('r.id', 'desc')
    .limit(q.limit + 1)
    .execute();
  return rows.map(toRow);
}

export interface ReportUpdate {
  status?: ReportStatus;
  statusNotes?: string | null;
  mergedInto?: number | null;
  incidentId?: number | null;
  updatedAt: Date;
}

export async function updateReport(db: Db, id: number, update: ReportUpdate): Promise<void> {
  await db.updateTable('citizenReport').set(update).where('id', '=', id).execute();
}

export interface NewPerception {
  place: AreaAssignment;
  answer: number;
  day: string;
  at: Date;
}

export async function insertPerception(db: Db, p: NewPerception): Promise<void> {
  await db
    .insertInto('perceptionResponse')
    .values({
      areaId: p.place.areaId,
      regionId: p.place.regionId,
      provinceId: p.place.provinceId,
      cityId: p.place.cityId,
      districtId: p.place.districtId,
      answer: p.answer,
      day: p.day,
      at: p.at,
    })
    .execute();
}

/** How many answered 1, 2, 3, 4 and 5 inside an area over days from–to (both included). */
export async function perceptionCounts(db: Db, areaId: number, from: string, to: string): Promise<number[]> {
  const rows = await db
    .selectFrom('perceptionResponse')
    .select(['answer', (eb) => eb.fn.countAll<string>().as('n')])
    .where('areaId', 'in', (eb) => eb.selectFrom('areaAncestor').select('areaId').where('ancestorId', '=', areaId))
    .where('day', '>=', from)
    .where('day', '<=', to)
    .groupBy('answer')
    .execute();
  const counts = [0, 0, 0, 0, 0];
  for (const r of rows) counts[r.answer - 1] = Number(r.n);
  return counts;
}

/** Rows of both tables, for tests that check nothing was stored. */
export async function citizenRowCounts(db: Db): Promise<{ reports: number; perceptions: number }> {
  const { rows } = await sql<{ reports: string; perceptions: string }>`
    select (select count(*) from citizen_report) as reports, (select count(*) from perception_response) as perceptions
  `.execute(db);
  return { reports: Number(rows[0]?.reports ?? 0), perceptions: Number(rows[0]?.perceptions ?? 0) };
}
